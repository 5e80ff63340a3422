/**
 * Text normalisation for headers and names found in real exports
 * (DATA.md "Formats accepted").
 */

const NON_DECOMPOSING: Record<string, string> = { ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ø: 'o', Ø: 'O', ß: 'ss' };

/** Remove diacritics: `Ludność` → `Ludnosc`, `Łódź` → `Lodz`. */
export function foldDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[łŁđĐøØß]/g, (letter) => NON_DECOMPOSING[letter] ?? letter);
}

/**
 * Key used to compare headers: lower case, no diacritics, whitespace folded
 * (multi-line headers become one line), surrounding punctuation kept.
 */
export function headerKey(text: string): string {
  return foldDiacritics(text.replace(/^\uFEFF/, ''))
    .toLowerCase()
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim();
}

export interface CleanName {
  readonly name: string;
  /** The digit of a BDL type suffix `"Bolesławiec (1)"`, when there was one. */
  readonly suffixDigit?: string;
}

/**
 * Display name from a cell: trims, drops dot leaders of publication tables
 * (`"  Osiecznica......."`), a publication footnote mark (`"Szczecin (b)"`)
 * and the BDL type suffix (`"Bolesławiec (1)"`, digit returned).
 */
export function cleanName(cell: string): CleanName {
  let name = cell.replace(/[\s\u00a0]+/g, ' ').trim();
  name = name.replace(/\s*(?:\.\s*){3,}$/, '').trim();
  const suffix = /^(.*\S)\s*\((\d)\)$/.exec(name);
  if (suffix) return { name: suffix[1], suffixDigit: suffix[2] };
  const footnote = /^(.*\S)\s*\([a-z]\)$/.exec(name);
  if (footnote) name = footnote[1];
  return { name };
}

/**
 * Text from data made safe for a terminal (issue 16, item 6): control
 * characters (C0, DEL, C1), bidirectional overrides and invisible format
 * characters are shown as `\xHH` or `\u{HHHH}` instead of acting on the
 * terminal (retitling a window, colouring, erasing, breaking column widths).
 * Every terminal writer — messages, summaries, the explorer — uses this one
 * function for what comes from data or from the command line.
 */
export function terminalText(text: string): string {
  return UNSAFE_FOR_TERMINAL.test(text) ? text.replace(UNSAFE_FOR_TERMINAL_ALL, escapeCharacter) : text;
}

const UNSAFE = '[\\u0000-\\u001f\\u007f-\\u009f\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u2069\\ufeff\\ufff9-\\ufffb]|[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]';
const UNSAFE_FOR_TERMINAL = new RegExp(UNSAFE);
const UNSAFE_FOR_TERMINAL_ALL = new RegExp(UNSAFE, 'g');

function escapeCharacter(char: string): string {
  const code = char.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
}

/**
 * The first control character of a text cell, for the validation warning;
 * tabs and line breaks (multi-line cells of publication tables) are allowed.
 */
export function controlCharacter(text: string): string | undefined {
  const match = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.exec(text);
  return match?.[0];
}

/**
 * JSON text made safe for a terminal without changing what it means: the
 * characters `JSON.stringify` leaves raw that act on a terminal (DEL, C1
 * controls, bidirectional and invisible format characters) become `\u` escapes of four hex digits
 * — for `--json` output on stdout.
 */
export function terminalJson(json: string): string {
  return json.replace(/[\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
