/**
 * A municipality in one service: its §1 figures, where its residents go and
 * where its users come from, and — when the analysis has them — agreements,
 * facilities serving it and its cost shares. Each section is computed from
 * data and left out when there is none.
 */
import { flowAt, type Analysis, type FlowEdge, type ServiceAnalysis } from '../analysis/analyze.js';
import { humanNumber, percent, signed } from '../engines/number-format.js';
import { agreementSection, costShareSection, facilitySection, type Section, type ServiceCooperation } from './cooperation.js';
import { EMPTY, fit, line, lineText, segment, sideBySide, type Line, type Segment } from './line.js';
import { CLASS_TONE, signTone } from './municipality-table.js';
import { cells, padEnd, padStart } from './text.js';

/** Two columns from this width on. */
export const TWO_COLUMNS = 100;

function figuresSection(analysis: Analysis, result: ServiceAnalysis, i: number, names: readonly string[]): Section {
  const row = result.municipalities[i];
  const unit = result.service.unit;
  const value = (label: string, ...parts: (Segment | string)[]): Line => line(padEnd(label, 18), ...parts);
  const area = analysis.areas.area[i];
  const core = area > 0 ? analysis.areas.core[area - 1] : undefined;
  return {
    title: `Figures (${result.service.id}${result.flowsEstimated ? ', flows estimated' : ''})`,
    lines: [
      value('supply', `${humanNumber(row.supply)} ${unit}`),
      value('demand', `${humanNumber(row.demand)} residents in need`),
      value('balance', segment(signed(row.balance), signTone(row.balance))),
      value('coverage', percent(row.coverage)),
      value('users', `${humanNumber(row.users)} = local ${humanNumber(row.local)}${row.localInferred ? ' (inferred)' : ''} + inflow ${humanNumber(row.inflow)}`),
      value('served residents', `${humanNumber(row.servedResidents)} = local ${humanNumber(row.local)} + outflow ${humanNumber(row.outflow)}`),
      value('net flow', segment(signed(row.netFlow), signTone(row.netFlow))),
      value('unmet', segment(humanNumber(row.unmet), Math.round(row.unmet) > 0 ? 'bad' : 'plain')),
      value('spare', humanNumber(row.spare)),
      value('self-sufficiency', percent(row.selfSufficiency)),
      value('dependency', percent(row.dependency)),
      value('attraction', percent(row.attraction)),
      value('class', segment(row.class, CLASS_TONE[row.class])),
      value('access (2SFCA)', `${humanNumber(result.accessibility.access[i], 3)} ${unit} per person in need`),
      value('PageRank', humanNumber(result.graph.nodes.pagerank[i], 4)),
      value('service area', area > 0 ? `${area}${core !== undefined && core !== i ? ` (around ${names[core]})` : core === i ? ' (its core)' : ''}` : '–'),
    ],
  };
}

const places = (count: number): string => `${humanNumber(count)} municipalit${count === 1 ? 'y' : 'ies'}`;

/** Flows to or from other municipalities, largest first; `other` picks the municipality at the far end. */
function flowSection(title: string, edges: readonly FlowEdge[], other: (edge: FlowEdge) => number, analysis: Analysis, names: readonly string[], width: number): Section {
  const sorted = [...edges].sort((a, b) => b.users - a.users || other(a) - other(b));
  const nameWidth = Math.max(8, Math.min(32, width - 22));
  const { municipalities } = analysis.dataset;
  return {
    title,
    lines: sorted.map((edge) =>
      line(
        segment(municipalities[other(edge)].partner ? '• ' : '  ', 'dim'),
        padEnd(names[other(edge)], nameWidth),
        padStart(humanNumber(edge.users), 8),
        segment(padStart(Number.isFinite(edge.km) ? `${humanNumber(edge.km, 1)} km` : '–', 11), 'dim'),
      ),
    ),
  };
}

function render(sections: readonly (Section | undefined)[], width: number): Line[] {
  const lines: Line[] = [];
  for (const section of sections) {
    if (!section) continue;
    if (lines.length > 0) lines.push(EMPTY);
    lines.push(line(segment(section.title, 'bold')), ...section.lines.map((value) => fit(value, width)));
  }
  return lines;
}

/** Every line of the detail view at `columns` cells (scrolling is the caller's). */
export function detailLines(analysis: Analysis, result: ServiceAnalysis, i: number, names: readonly string[], cooperation: ServiceCooperation | undefined, columns: number): Line[] {
  const m = analysis.dataset.municipalities[i];
  const two = columns >= TWO_COLUMNS;
  const width = two ? Math.floor((columns - 3) / 2) : columns;
  const flows = result.flows;
  const inflows: FlowEdge[] = [];
  const outflows: FlowEdge[] = [];
  for (let k = 0; k < flows.length; k++) {
    if (flows.origin[k] === flows.destination[k]) continue;
    if (flows.destination[k] === i) inflows.push(flowAt(flows, k));
    else if (flows.origin[k] === i) outflows.push(flowAt(flows, k));
  }
  const unit = result.service.unit;
  const figures = figuresSection(analysis, result, i, names);
  const total = (edges: readonly FlowEdge[]): string => humanNumber(edges.reduce((sum, edge) => sum + edge.users, 0));
  const estimated = result.flowsEstimated ? ' (estimated)' : '';
  const exchange = [
    inflows.length > 0
      ? flowSection(`Inflows${estimated}: ${total(inflows)} users from ${places(inflows.length)}`, inflows, (edge) => edge.origin, analysis, names, width)
      : { title: `Inflows${estimated}`, lines: [line(segment('no users from other municipalities', 'dim'))] },
    outflows.length > 0
      ? flowSection(`Outflows${estimated}: ${total(outflows)} residents served in ${places(outflows.length)}`, outflows, (edge) => edge.destination, analysis, names, width)
      : { title: `Outflows${estimated}`, lines: [line(segment('no residents served elsewhere', 'dim'))] },
  ];
  const cooperationSections = [agreementSection(cooperation, i, names, unit), facilitySection(cooperation, i, names, unit), costShareSection(cooperation, i)];
  const about = [
    segment(`${m.id}${m.kind ? ` · ${m.kind}` : ''}${m.county ? ` · ${/county$/i.test(m.county) ? m.county : `county ${m.county}`}` : ''} · population ${humanNumber(m.population)} · `, 'dim'),
    m.partner ? segment('partner', 'accent') : segment('not a partner', 'warn'),
  ];
  const name = segment(names[i], 'bold');
  const oneLine = line(name, '  ', ...about);
  const title = [...(cells(lineText(oneLine)) <= columns ? [oneLine] : [line(name), line(...about)]), EMPTY].map((value) => fit(value, columns));
  if (!two) return [...title, ...render([figures, ...exchange, ...cooperationSections], width)];
  return [
    ...title,
    ...sideBySide(render([figures, cooperationSections[2]], width), render([...exchange, cooperationSections[0], cooperationSections[1]], width), width).map((value) => fit(value, columns)),
  ];
}
