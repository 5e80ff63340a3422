/**
 * Everything the explorer draws, computed from the analysis, the UI state
 * and the terminal size: header, body of the current view, footer, and the
 * bounds the next key moves within. Pure; the components only display it.
 */
import type { Analysis } from '../analysis/analyze.js';
import { humanNumber } from '../engines/number-format.js';
import { displayNames } from '../report/names.js';
import { cooperationOf, type ServiceCooperation } from './cooperation.js';
import { detailLines } from './detail-model.js';
import { investmentLines } from './investments-model.js';
import { EMPTY, fit, line, segment, type Line, type Segment } from './line.js';
import { municipalityRows, tableModel, tableOrder, type MunicipalityRow, type TableModel } from './municipality-table.js';
import { overviewModel, type OverviewModel } from './overview-model.js';
import { cursorIndex, type Bounds, type UiState } from './state.js';
import { cells, wrapWords } from './text.js';
import { formatIssue, type Issue } from '../model/issue.js';
import { terminalText } from '../model/text.js';
import type { Service } from '../model/types.js';

export interface Size {
  readonly columns: number;
  readonly rows: number;
}

/** Smallest terminal the explorer draws in. */
export const MINIMUM: Size = { columns: 40, rows: 10 };

/** What stays the same while exploring one analysis. */
export interface ExplorerData {
  readonly analysis: Analysis;
  readonly names: readonly string[];
  /** Per analysed service, the table rows. */
  readonly rows: readonly (readonly MunicipalityRow[])[];
  readonly cooperation: readonly (ServiceCooperation | undefined)[];
  /** Where the cooperation results are when a service has none: being solved, left out (--no-cooperation) or failed. */
  readonly solving: CooperationStatus;
  /** Why solving failed. */
  readonly failure?: string;
}

export type CooperationStatus = 'done' | 'computing' | 'off' | 'failed';

export function explorerData(
  analysis: Analysis,
  cooperation: readonly (ServiceCooperation | undefined)[] = cooperationOf(analysis),
  solving: CooperationStatus = 'done',
  failure?: string,
): ExplorerData {
  const shown = terminalAnalysis(analysis);
  const names = displayNames(shown.dataset.municipalities);
  return {
    analysis: shown,
    names,
    rows: shown.services.map((result) => municipalityRows(result, shown.dataset.municipalities, names)),
    cooperation,
    solving,
    ...(failure !== undefined ? { failure } : {}),
  };
}

/**
 * The analysis with every text from data (dataset, municipality and service
 * names, ids, units) made terminal-safe once, before widths are measured:
 * control characters in a name can neither act on the terminal nor break a column.
 */
export function terminalAnalysis(analysis: Analysis): Analysis {
  const service = (s: Service): Service => ({
    ...s,
    id: terminalText(s.id),
    name: terminalText(s.name),
    unit: terminalText(s.unit),
    ...(s.namePl !== undefined ? { namePl: terminalText(s.namePl) } : {}),
  });
  const dataset = analysis.dataset;
  return {
    ...analysis,
    dataset: {
      ...dataset,
      name: terminalText(dataset.name),
      municipalities: dataset.municipalities.map((m) => ({ ...m, id: terminalText(m.id), name: terminalText(m.name), ...(m.county !== undefined ? { county: terminalText(m.county) } : {}) })),
      services: dataset.services.map(service),
    },
    services: analysis.services.map((result) => ({ ...result, service: service(result.service) })),
  };
}

export type Body =
  | { readonly kind: 'overview'; readonly model: OverviewModel }
  | { readonly kind: 'municipalities'; readonly model: TableModel }
  | { readonly kind: 'detail'; readonly lines: readonly Line[]; readonly status?: Line }
  | { readonly kind: 'investments'; readonly lines: readonly Line[]; readonly status?: Line }
  | { readonly kind: 'text'; readonly lines: readonly Line[] };

export interface ScreenModel {
  readonly header: readonly Line[];
  readonly body: Body;
  readonly footer: Line;
  readonly bounds: Bounds;
  /** Lines of the whole screen: one less than the terminal, so ink redraws in place. */
  readonly height: number;
}

const HELP: readonly [string, string][] = [
  ['↑ ↓  j k', 'move (in a municipality: scroll)'],
  ['PgUp PgDn space', 'a page down or up; g G, Home End: first, last'],
  ['tab  ← →', 'next / previous service (shift-tab: previous)'],
  ['enter', "open: a service's municipalities, a municipality"],
  ['i', 'investments and cost sharing of the service (esc: back)'],
  ['w', 'the data warnings, when there are any (esc: back)'],
  ['esc  backspace', 'back (in the table a filter is cleared first)'],
  ['s  S', 'sort the table by the next column / reverse it'],
  ['/', 'filter by name or id: type, enter keeps, esc clears'],
  ['?', 'this help (? or esc closes it)'],
  ['q', 'quit'],
];

const LEGEND = [
  '• a partner; other municipalities are neighbours analysed as providers',
  'balance = supply − demand; the bar: deficit │ surplus, scaled to the largest',
  'net flow = users from elsewhere − residents served elsewhere',
  'class (docs/methods.md §1): underserved, hub, dependent or self-sufficient',
  'access: 2SFCA places per person in need within the catchment (docs/methods.md §3)',
];

function helpLines(): Line[] {
  return [
    line(segment('Keys', 'bold')),
    ...HELP.map(([keys, what]) => line('  ', segment(keys.padEnd(17), 'accent'), what)),
    EMPTY,
    line(segment('Municipalities table', 'bold')),
    ...LEGEND.map((text) => line('  ', text)),
  ];
}

function tabs(data: ExplorerData, service: number, width: number): Line {
  const ids = data.analysis.services.map((result) => result.service.id);
  const label = (k: number): string => (k === service ? `[${ids[k]}]` : ` ${ids[k]} `);
  let low = service;
  let high = service;
  let used = cells(label(service));
  // widen around the selected service while the labels fit (room kept for ‹ and ›)
  for (let grew = true; grew; ) {
    grew = false;
    if (high + 1 < ids.length && used + cells(label(high + 1)) + 4 <= width) {
      used += cells(label(++high));
      grew = true;
    }
    if (low > 0 && used + cells(label(low - 1)) + 4 <= width) {
      used += cells(label(--low));
      grew = true;
    }
  }
  const parts: Segment[] = [segment(low > 0 ? '‹ ' : '  ', 'dim')];
  for (let k = low; k <= high; k++) parts.push(segment(label(k), k === service ? 'accent' : 'dim'));
  if (high < ids.length - 1) parts.push(segment(' ›', 'dim'));
  return fit({ segments: parts }, width);
}

/** The warnings view (w; the header says how many, the overview's footer and the help name the key): every data warning of the dataset, wrapped, control characters shown as `�`. */
function warningLines(issues: readonly Issue[], width: number): Line[] {
  const title = line(segment('Data warnings', 'bold'), segment(` · ${humanNumber(issues.length)} (servflow validate prints the same)`, 'dim'));
  if (issues.length === 0) return [title, EMPTY, line(segment('no warnings: the dataset loaded cleanly', 'good'))];
  return [title, EMPTY, ...issues.flatMap((issue) => wrapWords(terminalText(formatIssue(issue)), width - 2).map((part, k) => line(segment(k === 0 ? '• ' : '  ', 'warn'), part)))];
}

function footer(state: UiState, width: number, warnings = 0): Line {
  if (state.typing) return fit(line(segment('/', 'accent'), segment(`${state.filter}▏`, 'bold'), segment('   enter keep  esc clear  ↑↓ move', 'dim')), width);
  const hints = state.help
    ? ['? or esc close', 'q quit']
    : state.view === 'overview'
      ? ['↑↓ service', 'enter municipalities', 'i investments', ...(warnings > 0 ? ['w warnings'] : []), '/ filter', '? help', 'q quit']
      : state.view === 'municipalities'
        ? ['↑↓ move', 'enter open', 'i invest', '←→ service', 's sort', '/ filter', 'esc back', '? help', 'q quit']
        : state.view === 'warnings'
          ? ['↑↓ scroll', 'esc back', '? help', 'q quit']
          : ['↑↓ scroll', '←→ service', 'esc back', '? help', 'q quit'];
  // two spaces between hints, one when that is too wide
  const wide = hints.join('  ');
  return fit(line(segment(cells(wide) <= width ? wide : hints.join(' '), 'dim')), width);
}

export function screenModel(data: ExplorerData, state: UiState, size: Size): ScreenModel {
  const { analysis } = data;
  const { columns } = size;
  const height = Math.max(1, size.rows - 1);
  const empty: Bounds = { services: analysis.services.length, order: [], scrollMax: 0, page: 1 };
  if (size.columns < MINIMUM.columns || size.rows < MINIMUM.rows) {
    const text = `terminal too small: ${size.columns}×${size.rows}, need ${MINIMUM.columns}×${MINIMUM.rows} (q quits)`;
    return {
      header: [],
      body: {
        kind: 'text',
        lines: wrapWords(text, columns)
          .slice(0, height)
          .map((part) => line(part)),
      },
      footer: EMPTY,
      bounds: empty,
      height,
    };
  }
  const { dataset } = analysis;
  const partners = dataset.municipalities.filter((m) => m.partner).length;
  const warnings = dataset.warnings.length;
  const header = [
    fit(
      line(
        segment('servflow explore', 'accent'),
        ' · ',
        segment(`${dataset.name}${dataset.year !== undefined ? ` (${dataset.year})` : ''}`, 'bold'),
        segment(` · ${humanNumber(dataset.municipalities.length)} municipalities, ${humanNumber(partners)} partners`, 'dim'),
        ...(warnings > 0 ? [segment(` · ${warnings} warning${warnings === 1 ? '' : 's'} (w)`, 'warn')] : []),
      ),
      columns,
    ),
    analysis.services.length > 0 ? tabs(data, state.service, columns) : EMPTY,
  ];
  const bodyHeight = height - header.length - 1;
  const result = analysis.services[state.service];
  const rows = data.rows[state.service] ?? [];
  const order = result ? tableOrder(rows, state.sort, state.filter) : [];
  const bounds: Bounds = { ...empty, order, page: Math.max(1, bodyHeight - 3) };
  let body: Body;
  if (state.view === 'warnings' && !state.help) {
    const view = scrolled(warningLines(dataset.warnings, columns), state.scroll, bodyHeight, columns);
    return {
      header,
      body: { kind: 'detail', lines: view.body.lines.map((value) => fit(value, columns)), ...(view.body.status ? { status: view.body.status } : {}) },
      footer: footer(state, columns, warnings),
      bounds: { ...bounds, ...view.bounds },
      height,
    };
  }
  if (!result) body = { kind: 'text', lines: [line(segment('no services to explore', 'warn'))] };
  else if (state.help)
    body = {
      kind: 'text',
      lines: helpLines()
        .slice(0, bodyHeight)
        .map((value) => fit(value, columns)),
    };
  else if (state.view === 'overview') body = { kind: 'overview', model: overviewModel(analysis, state.service, data.names, columns, bodyHeight) };
  else if (state.view === 'municipalities') {
    const model = tableModel({ rows, order, cursor: cursorIndex(order, state.selected), sort: state.sort, filter: state.filter, columns, height: bodyHeight - 2 });
    body = { kind: 'municipalities', model: { header: fit(model.header, columns), rows: model.rows.map((value) => fit(value, columns)), status: fit(model.status, columns) } };
  } else {
    const all =
      state.view === 'investments'
        ? investmentLines(result, data.cooperation[state.service], data.names, columns, data.solving, data.failure)
        : detailLines(analysis, result, state.detail ?? 0, data.names, data.cooperation[state.service], columns);
    const view = scrolled(all, state.scroll, bodyHeight, columns);
    return { header, body: { kind: state.view === 'investments' ? 'investments' : 'detail', ...view.body }, footer: footer(state, columns, warnings), bounds: { ...bounds, ...view.bounds }, height };
  }
  return { header, body, footer: footer(state, columns, warnings), bounds, height };
}

/** `all` in `height` lines from line `scroll`, with a status line when it does not fit. */
function scrolled(all: readonly Line[], scroll: number, height: number, columns: number): { body: { lines: readonly Line[]; status?: Line }; bounds: Partial<Bounds> } {
  if (all.length <= height) return { body: { lines: all }, bounds: {} };
  const visible = Math.max(1, height - 1);
  const scrollMax = all.length - visible;
  const first = Math.min(scroll, scrollMax);
  const status = fit(line(segment(`lines ${first + 1}–${first + visible} of ${all.length} · ↑↓ scroll`, 'dim')), columns);
  return { body: { lines: all.slice(first, first + visible), status }, bounds: { scrollMax, page: visible } };
}
