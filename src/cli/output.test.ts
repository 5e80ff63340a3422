import { describe, expect, it } from 'vitest';
import { DEFAULT_COLUMNS, progressLine, progressReporter } from './output.js';

/** A stand-in for process.stderr: what was written, whether it is a terminal, its width. */
function fakeStream(isTTY: boolean, columns: number | undefined): NodeJS.WriteStream & { written: string[] } {
  const written: string[] = [];
  return { isTTY, columns, written, write: (text: string) => (written.push(text), true) } as unknown as NodeJS.WriteStream & { written: string[] };
}

describe('progressLine', () => {
  const label = 'nursery: cost sharing, group 3 of 2,266 (2 players)';
  it('an unknown or zero width (a pseudo-terminal) counts as 80 columns, not 10', () => {
    for (const columns of [undefined, 0, -1, NaN, 1]) {
      const line = progressLine(label, 3, 2266, columns);
      expect(line).toBe(`${label} 3/2,266`);
      expect(line.length).toBeLessThan(DEFAULT_COLUMNS);
    }
  });
  it('cut to the width less one, so the line never wraps', () => {
    expect(progressLine(label, 3, 2266, 20)).toBe(label.slice(0, 19));
    expect(progressLine(label, 3, 2266, 200)).toBe(`${label} 3/2,266`);
  });
  it('control characters from data are shown escaped, as everywhere on the terminal', () => {
    expect(progressLine('a\u001b[2Jb\u0007', 1, 2, 80)).toBe('a\\x1b[2Jb\\x07 1/2');
  });
});

describe('progressReporter', () => {
  it('writes nothing when stderr is not a terminal', () => {
    const stream = fakeStream(false, 80);
    const progress = progressReporter(stream);
    progress.update('location', 1, 2);
    progress.update('location', 2, 2);
    progress.done();
    expect(stream.written).toEqual([]);
  });
  it('on a terminal of width 0, redraws the whole line and clears it at the end', () => {
    const stream = fakeStream(true, 0);
    const progress = progressReporter(stream);
    progress.update('nursery: facility location', 2, 2);
    progress.done();
    expect(stream.written).toEqual(['\r\u001b[2Knursery: facility location 2/2', '\r\u001b[2K']);
  });
});
