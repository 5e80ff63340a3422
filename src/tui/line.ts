/**
 * A line of the explorer as the view model computes it: text in segments,
 * each with a tone the components turn into colour (or nothing under
 * NO_COLOR). Lines are cut to the screen width here, so nothing wraps.
 */
import { cells, truncate } from './text.js';

export type Tone = 'plain' | 'bold' | 'dim' | 'bad' | 'good' | 'warn' | 'accent';

export interface Segment {
  readonly text: string;
  readonly tone?: Tone;
}

export interface Line {
  readonly segments: readonly Segment[];
  /** The cursor is on this line (shown inverted when colours are on). */
  readonly selected?: boolean;
}

export const segment = (text: string, tone: Tone = 'plain'): Segment => ({ text, tone });

export const line = (...segments: (Segment | string)[]): Line => ({ segments: segments.map((part) => (typeof part === 'string' ? segment(part) : part)) });

export const EMPTY: Line = { segments: [] };

export function lineText(value: Line): string {
  return value.segments.map((part) => part.text).join('');
}

/** `value` cut to `width` cells (the last segment kept ends in `…`). */
export function fit(value: Line, width: number): Line {
  const segments: Segment[] = [];
  let left = width;
  const total = cells(lineText(value));
  for (const part of value.segments) {
    if (left <= 0) break;
    const size = cells(part.text);
    if (size <= left) {
      segments.push(part);
      left -= size;
    } else {
      segments.push({ ...part, text: truncate(part.text, left) });
      left = 0;
    }
  }
  return total <= width ? value : { ...value, segments };
}

/** Two columns side by side: `left` padded to `width`, then `gap`, then `right`. */
export function sideBySide(left: readonly Line[], right: readonly Line[], width: number, gap = '   '): Line[] {
  return Array.from({ length: Math.max(left.length, right.length) }, (_, k) => {
    const a = fit(left[k] ?? EMPTY, width);
    const pad = ' '.repeat(Math.max(0, width - cells(lineText(a))));
    return { segments: [...a.segments, segment(pad + gap), ...(right[k]?.segments ?? [])] };
  });
}
