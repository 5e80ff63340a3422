/**
 * The investments view of a service: capacity-sharing agreements (METHODS
 * §5), the facilities to build or expand (§6) and who pays for them under
 * each rule, with the core checks (§7). Pure: lines at a width; scrolling is
 * the caller's.
 */
import type { ServiceAnalysis } from '../analysis/analyze.js';
import { humanNumber } from '../report/format.js';
import type { CostShare, RuleCore, ServiceCooperation } from './cooperation.js';
import { EMPTY, fit, line, segment, type Line, type Segment } from './line.js';
import { cells, padEnd, padStart, wrapWords } from './text.js';

const clamp = (value: number, low: number, high: number): number => Math.max(low, Math.min(high, value));

/** Width of a name column: the longest of `names` and `title`, within [8, min(28, room)]. */
const nameColumn = (names: readonly string[], title: string, room: number): number => clamp(Math.max(cells(title), ...names.map(cells)), 8, Math.max(8, Math.min(28, room)));

const RULE_LABEL: Readonly<Record<RuleCore['rule'], string>> = { shapley: 'Shapley', scrb: 'SCRB', nucleolus: 'nucleolus', by_use: 'by use', by_population: 'by population' };

function agreementLines(cooperation: ServiceCooperation, names: readonly string[], unit: string, width: number): Line[] {
  const agreements = cooperation.agreements ?? [];
  const total = agreements.reduce((sum, a) => sum + a.yearlyCost, 0);
  const title = line(segment('Agreements', 'bold'), segment(agreements.length > 0 ? ` (§5): ${agreements.length}, ${humanNumber(total)} PLN a year` : ' (§5)', 'dim'));
  if (agreements.length === 0) return [title, line(segment('no agreements: no partner needs places another can spare', 'dim'))];
  const nameWidth = nameColumn(agreements.flatMap((a) => [names[a.buyer], names[a.provider]]), 'provider', Math.floor((width - 3 - 8 - 10 - 16) / 2));
  const row = (buyer: string, arrow: string, provider: string, places: string, km: string, cost: string): string =>
    padEnd(buyer, nameWidth) + arrow + padEnd(provider, nameWidth) + padStart(places, 8) + padStart(km, 10) + padStart(cost, 16);
  return [
    title,
    line(segment(row('buyer', '   ', 'provider', unit, 'km', 'PLN a year'), 'dim')),
    ...agreements.map((a) => line(row(names[a.buyer], ' → ', names[a.provider], humanNumber(a.places), humanNumber(a.km, 1), humanNumber(a.yearlyCost)))),
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
  const nameWidth = nameColumn(facilities.map((f) => names[f.municipality]), 'municipality', width - 11 - 8 - 14 - 14);
  const row = (name: string, kind: string, places: string, capex: string, opex: string): string => padEnd(name, nameWidth) + padEnd(` ${kind}`, 11) + padStart(places, 8) + padStart(capex, 14) + padStart(opex, 14);
  const head = row('municipality', 'kind', unit, 'capex PLN', 'PLN a year');
  const rows = facilities.map((f) => ({
    main: row(names[f.municipality], f.count > 1 ? `${f.kind} ×${f.count}` : f.kind, humanNumber(f.places), humanNumber(f.capex), humanNumber(f.opexPerYear)),
    serves: f.serves.map((s) => `${names[s.municipality]} ${humanNumber(s.residents)} (${humanNumber(s.km, 1)} km)`).join(', '),
  }));
  // who each serves in a last column when every row fits, else under each row
  const inline = rows.every(({ main, serves }) => cells(main) + 2 + cells(serves) <= width);
  return [
    title,
    line(segment(inline ? `${head}  serves` : head, 'dim')),
    ...rows.flatMap(({ main, serves }) =>
      inline ? [line(main, segment(`  ${serves}`, 'dim'))] : [line(main), ...wrapWords(`serves ${serves}`, width - 4).map((part) => line(segment(`    ${part}`, 'dim')))],
    ),
  ];
}

function inViolation(core: RuleCore | undefined, municipality: number): boolean {
  return (core?.violations ?? []).some((v) => v.coalition.includes(municipality));
}

function coreLines(core: RuleCore, names: readonly string[], width: number): Line[] {
  const label = padEnd(RULE_LABEL[core.rule], 15);
  const scope = core.complete ? `all ${humanNumber(core.checked)} coalitions checked` : `${humanNumber(core.checked)} coalitions checked: singletons, complements, pairs`;
  if (core.violations.length === 0) return [line(label, segment('in the core', 'good'), segment(` (${scope})`, 'dim'))];
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
  const core = new Map((cooperation.core ?? []).map((check) => [check.rule, check]));
  const monteCarlo = cooperation.exact === false;
  const shapleyWidth = monteCarlo ? 20 : 11;
  const columns: readonly { readonly title: string; readonly width: number; readonly value: (s: CostShare) => string; readonly rule?: RuleCore['rule']; readonly tone?: (s: CostShare) => Segment['tone'] }[] = [
    { title: 'stand-alone', width: 12, value: (s) => humanNumber(s.standalone) },
    { title: 'by use', width: 11, value: (s) => humanNumber(s.byUse), rule: 'by_use' },
    { title: 'by population', width: 14, value: (s) => humanNumber(s.byPopulation), rule: 'by_population' },
    { title: 'Shapley', width: shapleyWidth, value: (s) => (monteCarlo ? `${humanNumber(s.shapley)} ±${humanNumber(s.shapleySE)}` : humanNumber(s.shapley)), rule: 'shapley' },
    {
      title: 'saving',
      width: 11,
      value: (s) => (s.saving === undefined ? '–' : humanNumber(s.saving)),
      tone: (s) => (s.saving === undefined || Math.round(s.saving) === 0 ? 'plain' : s.saving > 0 ? 'good' : 'bad'),
    },
  ];
  const nameWidth = nameColumn(shares.map((s) => names[s.municipality]), 'municipality', width - columns.reduce((sum, c) => sum + c.width, 0));
  let marked = false;
  const rows = shares.map((s) => {
    const parts: Segment[] = [segment(padEnd(names[s.municipality], nameWidth))];
    for (const column of columns) {
      const out = column.rule !== undefined && inViolation(core.get(column.rule), s.municipality);
      marked ||= out;
      parts.push(segment(padStart(column.value(s), column.width - 1) + (out ? '*' : ' '), out ? 'bad' : (column.tone?.(s) ?? 'plain')));
    }
    return { segments: parts };
  });
  const head = padEnd('municipality', nameWidth) + columns.map((c) => padStart(c.title, c.width - 1) + ' ').join('');
  // SCRB and the nucleolus in a table of their own, so that both tables fit 80 cells.
  const others: readonly { readonly title: string; readonly value: (s: CostShare) => string; readonly rule: RuleCore['rule'] }[] = [
    { title: 'SCRB', value: (s) => (s.scrb === undefined ? '–' : humanNumber(s.scrb)), rule: 'scrb' },
    { title: 'nucleolus', value: (s) => (s.nucleolus === undefined ? '–' : humanNumber(s.nucleolus)), rule: 'nucleolus' },
  ];
  const otherRows = shares.map((s) => {
    const parts: Segment[] = [segment(padEnd(names[s.municipality], nameWidth))];
    for (const column of others) {
      const out = inViolation(core.get(column.rule), s.municipality);
      marked ||= out;
      parts.push(segment(padStart(column.value(s), 13) + (out ? '*' : ' '), out ? 'bad' : 'plain'));
    }
    return { segments: parts };
  });
  const otherHead = padEnd('municipality', nameWidth) + others.map((c) => padStart(c.title, 13) + ' ').join('');
  return [
    title,
    line(segment(head, 'dim')),
    ...rows,
    EMPTY,
    line(segment(otherHead, 'dim')),
    ...otherRows,
    ...(cooperation.nucleolusComputed === false ? [line(segment('nucleolus not computed: more than 12 players in a group, or the stand-alone costs add up to less than the bill', 'dim'))] : []),
    ...(marked ? [line(segment('* not in the core: a coalition with this municipality pays more than on its own', 'dim'))] : []),
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
        ? 'Solving agreements, facilities and cost shares (METHODS §5–§7)… this view fills in when they are ready.'
        : solving === 'failed'
          ? `Cooperation (METHODS §5–§7) could not be solved: ${failure ?? 'unknown error'}`
          : solving === 'off'
            ? 'Cooperation (METHODS §5–§7) was not computed: the explorer was opened with --no-cooperation.'
            : 'Cooperation (METHODS §5–§7) was not computed for this analysis.';
    return [title, EMPTY, ...wrapWords(why, columns).map((part) => line(segment(part, solving === 'failed' ? 'warn' : 'dim')))].map((value) => fit(value, columns));
  }
  const unit = result.service.unit;
  return [title, EMPTY, ...agreementLines(cooperation, names, unit, columns), EMPTY, ...facilityLines(cooperation, names, unit, columns), EMPTY, ...shareLines(cooperation, names, columns)].map((value) => fit(value, columns));
}
