/**
 * Number formatting: the fast paths give exactly the text of the plain
 * definitions (round to the precision, then `toFixed` / `JSON.stringify`),
 * on hand-picked edge cases and on random doubles of every magnitude.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatNumber, EN_NUMBERS, PL_NUMBERS } from '../report/i18n/format.js';
import { humanNumber, jsonNumber, plainNumber, round } from './number-format.js';

/** The definitions, written the slow and obvious way. */
const reference = {
  plain(value: number | null | undefined, decimals = 6): string {
    if (value === null || value === undefined || Number.isNaN(value)) return '';
    if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
    const text = round(value, decimals).toFixed(decimals);
    const trimmed = text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
    return trimmed === '-0' ? '0' : trimmed;
  },
  json(value: number | null | undefined): string {
    return JSON.stringify(value === null || value === undefined || !Number.isFinite(value) ? null : round(value, 9));
  },
  human(value: number, decimals: number, thousands = ',', decimal = '.', groupFrom = 4, minus = '-'): string {
    const text = round(value, decimals).toFixed(decimals);
    const negative = text.startsWith('-') && !/^-0(\.0*)?$/.test(text);
    const [whole, fraction] = text.replace(/^-/, '').split('.');
    const grouped = whole.length >= groupFrom ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, thousands) : whole;
    return `${negative ? minus : ''}${grouped}${fraction !== undefined ? `${decimal}${fraction}` : ''}`;
  },
};

const EDGES = [
  0,
  -0,
  1,
  -1,
  0.5,
  -0.5,
  1e-7,
  -1e-7,
  4e-7,
  5e-7,
  1.5e-6,
  0.0000005,
  0.0000015,
  0.1 + 0.2,
  1 / 3,
  -2 / 3,
  123456.789,
  999999.9999999999,
  1e6 - 1e-10,
  1e6,
  1e6 + 0.5,
  4503599627370495.5,
  2 ** 53,
  1e15 + 0.3,
  1e20,
  1e21,
  1.5e21,
  -1e21,
  1e300,
  Number.MIN_VALUE,
  -Number.MIN_VALUE,
  Number.MAX_VALUE,
  1.0000005,
  2.5e-10,
  1e9 - 0.0000005,
  1e9 + 0.0000005,
];

/** Doubles of every size: a random mantissa times a random power of ten, either sign, sometimes snapped to a grid. */
const doubles = fc.tuple(fc.double({ min: 1, max: 10, noNaN: true }), fc.integer({ min: -12, max: 22 }), fc.boolean(), fc.integer({ min: 0, max: 3 })).map(([mantissa, exponent, negative, snap]) => {
  const value = mantissa * 10 ** exponent * (negative ? -1 : 1);
  return snap === 0 ? Math.round(value * 1e6) / 1e6 : snap === 1 ? Math.round(value) + 0.5 : value;
});

describe('plainNumber', () => {
  it('gives the rounded fixed-point text without trailing zeros', () => {
    expect([12.5, 3, -0, -1e-9, 0.1 + 0.2, 1e-7, Number.NaN, null, undefined, Infinity, -Infinity].map((value) => plainNumber(value))).toEqual([
      '12.5',
      '3',
      '0',
      '0',
      '0.3',
      '0',
      '',
      '',
      '',
      'inf',
      '-inf',
    ]);
    expect(plainNumber(1234.5678, 2)).toBe('1234.57');
  });

  it('equals the definition on edge cases and random doubles', () => {
    for (const decimals of [0, 2, 6, 9]) for (const value of EDGES) expect(plainNumber(value, decimals), `${value} at ${decimals}`).toBe(reference.plain(value, decimals));
    fc.assert(
      fc.property(doubles, fc.constantFrom(0, 1, 2, 6, 9), (value, decimals) => plainNumber(value, decimals) === reference.plain(value, decimals)),
      { numRuns: 20_000 },
    );
  });
});

describe('jsonNumber', () => {
  it('writes what JSON.stringify writes for the value rounded to 9 decimals', () => {
    expect([1.23456789012, -0, 1e-7, 2.5e-10, 0.1 + 0.2, 1e21, Number.NaN, Infinity, null].map(jsonNumber)).toEqual(['1.23456789', '0', '1e-7', '0', '0.3', '1e+21', 'null', 'null', 'null']);
    for (const value of EDGES) expect(jsonNumber(value), String(value)).toBe(reference.json(value));
    fc.assert(
      fc.property(doubles, (value) => jsonNumber(value) === reference.json(value)),
      { numRuns: 20_000 },
    );
  });
});

describe('humanNumber and formatNumber', () => {
  it('group thousands by hand exactly as the pattern did', () => {
    expect(humanNumber(1234567.891, 2)).toBe('1,234,567.89');
    expect(humanNumber(-0.001, 2)).toBe('0.00');
    expect(humanNumber(Infinity)).toBe('Infinity');
    expect(formatNumber(-1234.5, 1, PL_NUMBERS)).toBe('−1234,5');
    expect(formatNumber(-12345.5, 1, PL_NUMBERS)).toBe('−12\u00a0345,5');
    for (const decimals of [0, 1, 2, 3]) {
      for (const value of EDGES) {
        if (Number.isFinite(value)) {
          expect(humanNumber(value, decimals), String(value)).toBe(reference.human(value, decimals));
          expect(formatNumber(value, decimals, PL_NUMBERS), String(value)).toBe(reference.human(value, decimals, '\u00a0', ',', 5, '−'));
        }
      }
    }
    fc.assert(
      fc.property(doubles, fc.constantFrom(0, 1, 2, 3), (value, decimals) => {
        return (
          humanNumber(value, decimals) === reference.human(value, decimals) &&
          formatNumber(value, decimals, EN_NUMBERS) === reference.human(value, decimals, ',', '.', 4, '−') &&
          formatNumber(value, decimals, PL_NUMBERS) === reference.human(value, decimals, '\u00a0', ',', 5, '−')
        );
      }),
      { numRuns: 20_000 },
    );
  });
});
