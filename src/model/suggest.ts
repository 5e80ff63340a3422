/**
 * "Did you mean" suggestions for near-miss identifiers.
 */
import { foldDiacritics } from './text.js';

/** Optimal string alignment distance (Levenshtein with adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const table: number[] = new Array(rows * cols);
  for (let i = 0; i < rows; i++) table[i * cols] = i;
  for (let j = 0; j < cols; j++) table[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(table[(i - 1) * cols + j] + 1, table[i * cols + j - 1] + 1, table[(i - 1) * cols + j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, table[(i - 2) * cols + j - 2] + 1);
      }
      table[i * cols + j] = best;
    }
  }
  return table[rows * cols - 1];
}

export interface Candidate {
  readonly id: string;
  /** A human label to match too (a municipality's name). */
  readonly label?: string;
}

/**
 * The closest known id to `value`, or undefined when nothing is close:
 * within ⌈len/4⌉ edits (at most 2) of an id, or an exact case- and
 * diacritic-insensitive match of a label (`"Brzozie"` → `0402042`).
 * Of equally close ids, the one sharing the longest prefix wins (TERYT codes
 * are hierarchical), then the first, so callers pass candidates in a stable order.
 */
export function suggest(value: string, candidates: readonly Candidate[]): Candidate | undefined {
  const wanted = value.trim();
  if (wanted === '') return undefined;
  const folded = foldDiacritics(wanted).toLowerCase();
  const limit = Math.min(2, Math.max(1, Math.ceil(wanted.length / 4)));
  let best: Candidate | undefined;
  let bestDistance = Infinity;
  let bestPrefix = -1;
  for (const candidate of candidates) {
    if (candidate.label !== undefined && foldDiacritics(candidate.label).toLowerCase() === folded) return candidate;
    if (Math.abs(candidate.id.length - wanted.length) > limit) continue;
    const id = foldDiacritics(candidate.id).toLowerCase();
    const distance = editDistance(id, folded);
    if (distance > limit || distance > bestDistance) continue;
    // Equal distance: the longer common prefix wins (TERYT codes are hierarchical).
    const prefix = commonPrefix(id, folded);
    if (distance < bestDistance || prefix > bestPrefix) {
      best = candidate;
      bestDistance = distance;
      bestPrefix = prefix;
    }
  }
  return best;
}

function commonPrefix(a: string, b: string): number {
  let k = 0;
  while (k < a.length && k < b.length && a[k] === b[k]) k++;
  return k;
}

/** `; did you mean "0402042" (Brzozie)?` or an empty string. */
export function didYouMean(value: string, candidates: readonly Candidate[]): string {
  const found = suggest(value, candidates);
  if (!found) return '';
  return `; did you mean ${JSON.stringify(found.id)}${found.label ? ` (${found.label})` : ''}?`;
}
