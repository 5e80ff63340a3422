/**
 * CSV writing, safe for spreadsheets (CLI.md "Safe"): a text cell starting
 * with `=`, `+`, `-`, `@`, tab or CR is prefixed with `'` so a spreadsheet
 * shows it as text instead of running it as a formula; numbers stay numbers.
 *
 * A national flows.csv has a third of a million rows, so cells are checked
 * character by character rather than with patterns, and files are built in
 * UTF-8 bytes (utf8-writer.ts) rather than as an array of row arrays.
 */
import { plainNumber } from '../engines/number-format.js';
import { Utf8Writer } from '../engines/utf8-writer.js';

export type Cell = string | number | boolean | null | undefined;

/** `=`, `+`, `-`, `@`, tab, CR. */
function startsFormula(text: string): boolean {
  const code = text.charCodeAt(0);
  return code === 61 || code === 43 || code === 45 || code === 64 || code === 9 || code === 13;
}

/** A text cell neutralised against formula injection. */
export function neutralise(text: string): string {
  return startsFormula(text) ? `'${text}` : text;
}

/** Does the character at `index` match `\s`? (Checked by pattern only for the rare non-ASCII case.) */
function isSpaceAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (code === 32 || (code >= 9 && code <= 13)) return true;
  return code >= 160 && /\s/.test(text[index]);
}

/** Must the (neutralised) text be quoted: a quote, comma or line end anywhere, or space at either end? */
function needsQuotes(text: string): boolean {
  if (text.length === 0) return false;
  if (isSpaceAt(text, 0) || isSpaceAt(text, text.length - 1)) return true;
  for (let k = 0; k < text.length; k++) {
    const code = text.charCodeAt(k);
    if (code === 34 || code === 44 || code === 10 || code === 13) return true;
  }
  return false;
}

/** A text cell: neutralised, and quoted when it must be. */
export function csvText(value: string): string {
  const text = neutralise(value);
  return needsQuotes(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return plainNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return csvText(value);
}

/** One CSV line (with its LF) of cells. */
export function csvLine(cells: readonly Cell[]): string {
  let line = '';
  for (let k = 0; k < cells.length; k++) line += (k === 0 ? '' : ',') + csvCell(cells[k]);
  return `${line}\n`;
}

/** A whole CSV file: header, rows, LF line ends, final newline. */
export function toCsv(header: readonly string[], rows: Iterable<readonly Cell[]>): string {
  const text = new Utf8Writer();
  text.add(csvLine(header));
  for (const row of rows) text.add(csvLine(row));
  return text.toString();
}
