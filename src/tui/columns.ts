/**
 * Text tables for the explorer: every column as wide as its title and its
 * values, two spaces between columns so that neighbours never run together,
 * and — when a row would be wider than the screen — the name columns give
 * way first, their text cut with `…`.
 */
import { cells, padEnd, padStart } from './text.js';

export interface TextColumn {
  readonly title: string;
  readonly align: 'left' | 'right';
  /** May be narrowed (to `MIN_SHRUNK` cells) when the table is too wide: its text is cut with an ellipsis. */
  readonly shrink?: boolean;
}

/** Cells between two columns. */
export const GAP = 2;
/** Narrowest a shrinkable column gets. */
const MIN_SHRUNK = 8;

/** Column widths for `rows` (texts per column) within `width` cells where possible. */
export function columnWidths(columns: readonly TextColumn[], rows: readonly (readonly string[])[], width: number): number[] {
  const widths = columns.map((column, k) => Math.max(cells(column.title), ...rows.map((row) => cells(row[k] ?? ''))));
  let over = widths.reduce((sum, w) => sum + w, 0) + GAP * (columns.length - 1) - width;
  // The widest shrinkable column gives a cell at a time, so two name columns end up alike.
  while (over > 0) {
    let widest = -1;
    columns.forEach((column, k) => {
      if (column.shrink && widths[k] > MIN_SHRUNK && (widest < 0 || widths[k] > widths[widest])) widest = k;
    });
    if (widest < 0) break;
    widths[widest]--;
    over--;
  }
  return widths;
}

/** The texts of one row, each padded (or cut with `…`) to its column's width; join them with `separator`. */
export function rowCells(columns: readonly TextColumn[], widths: readonly number[], values: readonly string[]): string[] {
  return columns.map((column, k) => (column.align === 'right' ? padStart(values[k] ?? '', widths[k]) : padEnd(values[k] ?? '', widths[k])));
}

export const separator = ' '.repeat(GAP);

/** One row as text. */
export function row(columns: readonly TextColumn[], widths: readonly number[], values: readonly string[]): string {
  return rowCells(columns, widths, values).join(separator).trimEnd();
}
