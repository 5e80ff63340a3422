import { describe, expect, it } from 'vitest';
import { cells, fold, padEnd, padStart, truncate, wrapWords } from './text.js';

describe('text helpers', () => {
  it('counts Polish letters as one cell each', () => {
    expect(cells('Wąpielsk')).toBe(8);
    expect(cells('Jabłonowo Pomorskie')).toBe(19);
  });

  it('truncates with an ellipsis only when needed', () => {
    expect(truncate('Brodnica', 8)).toBe('Brodnica');
    expect(truncate('Brodnica', 5)).toBe('Brod…');
    expect(truncate('Brodnica', 1)).toBe('…');
    expect(truncate('Brodnica', 0)).toBe('');
  });

  it('pads to exactly the width', () => {
    expect(padEnd('Łódź', 6)).toBe('Łódź  ');
    expect(padStart('12', 5)).toBe('   12');
    expect(padEnd('Jabłonowo Pomorskie', 10)).toBe('Jabłonowo…');
  });

  it('wraps words to the width', () => {
    expect(wrapWords('one two three four', 9)).toEqual(['one two', 'three', 'four']);
    expect(wrapWords('', 9)).toEqual([]);
    expect(wrapWords('abcdefghijkl', 5)).toEqual(['abcd…']);
  });

  it('folds case and diacritics, ł included', () => {
    expect(fold('Jabłonowo Pomorskie')).toBe('jablonowo pomorskie');
    expect(fold('ŁÓDŹ Świętochłowice')).toBe('lodz swietochlowice');
  });
});
