/**
 * CSV writing, safe for spreadsheets (CLI.md "Safe"): a text cell starting
 * with `=`, `+`, `-`, `@`, tab or CR is prefixed with `'` so a spreadsheet
 * shows it as text instead of running it as a formula; numbers stay numbers.
 */
import { plainNumber } from './format.js';

export type Cell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell neutralised against formula injection. */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return plainNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = neutralise(value);
  return /[",\n\r]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV file: header, rows, LF line ends, final newline. */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const lines = [header.map(csvCell).join(',')];
  for (const row of rows) lines.push(row.map(csvCell).join(','));
  return `${lines.join('\n')}\n`;
}
