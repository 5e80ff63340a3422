import { describe, expect, it } from 'vitest';
import { parseNumber } from './number.js';

const value = (cell: string, decimalComma = false): number => {
  const result = parseNumber(cell, decimalComma);
  if (!result.ok) throw new Error(`expected a number from ${JSON.stringify(cell)}, got: ${result.reason}`);
  return result.value;
};
const reason = (cell: string, decimalComma = false): string => {
  const result = parseNumber(cell, decimalComma);
  if (result.ok) throw new Error(`expected ${JSON.stringify(cell)} to be rejected, got ${result.value}`);
  return result.reason;
};

describe('parseNumber: bad input', () => {
  it('rejects an empty or blank cell', () => {
    expect(reason('')).toBe('empty cell, a number is required');
    expect(reason('   ')).toBe('empty cell, a number is required');
    expect(reason('\u00a0')).toBe('empty cell, a number is required');
  });

  it.each(['NaN', 'nan', 'Infinity', '-Infinity', '+infinity', 'inf', '-INF'])('rejects %s as not finite, quoting it', (cell) => {
    expect(reason(cell)).toBe(`${JSON.stringify(cell)} is not a finite number`);
  });

  it('rejects 1e309 and -1e309 as out of range', () => {
    expect(reason('1e309')).toBe('"1e309" is out of range');
    expect(reason('-1e309')).toBe('"-1e309" is out of range');
    // the largest double is still a number
    expect(value('1.7976931348623157e308')).toBe(Number.MAX_VALUE);
  });

  it.each(['abc', '12a', '1..2', '0x10', '1_000', '--5', '1e', 'e5', '5 %', '12 34'])('rejects %j as not a number', (cell) => {
    expect(reason(cell, true)).toBe(`${JSON.stringify(cell)} is not a number`);
  });

  it('rejects a decimal comma unless the caller allows it, suggesting the dot', () => {
    expect(reason('38432,99')).toBe('"38432,99" has a decimal comma, which is ambiguous in a comma-separated file (write "38432.99" or save the file with ";")');
    expect(value('38432,99', true)).toBe(38432.99);
  });

  it('rejects "1.234,5" (German grouping with dots) and two commas', () => {
    expect(reason('1.234,5', true)).toBe('"1.234,5" is not a number');
    expect(reason('1,234,5', true)).toBe('"1,234,5" is not a number');
  });
});

describe('parseNumber: formats accepted', () => {
  it('reads plain integers and decimals', () => {
    expect(value('0')).toBe(0);
    expect(value('8467')).toBe(8467);
    expect(value('53.381803')).toBe(53.381803);
    expect(value('.5')).toBe(0.5);
    expect(value('2.5e3')).toBe(2500);
  });

  it('parses "-5" and "+5": the sign check belongs to the caller', () => {
    expect(value('-5')).toBe(-5);
    expect(value('+5')).toBe(5);
    expect(value('-2,5', true)).toBe(-2.5);
  });

  it('turns -0 into 0', () => {
    expect(Object.is(value('-0'), 0)).toBe(true);
  });

  it('trims surrounding blanks, non-breaking spaces included', () => {
    expect(value('  42 ')).toBe(42);
    expect(value('\u00a042\u202f')).toBe(42);
  });

  it.each([
    ['1 234', 1234],
    ['1\u00a0234', 1234],
    ['1\u202f234', 1234],
    ['12 345 678', 12345678],
    ['-1 234', -1234],
  ])('reads thousands separated: %j → %d', (cell, expected) => {
    expect(value(cell)).toBe(expected);
    expect(value(cell, true)).toBe(expected);
  });

  it('combines thousands separators with a decimal comma or dot', () => {
    expect(value('38 432,99', true)).toBe(38432.99);
    expect(value('1\u00a0234,5', true)).toBe(1234.5);
    expect(value('1 234.5')).toBe(1234.5);
  });

  it('rejects badly grouped thousands', () => {
    expect(reason('1 23')).toBe('"1 23" is not a number');
    expect(reason('1234 567')).toBe('"1234 567" is not a number');
  });
});
