/**
 * The investments view of a service: capacity-sharing agreements (METHODS
 * §5), the facilities to build or expand (§6) and who pays for them under
 * each rule, with the core checks (§7). Pure: lines at a width; scrolling is
 * the caller's.
 */
import type { ServiceAnalysis } from '../analysis/analyze.js';
import { allocationInCore } from '../analysis/cost-sharing/cost-sharing-result.js';
import { humanNumber } from '../engines/number-format.js';
import type { CostShare, RuleCore, ServiceCooperation } from './cooperation.js';
import { EMPTY, fit, line, segment, type Line, type Segment } from './line.js';
import { columnWidths, GAP, row, rowCells, separator, type TextColumn } from './columns.js';
import { cells, padEnd, wrapWords } from './text.js';

const RULE_LABEL: Readonly<Record<RuleCore['rule'], string>> = { shapley: 'Shapley', scrb: 'SCRB', nucleolus: 'nucleolus', by_use: 'by use', by_population: 'by population' };

function agreementLines(cooperation: ServiceCooperation, names: readonly string[], unit: string, width: number): Line[] {
  const agreements = cooperation.agreements ?? [];
  const total = agreements.reduce((sum, a) => sum + a.yearlyCost, 0);
  const title = line(segment('Agreements', 'bold'), segment(agreements.length > 0 ? ` (§5): ${agreements.length}, ${humanNumber(total)} PLN a year` : ' (§5)', 'dim'));
  if (agreements.length === 0) return [title, line(segment('no agreements: no partner needs places another can spare', 'dim'))];
  const columns: readonly TextColumn[] = [
    { title: 'buyer', align: 'left', shrink: true },
    { title: '', align: 'left' },
    { title: 'provider', align: 'left', shrink: true },
    { title: unit, align: 'right' },
    { title: 'km', align: 'right' },
    { title: 'PLN a year', align: 'right' },
  ];
  const rows = agreements.map((a) => [names[a.buyer], '→', names[a.provider], humanNumber(a.places), humanNumber(a.km, 1), humanNumber(a.yearlyCost)]);
  const widths = columnWidths(columns, rows, width);
  return [
    title,
    line(
      segment(
        row(
          columns,
          widths,
          columns.map((c) => c.title),
        ),
        'dim',
      ),
    ),
    ...rows.map((values) => line(row(columns, widths, values))),
  ];
}

function facilityLines(cooperation: ServiceCooperation, names: readonly string[], unit: string, width: number): Line[] {
  const facilities = cooperation.facilities ?? [];
  const totals = cooperation.investment;
  const title = line(
    segment('Facilities', 'bold'),
    segment(facilities.length > 0 && totals ? ` (§6): ${facilities.length}, capex ${humanNumber(totals.capex)} PLN, ${humanNumber(totals.opexPerYear)} PLN a year` : ' (§6)', 'dim'),
  );
  if (facilities.length === 0) return [title, line(segment('no investment needed: no residual demand a new facility or expansion would serve', 'dim'))];
  const columns: readonly TextColumn[] = [
    { title: 'municipality', align: 'left', shrink: true },
    { title: 'kind', align: 'left' },
    { title: unit, align: 'right' },
    { title: 'capex PLN', align: 'right' },
    { title: 'PLN a year', align: 'right' },
  ];
  const values = facilities.map((f) => [names[f.municipality], f.count > 1 ? `${f.kind} ×${f.count}` : f.kind, humanNumber(f.places), humanNumber(f.capex), humanNumber(f.opexPerYear)]);
  const widths = columnWidths(columns, values, width);
  const head = row(
    columns,
    widths,
    columns.map((c) => c.title),
  );
  const rows = facilities.map((f, k) => ({
    main: rowCells(columns, widths, values[k]).join(separator),
    serves: f.serves.map((s) => `${names[s.municipality]} ${humanNumber(s.residents)} (${humanNumber(s.km, 1)} km)`).join(', '),
  }));
  // who each serves in a last column when every row fits, else under each row
  const inline = rows.every(({ main, serves }) => cells(main) + GAP + cells(serves) <= width);
  return [
    title,
    line(
      segment(
        inline
          ? `${rowCells(
              columns,
              widths,
              columns.map((c) => c.title),
            ).join(separator)}${separator}serves`
          : head,
        'dim',
      ),
    ),
    ...rows.flatMap(({ main, serves }) =>
      inline ? [line(main, segment(`${separator}${serves}`, 'dim'))] : [line(main.trimEnd()), ...wrapWords(`serves ${serves}`, width - 4).map((part) => line(segment(`    ${part}`, 'dim')))],
    ),
  ];
}

function coreLines(core: RuleCore, names: readonly string[], width: number): Line[] {
  const label = padEnd(RULE_LABEL[core.rule], 15);
  const scope = core.complete ? `all ${humanNumber(core.checked)} coalitions checked` : `${humanNumber(core.checked)} coalitions checked: singletons, complements, pairs`;
  if (allocationInCore(core)) return [line(label, segment('in the core', 'good'), segment(` (${scope})`, 'dim'))];
  const worst = core.violations.reduce((a, b) => (b.excess > a.excess ? b : a));
  const count = core.violations.length;
  const first = `: ${count} coalition${count === 1 ? ' pays' : 's pay'} more than on ${count === 1 ? 'its' : 'their'} own`;
  const most = `most {${worst.coalition.map((i) => names[i]).join(', ')}} +${humanNumber(worst.excess)} PLN`;
  if (cells(label) + 15 + cells(first) + 2 + cells(most) <= width) return [line(label, segment('not in the core', 'bad'), `${first}, ${most}`)];
  return [line(label, segment('not in the core', 'bad'), first), line(' '.repeat(cells(label)), most)];
}

function shareLines(cooperation: ServiceCooperation, names: readonly string[], width: number): Line[] {
  const shares = cooperation.costShares ?? [];
  const title = line(segment('Who pays', 'bold'), segment(' (§7): cost shares in PLN', 'dim'));
  if (shares.length === 0) return [line(segment('Who pays', 'bold'), segment(' (§7)', 'dim')), line(segment('no costs to share: nothing to build', 'dim'))];
  const monteCarlo = cooperation.exact === false;
  const rules: readonly { readonly title: string; readonly value: (s: CostShare) => string; readonly rule?: RuleCore['rule']; readonly tone?: (s: CostShare) => Segment['tone'] }[] = [
    { title: 'stand-alone', value: (s) => humanNumber(s.standalone) },
    { title: 'by use', value: (s) => humanNumber(s.byUse), rule: 'by_use' },
    { title: 'by population', value: (s) => humanNumber(s.byPopulation), rule: 'by_population' },
    { title: 'Shapley', value: (s) => (monteCarlo ? `${humanNumber(s.shapley)} ±${humanNumber(s.shapleySE)}` : humanNumber(s.shapley)), rule: 'shapley' },
    {
      title: 'saving',
      value: (s) => (s.saving === undefined ? '–' : humanNumber(s.saving)),
      tone: (s) => (s.saving === undefined || Math.round(s.saving) === 0 ? 'plain' : s.saving > 0 ? 'good' : 'bad'),
    },
  ];
  // A rule's column ends in a mark cell: `*` where the municipality is in a coalition that pays more than on its own.
  const columns: readonly TextColumn[] = [{ title: 'municipality', align: 'left', shrink: true }, ...rules.map((r): TextColumn => ({ title: r.rule ? `${r.title} ` : r.title, align: 'right' }))];
  const out = shares.map((s) => rules.map((r) => r.rule !== undefined && s.inCore?.[r.rule] === false));
  const values = shares.map((s, k) => [names[s.municipality], ...rules.map((r, j) => r.value(s) + (r.rule ? (out[k][j] ? '*' : ' ') : ''))]);
  const widths = columnWidths(columns, values, width);
  const marked = out.some((marks) => marks.some(Boolean));
  const rows = shares.map((s, k) => {
    const texts = rowCells(columns, widths, values[k]);
    const parts: Segment[] = [segment(texts[0])];
    rules.forEach((r, j) => parts.push(segment(separator), segment(texts[j + 1], out[k][j] ? 'bad' : (r.tone?.(s) ?? 'plain'))));
    return { segments: parts };
  });
  // SCRB and the nucleolus in a table of their own, so that both tables fit 80 cells.
  const others: readonly { readonly title: string; readonly value: (s: CostShare) => string; readonly rule: RuleCore['rule'] }[] = [
    { title: 'SCRB', value: (s) => (s.scrb === undefined ? '–' : humanNumber(s.scrb)), rule: 'scrb' },
    { title: 'nucleolus', value: (s) => (s.nucleolus === undefined ? '–' : humanNumber(s.nucleolus)), rule: 'nucleolus' },
  ];
  const otherColumns: readonly TextColumn[] = [{ title: 'municipality', align: 'left', shrink: true }, ...others.map((r): TextColumn => ({ title: `${r.title} `, align: 'right' }))];
  const otherOut = shares.map((s) => others.map((r) => s.inCore?.[r.rule] === false));
  const otherValues = shares.map((s, k) => [names[s.municipality], ...others.map((r, j) => r.value(s) + (otherOut[k][j] ? '*' : ' '))]);
  const otherWidths = columnWidths(otherColumns, otherValues, width);
  const otherRows = shares.map((_, k) => {
    const texts = rowCells(otherColumns, otherWidths, otherValues[k]);
    const parts: Segment[] = [segment(texts[0])];
    others.forEach((_, j) => parts.push(segment(separator), segment(texts[j + 1], otherOut[k][j] ? 'bad' : 'plain')));
    return { segments: parts };
  });
  const anyMarked = marked || otherOut.some((marks) => marks.some(Boolean));
  return [
    title,
    line(
      segment(
        row(
          columns,
          widths,
          columns.map((c) => c.title),
        ),
        'dim',
      ),
    ),
    ...rows,
    EMPTY,
    line(
      segment(
        row(
          otherColumns,
          otherWidths,
          otherColumns.map((c) => c.title),
        ),
        'dim',
      ),
    ),
    ...otherRows,
    ...(cooperation.nucleolusComputed === false ? [line(segment('nucleolus not computed: more than 12 players in a group, or the stand-alone costs add up to less than the bill', 'dim'))] : []),
    ...(anyMarked ? [line(segment('* not in the core: a coalition with this municipality pays more than on its own', 'dim'))] : []),
    EMPTY,
    ...(cooperation.core ?? []).flatMap((check) => coreLines(check, names, width)),
  ];
}

/** Every line of the investments view of `result` at `columns` cells. */
export function investmentLines(
  result: ServiceAnalysis,
  cooperation: ServiceCooperation | undefined,
  names: readonly string[],
  columns: number,
  solving: 'done' | 'computing' | 'off' | 'failed' = 'done',
  failure?: string,
): Line[] {
  const title = line(segment('Investments and cost sharing', 'bold'), segment(` · ${result.service.id} (${result.service.unit})`, 'dim'));
  if (!cooperation) {
    const why =
      solving === 'computing'
        ? 'Solving agreements, facilities and cost shares (docs/methods.md §5–§7)… this view fills in when they are ready.'
        : solving === 'failed'
          ? `Cooperation (docs/methods.md §5–§7) could not be solved: ${failure ?? 'unknown error'}`
          : solving === 'off'
            ? 'Cooperation (docs/methods.md §5–§7) was not computed: the explorer was opened with --no-cooperation.'
            : 'Cooperation (docs/methods.md §5–§7) was not computed for this analysis.';
    return [title, EMPTY, ...wrapWords(why, columns).map((part) => line(segment(part, solving === 'failed' ? 'warn' : 'dim')))].map((value) => fit(value, columns));
  }
  const unit = result.service.unit;
  return [title, EMPTY, ...agreementLines(cooperation, names, unit, columns), EMPTY, ...facilityLines(cooperation, names, unit, columns), EMPTY, ...shareLines(cooperation, names, columns)].map(
    (value) => fit(value, columns),
  );
}
