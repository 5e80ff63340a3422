/**
 * Sheet names as Excel accepts them: 1 to 31 characters, none of `[]:*?/\`
 * nor a control character, no apostrophe at either end, unique ignoring
 * case, and not "History" (Excel keeps that name for change tracking).
 * Excel refuses a whole workbook that breaks any of these, so titles are
 * cleaned into names here and the writer checks every name again.
 */
import { cut } from './xlsx-xml.js';

export const SHEET_NAME_LENGTH = 31;

/** Names Excel keeps for itself, lower-case. */
export const RESERVED_SHEET_NAMES: readonly string[] = ['history'];

// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[[\]:*?/\\\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const FORBIDDEN_ALL = /[[\]:*?/\\\u0000-\u001f\u007f]/g;

/**
 * A valid sheet name (see above) from the first usable of `title`, then
 * `fallbacks`, then "Sheet", with ` (2)`, ` (3)`, … when taken. Adds it,
 * lower-case, to `taken`.
 *
 * @example uniqueSheetName('Flows: [x]', [], new Set()) // => 'Flows x'
 */
export function uniqueSheetName(title: string, fallbacks: readonly string[], taken: Set<string>): string {
  const base = [title, ...fallbacks].map(cleanSheetName).find((name) => name !== '') ?? 'Sheet';
  for (let count = 1; ; count += 1) {
    const suffix = count === 1 ? '' : ` (${count})`;
    const name = cleanSheetName(atWord(base, SHEET_NAME_LENGTH - suffix.length)) + suffix;
    const key = name.toLowerCase();
    if (!taken.has(key) && !RESERVED_SHEET_NAMES.includes(key)) {
      taken.add(key);
      return name;
    }
  }
}

/** Is `name` one Excel accepts (uniqueness aside)? */
export function isSheetName(name: string): boolean {
  return name.length > 0 && name.length <= SHEET_NAME_LENGTH && !FORBIDDEN.test(name) && !name.startsWith("'") && !name.endsWith("'") && !RESERVED_SHEET_NAMES.includes(name.toLowerCase());
}

function cleanSheetName(text: string): string {
  const cleaned = text.replace(FORBIDDEN_ALL, '');
  return atWord(cleaned, SHEET_NAME_LENGTH).replace(/^[\s']+|[\s']+$/g, '');
}

/** Separators a shortened name does not end with. */
const TRAILING = /[\s'–—,;.(-]+$/;

/**
 * `text` in at most `length` characters, cut at the last word boundary (a
 * space, or after a hyphen) that leaves something, then stripped of a
 * trailing separator; a single word too long is cut where it must be.
 *
 * @example atWord('Preschool capacity-sharing agreements', 31) // => 'Preschool capacity-sharing'
 */
export function atWord(text: string, length: number): string {
  if (text.length <= length) return text;
  const head = cut(text, length);
  const next = text.slice(head.length, head.length + 1);
  // The cut already falls on a boundary when the next character is a space.
  if (next === ' ') return head.replace(TRAILING, '');
  for (let k = head.length - 1; k > 0; k--) {
    const c = head[k];
    if (c !== ' ' && c !== '-') continue;
    const shortened = (c === '-' ? head.slice(0, k + 1) : head.slice(0, k)).replace(TRAILING, '');
    if (shortened !== '') return shortened;
  }
  return head;
}
