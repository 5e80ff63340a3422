/**
 * The report's content in one language (src/report/document.ts): title,
 * findings in sentences, then the tables of every section. Every format
 * renders this document, so report.md, report.html and report.xlsx say the
 * same thing.
 */
import type { Analysis, ServiceAnalysis } from '../analysis/analyze.js';
import type { ServiceCooperation } from '../analysis/cooperation.js';
import { playerInCore, shapleySaving, type ShareRule } from '../analysis/cost-sharing/cost-sharing-result.js';
import type { Issue } from '../model/issue.js';
import { cooperationSentences } from './cooperation-findings.js';
import type { Block, CellValue, Column, ColumnKind, ReportDocument, TableModel } from './document.js';
import { areaFindings, serviceFindings } from './findings.js';
import type { Messages } from './i18n/messages.js';
import { displayNames } from './names.js';

/** Agreements listed in report.md and report.html (the largest by places); beyond this the rest are in agreements.csv and report.xlsx. */
export const MAX_AGREEMENT_ROWS = 50;
/** Municipality tables listed in full in report.md and report.html up to this many rows (a partnership); beyond it, an excerpt (the CSV files and report.xlsx have every row). */
export const MAX_MUNICIPALITY_ROWS = 100;
/** Partners named in the report's opening line up to this many; beyond it, their number. */
export const MAX_NAMED_PARTNERS = 40;

/** Columns of report.html's second table (Column.secondary): derived from others, or seldom read. */
/** A share, or a blank cell where its rule is not computed for the player's group (NaN). */
const finite = (value: number): number | null => (Number.isFinite(value) ? value : null);

const SECONDARY: ReadonlySet<string> = new Set(['net_flow', 'local', 'local_inferred', 'beta_se', 'alpha_se', 'srmse', 'shapley_se', 'shapley_core', 'by_use_core', 'by_population_core']);

function columns(m: Messages, spec: readonly (readonly [string, ColumnKind])[]): Column[] {
  return spec.map(([key, kind]) => ({ key, label: m.columns[key] ?? key, kind, ...(SECONDARY.has(key) ? { secondary: true } : {}) }));
}

function imbalanceTable(analysis: Analysis, result: ServiceAnalysis, names: readonly string[], m: Messages): TableModel {
  const { municipalities } = analysis.dataset;
  const notes = [m.notes.imbalance(m.num(result.service.catchmentKm))];
  if (result.municipalities.some((row) => row.localInferred)) notes.push(m.notes.inferred);
  if (municipalities.some((x) => !x.partner)) notes.push(m.notes.notPartner);
  if (result.flowsEstimated) notes.push(m.notes.estimated);
  const rows = result.municipalities.map((row, i): CellValue[] => [
    names[i],
    municipalities[i].partner,
    row.supply,
    row.demand,
    row.balance,
    row.coverage,
    row.inflow,
    row.outflow,
    row.netFlow,
    row.local,
    row.localInferred,
    row.unmet,
    row.spare,
    result.accessibility.access[i],
    m.classes[row.class],
  ]);
  const shown = shortfallOrder(result);
  return {
    id: `imbalance-${result.service.id}`,
    title: m.headings.service(m.serviceName(result.service), result.service.unit),
    sheet: m.serviceName(result.service),
    columns: columns(m, [
      ['municipality', 'text'],
      ['partner', 'boolean'],
      ['supply', 'number'],
      ['demand', 'number'],
      ['balance', 'number'],
      ['coverage', 'percent'],
      ['inflow', 'number'],
      ['outflow', 'number'],
      ['net_flow', 'number'],
      ['local', 'number'],
      ['local_inferred', 'boolean'],
      ['unmet', 'number'],
      ['spare', 'number'],
      ['access_2sfca', 'decimal'],
      ['class', 'text'],
    ]),
    rows,
    notes,
    ...(shown ? { excerpt: { rows: shown.map((i) => rows[i]), note: m.notes.largestShortfalls(shown.length, rows.length) } } : {}),
  };
}

/**
 * For a national table people read the municipalities that lack most: the
 * MAX_MUNICIPALITY_ROWS with the largest unmet demand, then the largest
 * deficit. Undefined for a table short enough to list in full.
 */
function shortfallOrder(result: ServiceAnalysis): number[] | undefined {
  const rows = result.municipalities;
  if (rows.length <= MAX_MUNICIPALITY_ROWS) return undefined;
  return rows
    .map((_, i) => i)
    .sort((a, b) => rows[b].unmet - rows[a].unmet || rows[a].balance - rows[b].balance || a - b)
    .slice(0, MAX_MUNICIPALITY_ROWS);
}

function cooperationTables(analysis: Analysis, c: ServiceCooperation, names: readonly string[], m: Messages): TableModel[] {
  const tables: TableModel[] = [];
  const service = c.service;
  if (c.agreements.length > 0) {
    const rows = c.agreements.map((a): CellValue[] => [names[a.buyer], names[a.provider], a.places, a.km, a.yearlyCost]);
    // Nationally there are thousands of pairs: people read the largest, agreements.csv and the spreadsheet have them all.
    const largest =
      rows.length > MAX_AGREEMENT_ROWS
        ? c.agreements
            .map((a, k) => ({ places: a.places, k }))
            .sort((a, b) => b.places - a.places || a.k - b.k)
            .slice(0, MAX_AGREEMENT_ROWS)
            .map(({ k }) => rows[k])
        : undefined;
    tables.push({
      id: `agreements-${service.id}`,
      title: m.headings.agreements(m.serviceName(service)),
      sheet: m.sheets.agreements(m.serviceName(service)),
      columns: columns(m, [
        ['buyer', 'text'],
        ['provider', 'text'],
        ['places', 'number'],
        ['km', 'km'],
        ['yearly_cost', 'money'],
      ]),
      rows,
      ...(largest ? { excerpt: { rows: largest, note: m.notes.largestAgreements(largest.length, rows.length) } } : {}),
    });
  }
  if (c.investment.facilities.length > 0) {
    const largest = largestFirst(c.investment.facilities.map((f) => f.capex));
    tables.push({
      id: `investments-${service.id}`,
      title: m.headings.investments(m.serviceName(service)),
      sheet: m.sheets.investments(m.serviceName(service)),
      columns: columns(m, [
        ['municipality', 'text'],
        ['type', 'text'],
        ['places', 'number'],
        ['capex', 'money'],
        ['opex_per_year', 'money'],
        ['serves', 'text'],
        ['mean_km', 'km'],
        ['max_km', 'km'],
      ]),
      rows: c.investment.facilities.map((f) => [
        names[f.municipality],
        f.kind === 'new' ? m.flowKinds.newFacility : m.flowKinds.expansion,
        f.places,
        f.capex,
        f.opexPerYear,
        f.serves.map((s) => `${names[s.municipality]} ${m.num(s.residents)}`).join(', '),
        f.meanKm,
        f.maxKm,
      ]),
    });
    const table = tables[tables.length - 1];
    if (largest) tables[tables.length - 1] = { ...table, excerpt: { rows: largest.map((k) => table.rows[k]), note: m.notes.largestInvestments(largest.length, table.rows.length) } };
  }
  const s = c.costSharing;
  if (s.players.length > 0 && s.grandCost > 0) {
    // Empty for a player in a group the rule is not computed for (the nucleolus above 12 players, Shapley and SCRB above 30).
    const inCore = (rule: ShareRule, k: number): boolean | null => playerInCore(s, rule, k) ?? null;
    tables.push({
      id: `cost-sharing-${service.id}`,
      title: m.headings.costSharing(m.serviceName(service), m.money(s.grandCost)),
      sheet: m.sheets.costSharing(m.serviceName(service)),
      columns: columns(m, [
        ['municipality', 'text'],
        ['standalone', 'money'],
        ['by_use', 'money'],
        ['by_population', 'money'],
        ['shapley', 'money'],
        ...(s.exact ? [] : ([['shapley_se', 'money']] as const)),
        ['scrb', 'money'],
        ['nucleolus', 'money'],
        ['saving', 'money'],
        ['shapley_core', 'boolean'],
        ['scrb_core', 'boolean'],
        ['nucleolus_core', 'boolean'],
        ['by_use_core', 'boolean'],
        ['by_population_core', 'boolean'],
      ]).map((column) =>
        // A long table (national) shows its largest amounts, wider: every core flag goes to report.html's second table.
        s.players.length > MAX_MUNICIPALITY_ROWS && (column.key === 'scrb_core' || column.key === 'nucleolus_core') ? { ...column, secondary: true } : column,
      ),
      rows: s.players.map((i, k) => [
        names[i],
        s.standalone[k],
        s.byUse[k],
        s.byPopulation[k],
        finite(s.shapley[k]),
        ...(s.exact ? [] : [finite(s.shapleySE[k])]),
        finite(s.scrb[k]),
        s.nucleolus ? finite(s.nucleolus[k]) : null,
        finite(shapleySaving(s, k)),
        inCore('shapley', k),
        inCore('scrb', k),
        inCore('nucleolus', k),
        inCore('by_use', k),
        inCore('by_population', k),
      ]),
      notes: [m.notes.costSharing(m.num(analysis.parameters.lambda, 2), s.core.shapley.complete)],
    });
    const table = tables[tables.length - 1];
    const largest = largestFirst(Array.from(s.standalone));
    if (largest) tables[tables.length - 1] = { ...table, excerpt: { rows: largest.map((k) => table.rows[k]), note: m.notes.largestStandalone(largest.length, table.rows.length) } };
  }
  return tables;
}

/** The MAX_MUNICIPALITY_ROWS largest values' positions, largest first (ties in order); undefined for a list short enough to show in full. */
function largestFirst(values: readonly number[]): number[] | undefined {
  if (values.length <= MAX_MUNICIPALITY_ROWS) return undefined;
  return values
    .map((_, k) => k)
    .sort((a, b) => values[b] - values[a] || a - b)
    .slice(0, MAX_MUNICIPALITY_ROWS);
}

function gravityTable(analysis: Analysis, m: Messages): TableModel {
  return {
    id: 'gravity',
    title: m.headings.gravity,
    sheet: m.sheets.gravity,
    columns: columns(m, [
      ['service', 'text'],
      ['flows', 'text'],
      ['decay', 'text'],
      ['beta', 'share'],
      ['beta_se', 'share'],
      ['alpha', 'share'],
      ['alpha_se', 'share'],
      ['pairs', 'integer'],
      ['pseudo_r2', 'share'],
      ['srmse', 'share'],
      ['sorensen', 'share'],
      ['mean_trip_observed', 'km'],
      ['mean_trip_modelled', 'km'],
    ]),
    rows: analysis.services.map((result) => {
      const { gravity } = result;
      const fit = gravity.fit;
      return [
        m.serviceName(result.service),
        result.flowsEstimated ? m.flowKinds.estimated : fit ? m.flowKinds.calibrated : m.flowKinds.notCalibrated,
        m.decay[gravity.form],
        gravity.beta,
        fit?.betaSE ?? null,
        gravity.alpha,
        fit && !fit.alphaFixed ? fit.alphaSE : null,
        fit ? fit.pairs : null,
        fit ? fit.pseudoR2 : null,
        fit ? fit.srmse : null,
        fit ? fit.sorensen : null,
        fit ? fit.meanTripObserved : null,
        fit ? fit.meanTripModelled : null,
      ];
    }),
    notes: [m.notes.gravity],
  };
}

function graphTable(analysis: Analysis, names: readonly string[], m: Messages): TableModel {
  const { nodes } = analysis.combined;
  const hits = analysis.combined.hitsConverged;
  const order = analysis.dataset.municipalities.map((_, i) => i).sort((a, b) => nodes.pagerank[b] - nodes.pagerank[a] || a - b);
  const rows = order.map((i): CellValue[] => [
    names[i],
    nodes.weightedInDegree[i],
    nodes.weightedOutDegree[i],
    nodes.pagerank[i],
    hits ? nodes.hub[i] : null,
    hits ? nodes.authority[i] : null,
    analysis.areas.area[i],
  ]);
  return {
    id: 'graph',
    title: m.headings.graph,
    sheet: m.sheets.graph,
    columns: columns(m, [
      ['municipality', 'text'],
      ['inflow', 'number'],
      ['outflow', 'number'],
      ['pagerank', 'share'],
      ['hub', 'share'],
      ['authority', 'share'],
      ['area', 'integer'],
    ]),
    rows,
    notes: [m.notes.graph(m.num(analysis.combined.density, 3), analysis.combined.reciprocity === null ? '–' : m.pct(analysis.combined.reciprocity))],
    // The rows are in PageRank order: a national table shows its head.
    ...(rows.length > MAX_MUNICIPALITY_ROWS ? { excerpt: { rows: rows.slice(0, MAX_MUNICIPALITY_ROWS), note: m.notes.highestPagerank(MAX_MUNICIPALITY_ROWS, rows.length) } } : {}),
  };
}

/** The whole report in the catalogue's language; `warnings` name files relative to the dataset. */
export function buildDocument(analysis: Analysis, warnings: readonly Issue[], m: Messages): ReportDocument {
  const { dataset } = analysis;
  const names = displayNames(dataset.municipalities, m.kinds);
  const partners = names.filter((_, i) => dataset.municipalities[i].partner);
  const others = names.filter((_, i) => !dataset.municipalities[i].partner);
  const title = m.title(dataset.name, dataset.year);
  const blocks: Block[] = [
    { type: 'heading', level: 1, text: title },
    { type: 'paragraph', text: partners.length > MAX_NAMED_PARTNERS ? m.partnersCount(partners.length, others.length) : m.partnersLine(partners, others) },
    { type: 'heading', level: 2, text: m.headings.findings },
  ];
  for (const result of analysis.services) {
    blocks.push({ type: 'paragraph', lead: `${m.serviceName(result.service)}.`, text: serviceFindings(analysis, result, names, m).join(' ') });
    if (result.cooperation) blocks.push({ type: 'paragraph', lead: m.headings.workingTogether, text: cooperationSentences(result.cooperation, names, result.flowsEstimated, m).join(' ') });
  }
  const areas = areaFindings(analysis, names, m);
  blocks.push({ type: 'paragraph', text: areas.intro });
  if (areas.items.length > 0) blocks.push({ type: 'list', items: areas.items });
  for (const result of analysis.services) {
    blocks.push({ type: 'heading', level: 2, text: m.headings.service(m.serviceName(result.service), result.service.unit) }, { type: 'table', table: imbalanceTable(analysis, result, names, m) });
    if (result.cooperation) for (const table of cooperationTables(analysis, result.cooperation, names, m)) blocks.push({ type: 'heading', level: 3, text: table.title }, { type: 'table', table });
  }
  const gravity = gravityTable(analysis, m);
  blocks.push({ type: 'heading', level: 2, text: gravity.title }, { type: 'table', table: gravity });
  const graph = graphTable(analysis, names, m);
  blocks.push({ type: 'heading', level: 2, text: graph.title }, { type: 'table', table: graph });
  if (warnings.length > 0) {
    blocks.push({ type: 'heading', level: 2, text: m.headings.warnings }, { type: 'list', items: warnings.map((issue) => m.warning(issue)) });
  }
  blocks.push({ type: 'paragraph', text: m.notes.footer });
  return { lang: m.lang, title, blocks };
}
