/**
 * Plain-text helpers for the explorer: width, truncation, padding, word
 * wrapping and the loose name matching of the filter. Municipality names are
 * Polish text, so every code point is taken as one terminal cell.
 */

/** Terminal cells of `text` (one per code point). */
export function cells(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** `text` cut to `width` cells, ending in `…` when cut. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  const points = [...text];
  if (points.length <= width) return text;
  return `${points.slice(0, width - 1).join('')}…`;
}

/** `text` truncated and padded with spaces to exactly `width` cells. */
export function padEnd(text: string, width: number): string {
  const cut = truncate(text, width);
  return cut + ' '.repeat(Math.max(0, width - cells(cut)));
}

/** `text` truncated and right-aligned in exactly `width` cells. */
export function padStart(text: string, width: number): string {
  const cut = truncate(text, width);
  return ' '.repeat(Math.max(0, width - cells(cut))) + cut;
}

/** Words of `text` in lines of at most `width` cells (a longer word is truncated). */
export function wrapWords(text: string, width: number): string[] {
  if (width <= 0) return [];
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line === '') line = truncate(word, width);
    else if (cells(line) + 1 + cells(word) <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = truncate(word, width);
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** Lower case without diacritics (ł → l too), so `jablonowo` finds `Jabłonowo`. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/ł/g, 'l').replace(/Ł/g, 'L').toLowerCase();
}
