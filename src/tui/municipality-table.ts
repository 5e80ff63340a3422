/**
 * The municipalities table of one service: rows of §1 figures, sorted and
 * filtered, laid out for the terminal width with a diverging balance bar.
 */
import type { ServiceAnalysis } from '../analysis/analyze.js';
import { CLASSES, type MunicipalityClass } from '../analysis/imbalance/imbalance.js';
import type { Municipality } from '../model/types.js';
import { humanNumber, signed } from '../engines/number-format.js';
import { line, segment, type Line, type Segment, type Tone } from './line.js';
import type { Sort, SortColumn } from './state.js';
import { cells, fold, padEnd, padStart } from './text.js';

export interface MunicipalityRow {
  /** Index in the dataset. */
  readonly index: number;
  readonly id: string;
  readonly name: string;
  readonly partner: boolean;
  readonly supply: number;
  readonly demand: number;
  readonly balance: number;
  readonly netFlow: number;
  readonly class: MunicipalityClass;
  /** 2SFCA places per person in need within the catchment (§3). */
  readonly access: number;
  /** Name and id folded for the filter. */
  readonly key: string;
}

export function municipalityRows(result: ServiceAnalysis, municipalities: readonly Municipality[], names: readonly string[]): MunicipalityRow[] {
  return result.municipalities.map((row, index) => ({
    index,
    id: municipalities[index].id,
    name: names[index],
    partner: municipalities[index].partner,
    supply: row.supply,
    demand: row.demand,
    balance: row.balance,
    netFlow: row.netFlow,
    class: row.class,
    access: result.accessibility.access[index],
    key: fold(`${names[index]} ${municipalities[index].id}`),
  }));
}

const collator = new Intl.Collator('pl');

const sortValue: Record<Exclude<SortColumn, 'name'>, (row: MunicipalityRow) => number> = {
  supply: (row) => row.supply,
  demand: (row) => row.demand,
  balance: (row) => row.balance,
  netFlow: (row) => row.netFlow,
  class: (row) => CLASSES.indexOf(row.class),
  access: (row) => row.access,
};

/** Dataset indices of the rows whose name or id contains `filter` (loosely), in `sort` order; ties by name, then id. */
export function tableOrder(rows: readonly MunicipalityRow[], sort: Sort, filter: string): number[] {
  const wanted = fold(filter.trim());
  const shown = wanted === '' ? [...rows] : rows.filter((row) => row.key.includes(wanted));
  const byName = (a: MunicipalityRow, b: MunicipalityRow): number => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const sign = sort.descending ? -1 : 1;
  if (sort.column === 'name') shown.sort((a, b) => sign * byName(a, b));
  else {
    const value = sortValue[sort.column];
    shown.sort((a, b) => {
      const x = value(a);
      const y = value(b);
      // NaN last in either direction
      if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) === Number.isNaN(y) ? byName(a, b) : Number.isNaN(x) ? 1 : -1;
      return sign * (x - y) || byName(a, b);
    });
  }
  return shown.map((row) => row.index);
}

export interface TableLayout {
  readonly name: number;
  /** Cells on each side of the bar's axis; 0 leaves the bar out. */
  readonly barHalf: number;
  readonly classWidth: number;
}

// wide enough for each title with its sort arrow
const NUMBERS = { supply: 7, demand: 7, balance: 8, netFlow: 9, access: 7 };
// cursor mark, partner mark, five numbers and their separators
const BASE = 2 + 2 + Object.values(NUMBERS).reduce((sum, width) => sum + width + 1, 0);
const MIN_NAME = 14;
const MAX_NAME = 32;
const MAX_BAR_HALF = 12;

/**
 * Widths for `columns` cells: the whole longest name (up to 32 cells) if it
 * can be had, full class names and a bar of at least 3 cells a side if
 * there is room; narrower, short class names, then a bar of 2 a side, then
 * no bar and a truncated name.
 */
export function tableLayout(columns: number, longestName: number): TableLayout {
  const wanted = Math.max(MIN_NAME, Math.min(MAX_NAME, longestName));
  for (const [classWidth, minimumHalf] of [
    [15, 3],
    [10, 3],
    [10, 2],
  ]) {
    const rest = columns - BASE - (classWidth + 1);
    if (rest - wanted - 1 >= 2 * minimumHalf + 1) {
      const barHalf = Math.min(MAX_BAR_HALF, Math.floor((rest - wanted - 2) / 2));
      return { name: Math.min(MAX_NAME, Math.max(wanted, rest - (2 * barHalf + 2))), barHalf, classWidth };
    }
  }
  const rest = columns - BASE - 11;
  if (rest - MIN_NAME >= 2 * 2 + 2) return { name: rest - (2 * 2 + 2), barHalf: 2, classWidth: 10 };
  return { name: Math.max(4, rest), barHalf: 0, classWidth: 10 };
}

const SHORT_CLASS: Record<MunicipalityClass, string> = { underserved: 'underserv.', hub: 'hub', dependent: 'dependent', 'self-sufficient': 'self-suff.' };

export const CLASS_TONE: Record<MunicipalityClass, Tone> = { underserved: 'bad', hub: 'accent', dependent: 'warn', 'self-sufficient': 'good' };

export const signTone = (value: number): Tone => (Math.round(value) < 0 ? 'bad' : Math.round(value) > 0 ? 'good' : 'plain');

/** Balance as a bar around an axis: deficit to the left, surplus to the right, `scale` filling one side. */
export function balanceBar(balance: number, scale: number, half: number): Segment[] {
  const length = scale > 0 && Math.round(balance) !== 0 ? Math.max(1, Math.round((Math.abs(balance) / scale) * half)) : 0;
  const fill = '█'.repeat(Math.min(half, length));
  const left = balance < 0 ? ' '.repeat(half - fill.length) + fill : ' '.repeat(half);
  const right = balance > 0 ? fill + ' '.repeat(half - fill.length) : ' '.repeat(half);
  return [segment(left, 'bad'), segment('│', 'dim'), segment(right, 'good')];
}

const COLUMN_TITLES: Record<SortColumn, string> = { name: 'municipality', supply: 'supply', demand: 'demand', balance: 'balance', netFlow: 'net flow', class: 'class', access: 'access' };

export interface TableModel {
  readonly header: Line;
  /** The rows in view, the cursor's marked `selected`. */
  readonly rows: readonly Line[];
  /** Where the view is in the list, the sort and the filter. */
  readonly status: Line;
}

export interface TableInput {
  readonly rows: readonly MunicipalityRow[];
  readonly order: readonly number[];
  readonly cursor: number;
  readonly sort: Sort;
  readonly filter: string;
  readonly columns: number;
  /** Lines for the rows (header and status not counted). */
  readonly height: number;
}

/** First row shown: the cursor is kept in the middle where the list allows. */
export function windowStart(cursor: number, count: number, height: number): number {
  return Math.max(0, Math.min(cursor - Math.floor(height / 2), count - height));
}

export function tableModel(input: TableInput): TableModel {
  const { rows, order, cursor, sort, filter, columns, height } = input;
  const layout = tableLayout(columns, Math.max(0, ...rows.map((row) => cells(row.name))));
  const scale = Math.max(0, ...rows.map((row) => Math.abs(row.balance)));
  const arrow = (column: SortColumn): string => (sort.column === column ? (sort.descending ? '▼' : '▲') : '');
  const title = (column: SortColumn, width: number, right: boolean): Segment => {
    const text = `${COLUMN_TITLES[column]}${arrow(column)}`;
    return segment(right ? padStart(text, width) : padEnd(text, width), sort.column === column ? 'accent' : 'bold');
  };
  const bar = layout.barHalf > 0 ? 2 * layout.barHalf + 1 : 0;
  const header = line(
    '    ',
    title('name', layout.name, false),
    ' ',
    title('supply', NUMBERS.supply, true),
    ' ',
    title('demand', NUMBERS.demand, true),
    ' ',
    title('balance', NUMBERS.balance, true),
    ...(bar > 0 ? [' ', segment(`${padStart('−', layout.barHalf)}│${padEnd('+', layout.barHalf)}`, 'dim')] : []),
    ' ',
    title('netFlow', NUMBERS.netFlow, true),
    ' ',
    title('class', layout.classWidth, false),
    ' ',
    title('access', NUMBERS.access, true),
  );
  const start = windowStart(cursor, order.length, height);
  const byIndex = new Map(rows.map((row) => [row.index, row]));
  const shown = order.slice(start, start + height).map((index, k): Line => {
    const row = byIndex.get(index)!;
    const selected = start + k === cursor;
    return {
      selected,
      segments: [
        segment(selected ? '› ' : '  ', 'accent'),
        segment(row.partner ? '• ' : '  ', 'dim'),
        segment(padEnd(row.name, layout.name), row.partner ? 'plain' : 'dim'),
        segment(` ${padStart(humanNumber(row.supply), NUMBERS.supply)} ${padStart(humanNumber(row.demand), NUMBERS.demand)} `),
        segment(padStart(signed(row.balance), NUMBERS.balance), signTone(row.balance)),
        ...(bar > 0 ? [segment(' '), ...balanceBar(row.balance, scale, layout.barHalf)] : []),
        segment(' '),
        segment(padStart(signed(row.netFlow), NUMBERS.netFlow), signTone(row.netFlow)),
        segment(' '),
        segment(padEnd(layout.classWidth < 15 ? SHORT_CLASS[row.class] : row.class, layout.classWidth), CLASS_TONE[row.class]),
        segment(` ${padStart(humanNumber(row.access, 2), NUMBERS.access)}`),
      ],
    };
  });
  const sortText = `sorted by ${COLUMN_TITLES[sort.column]} ${sort.descending ? '▼' : '▲'}`;
  const where =
    order.length === 0
      ? `no municipality matches "${filter}"`
      : `${humanNumber(start + 1)}–${humanNumber(start + shown.length)} of ${humanNumber(order.length)}${order.length < rows.length ? ` (of ${humanNumber(rows.length)})` : ''}`;
  const status = line(segment(where, order.length === 0 ? 'warn' : 'dim'), segment(` · ${sortText}`, 'dim'), ...(filter !== '' ? [segment(' · filter '), segment(`"${filter}"`, 'accent')] : []));
  return { header, rows: shown, status };
}
