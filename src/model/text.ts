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
