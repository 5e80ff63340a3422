/**
 * Utf8Writer: the bytes are the UTF-8 of the pieces, across block
 * boundaries and for any text; numbers written digit by digit are exactly
 * plainNumber's and jsonNumber's text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonNumber, plainNumber } from './number-format.js';
import { Utf8Writer } from './utf8-writer.js';

const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');

/** Doubles of every size, some on a 10^-6 grid or exactly halfway between. */
const doubles = fc.oneof(
  fc.double({ noNaN: false }),
  fc.tuple(fc.double({ min: 1, max: 10, noNaN: true }), fc.integer({ min: -12, max: 16 }), fc.boolean(), fc.integer({ min: 0, max: 3 })).map(([mantissa, exponent, negative, snap]) => {
    const value = mantissa * 10 ** exponent * (negative ? -1 : 1);
    return snap === 0 ? Math.round(value * 1e6) / 1e6 : snap === 1 ? (Math.round(value * 1e6) + 0.5) / 1e6 : snap === 2 ? Math.round(value) : value;
  }),
);

describe('Utf8Writer', () => {
  it('writes the UTF-8 of every piece, ASCII or not, short or long, across blocks', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 5 })), { maxLength: 40 }), (pieces) => {
        const writer = new Utf8Writer();
        for (const piece of pieces) writer.add(piece);
        return Buffer.from(writer.toBytes()).equals(Buffer.from(pieces.join(''), 'utf8'));
      }),
    );
    const writer = new Utf8Writer();
    const long = 'Wąpielsk ł '.repeat(50_000);
    for (let k = 0; k < 5; k++) writer.add(long);
    writer.add('żółć');
    expect(text(writer.toBytes())).toBe(long.repeat(5) + 'żółć');
    writer.add('!');
    expect(writer.toString()).toBe(long.repeat(5) + 'żółć!');
  });

  it('writes numbers with exactly the text of plainNumber and jsonNumber', () => {
    const edges = [
      0,
      -0,
      0.5,
      -0.5,
      1e-7,
      -4e-7,
      5e-7,
      1.5e-6,
      9.99e-7,
      0.0000005,
      0.1 + 0.2,
      1 / 3,
      123456.789,
      8796.0931,
      8796.0935,
      8795.9999999995,
      2 ** 43,
      1e21,
      -1e21,
      Number.NaN,
      Infinity,
      -Infinity,
      null,
      undefined,
    ];
    for (const value of edges) {
      for (const decimals of [0, 2, 6, 9]) {
        const writer = new Utf8Writer();
        writer.addPlainNumber(value, decimals);
        expect(writer.toString(), `${value} at ${decimals}`).toBe(plainNumber(value, decimals));
      }
      const writer = new Utf8Writer();
      writer.addJsonNumber(value);
      expect(writer.toString(), String(value)).toBe(jsonNumber(value));
    }
    fc.assert(
      fc.property(doubles, fc.constantFrom(0, 1, 2, 6, 9), (value, decimals) => {
        const plain = new Utf8Writer();
        plain.addPlainNumber(value, decimals);
        const json = new Utf8Writer();
        json.addJsonNumber(value);
        return plain.toString() === plainNumber(value, decimals) && json.toString() === jsonNumber(value);
      }),
      { numRuns: 50_000 },
    );
  });
});
