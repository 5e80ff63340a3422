/**
 * The overview: one row per service (totals of the partners, unmet demand,
 * inequality, whether flows were observed or estimated), and the figures and
 * findings of the service under the cursor.
 */
import { EN } from '../report/i18n/en.js';
import type { Analysis, ServiceAnalysis, Totals } from '../analysis/analyze.js';
import { gravityReachKm } from '../analysis/gravity/service-gravity.js';
import { CLASSES } from '../analysis/imbalance/imbalance.js';
import { mainProvider, serviceFindings } from '../report/findings.js';
import { humanNumber, percent } from '../engines/number-format.js';
import { EMPTY, fit, line, segment, type Line } from './line.js';
import { CLASS_TONE, windowStart } from './municipality-table.js';
import { padEnd, padStart, wrapWords } from './text.js';

export interface OverviewModel {
  readonly header: Line;
  readonly services: readonly Line[];
  /** Figures and findings of the selected service, cut to the height left. */
  readonly panel: readonly Line[];
}

const NUMBERS = [
  { title: 'flows', width: 9 },
  { title: 'supply', width: 9 },
  { title: 'demand', width: 9 },
  { title: 'coverage', width: 8 },
  { title: 'unmet', width: 8 },
  { title: 'Gini', width: 5 },
];

function serviceLine(result: ServiceAnalysis, nameWidth: number, selected: boolean): Line {
  const p = result.partners;
  const unmet = Math.round(p.unmet) > 0;
  const values = [result.flowsEstimated ? 'estimated' : 'observed', humanNumber(p.supply), humanNumber(p.demand), percent(p.coverage), humanNumber(p.unmet), humanNumber(result.inequality.gini, 2)];
  return {
    selected,
    segments: [
      segment(selected ? '› ' : '  ', 'accent'),
      segment(padEnd(`${result.service.id}`, nameWidth), 'bold'),
      segment(` ${padStart(values[0], NUMBERS[0].width)}`, result.flowsEstimated ? 'warn' : 'plain'),
      segment(
        values
          .slice(1, 4)
          .map((value, k) => ` ${padStart(value, NUMBERS[k + 1].width)}`)
          .join(''),
      ),
      segment(` ${padStart(values[4], NUMBERS[4].width)}`, unmet ? 'bad' : 'good'),
      segment(` ${padStart(values[5], NUMBERS[5].width)}`),
    ],
  };
}

function totalsText(t: Totals, unit: string): string {
  return `${humanNumber(t.supply)} ${unit} for ${humanNumber(t.demand)} in need · coverage ${percent(t.coverage)} · unmet ${humanNumber(t.unmet)} · spare ${humanNumber(t.spare)}`;
}

function gravityText(result: ServiceAnalysis): string {
  const g = result.gravity;
  const beta = g.form === 'exp' ? `β = ${humanNumber(g.beta, 4)} per km` : `β = ${humanNumber(g.beta, 4)}`;
  if (g.fit) return `calibrated on observed flows: ${beta}, α = ${humanNumber(g.alpha, 2)}, Sørensen ${humanNumber(g.fit.sorensen, 2)}, pseudo-R² ${humanNumber(g.fit.pseudoR2, 2)}`;
  if (result.flowsEstimated) {
    const source = g.source === 'borrowed' ? `from ${g.borrowedFrom}` : g.source === 'parameter' ? 'default_decay_beta' : g.source === 'decay_beta' ? 'decay_beta' : 'default';
    return `no flows given: capacity-aware estimate with ${beta} (${source}), α = 1; ${humanNumber(result.all.unmet)} without a place within ${humanNumber(gravityReachKm(result.service))} km`;
  }
  return `not calibrated${g.note ? `: ${g.note}` : ''}`;
}

function panelLines(analysis: Analysis, result: ServiceAnalysis, names: readonly string[], width: number): Line[] {
  const label = (text: string): string => padEnd(text, 15);
  const provider = mainProvider(result);
  const inequality = result.inequality;
  const partners = analysis.dataset.municipalities.filter((m) => m.partner).length;
  const lines: Line[] = [
    line(segment(result.service.name, 'bold'), segment(` — ${result.service.unit}, catchment ${humanNumber(result.service.catchmentKm)} km`, 'dim')),
    line(label('partners'), segment(totalsText(result.partners, result.service.unit))),
    line(label(`all ${analysis.dataset.municipalities.length}`), segment(totalsText(result.all, result.service.unit), 'dim')),
    line(
      label('classes'),
      ...CLASSES.flatMap((name, k) => [segment(`${k > 0 ? ' · ' : ''}`), segment(`${name} ${result.classes[name]}`, result.classes[name] > 0 ? CLASS_TONE[name] : 'dim')]),
      segment(` (of ${partners} partners)`, 'dim'),
    ),
    line(
      label('inequality'),
      inequality.gini === null || inequality.municipalities < 2
        ? segment('fewer than two partners with demand', 'dim')
        : segment(
            `Gini ${humanNumber(inequality.gini, 2)} · Theil ${humanNumber(inequality.theil, 3)} · CV ${humanNumber(inequality.cv, 2)} · max/min ${inequality.maxMinRatio === null ? '–' : humanNumber(inequality.maxMinRatio, 2)}`,
          ),
    ),
    line(
      label('main provider'),
      provider === undefined ? segment('none (no flows between municipalities)', 'dim') : segment(`${names[provider]}, ${humanNumber(result.municipalities[provider].inflow)} users from elsewhere`),
    ),
    line(label('gravity'), segment(gravityText(result), result.flowsEstimated ? 'warn' : 'plain')),
  ];
  const findings = serviceFindings(analysis, result, names, EN);
  lines.push(EMPTY, line(segment('Findings', 'bold')));
  for (const sentence of findings) {
    wrapWords(sentence, width - 2).forEach((text, k) => lines.push(line(k === 0 ? '• ' : '  ', text)));
  }
  return lines.map((value) => fit(value, width));
}

export function overviewModel(analysis: Analysis, service: number, names: readonly string[], columns: number, height: number): OverviewModel {
  const fixed = 2 + NUMBERS.reduce((sum, column) => sum + column.width + 1, 0);
  const nameWidth = Math.max(8, Math.min(24, columns - fixed, Math.max(...analysis.services.map((result) => result.service.id.length))));
  const header = fit(
    line(
      '  ',
      segment(padEnd('service', nameWidth), 'bold'),
      segment(NUMBERS.map((column) => ` ${padStart(column.title, column.width)}`).join(''), 'bold'),
      segment(columns >= fixed + nameWidth + 20 ? '   (partners)' : '', 'dim'),
    ),
    columns,
  );
  const count = analysis.services.length;
  const shownCount = Math.min(count, Math.max(1, Math.floor((height - 1) / 3)));
  const start = windowStart(service, count, shownCount);
  const services = analysis.services.slice(start, start + shownCount).map((result, k) => fit(serviceLine(result, nameWidth, start + k === service), columns));
  const room = height - 1 - services.length - 1;
  const result = analysis.services[service];
  if (!result || room <= 0) return { header, services, panel: [] };
  const all = panelLines(analysis, result, names, columns);
  const panel = all.length <= room ? all : [...all.slice(0, room - 1), line(segment('… (more on a taller terminal)', 'dim'))];
  return { header, services, panel: [EMPTY, ...panel] };
}
