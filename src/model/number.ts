/**
 * Numbers as real exports write them (DATA.md "Formats accepted"): decimal
 * comma when the delimiter is `;` or tab, thousands separated by a space or a
 * non-breaking space, surrounding blanks.
 */

import { quote } from './issue.js';

/** Largest magnitude of any number in the data (amounts, costs, km): beyond it a value is a typo or an overflow. */
export const MAX_PLAUSIBLE = 1e12;

const PLAIN = /^\d+(?:\.\d+)?$/;
const GENERAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const GROUPED = /^([+-]?)(\d{1,3}(?:[ \u00a0\u202f]\d{3})+)([.,]\d+)?$/;
const BLANKS = /^[\s\u00a0\u202f]+|[\s\u00a0\u202f]+$/g;
const NOT_FINITE = /^[+-]?(?:nan|inf|infinity)$/i;

export type NumberResult = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly reason: string };

/**
 * Parse one cell. `decimalComma` allows `38432,99`. Returns the finite value
 * or the reason it is not one (the caller adds file, line and column).
 */
export function parseNumber(cell: string, decimalComma: boolean): NumberResult {
  if (PLAIN.test(cell)) return finite(Number(cell), cell);
  let text = cell.replace(BLANKS, '');
  if (text === '') return { ok: false, reason: 'empty cell, a number is required' };
  if (NOT_FINITE.test(text)) return { ok: false, reason: `${quote(cell)} is not a finite number` };
  const grouped = GROUPED.exec(text);
  if (grouped) text = grouped[1] + grouped[2].replace(/[ \u00a0\u202f]/g, '') + (grouped[3] ?? '');
  if (text.includes(',')) {
    if (!decimalComma) {
      if (text.includes('.') || text.indexOf(',') !== text.lastIndexOf(',')) {
        return { ok: false, reason: `${quote(cell)} is not a number (write it without thousands separators, with a decimal point)` };
      }
      return { ok: false, reason: `${quote(cell)} has a decimal comma, which is ambiguous in a comma-separated file (write ${quote(cell.trim().replace(',', '.'))} or save the file with ";")` };
    }
    if (text.includes('.') || text.indexOf(',') !== text.lastIndexOf(',')) {
      return { ok: false, reason: `${quote(cell)} is not a number` };
    }
    text = text.replace(',', '.');
  }
  if (!GENERAL.test(text)) return { ok: false, reason: `${quote(cell)} is not a number` };
  return finite(Number(text), cell);
}

function finite(value: number, cell: string): NumberResult {
  if (!Number.isFinite(value)) return { ok: false, reason: `${quote(cell)} is out of range` };
  return { ok: true, value: value === 0 ? 0 : value };
}
