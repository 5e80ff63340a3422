import { describe, expect, it } from 'vitest';
import { normaliseId, parseKind } from './teryt.js';

describe('normaliseId', () => {
  it('keeps a 7-digit gmina code as it is', () => {
    expect(normaliseId('0402042')).toEqual({ id: '0402042', kind: 'municipality', padded: false });
    expect(normaliseId(' 0402042 ')).toEqual({ id: '0402042', kind: 'municipality', padded: false });
  });

  it('pads a 6-digit code whose leading zero a spreadsheet dropped', () => {
    expect(normaliseId('402042')).toEqual({ id: '0402042', kind: 'municipality', padded: true });
    expect(normaliseId(' 402073')).toEqual({ id: '0402073', kind: 'municipality', padded: true });
  });

  it('joins the "040202 2" layout of publication tables without calling it padded', () => {
    expect(normaliseId('040202 2')).toEqual({ id: '0402022', kind: 'municipality', padded: false });
    expect(normaliseId('121503  3')).toEqual({ id: '1215033', kind: 'municipality', padded: false });
  });

  it('leaves other ids alone', () => {
    expect(normaliseId('g-01')).toEqual({ id: 'g-01', kind: 'municipality', padded: false });
    expect(normaliseId('40204')).toEqual({ id: '40204', kind: 'municipality', padded: false });
    expect(normaliseId('04020422')).toEqual({ id: '04020422', kind: 'municipality', padded: false });
  });

  it.each([
    ['0000000', 'Poland'],
    ['0400000', 'a voivodeship'],
    ['3200000', 'a voivodeship'],
    ['0402000', 'a county'],
    ['1465000', 'a county'],
  ])('marks %s as an aggregate row (%s)', (cell, what) => {
    expect(normaliseId(cell)).toEqual({ id: cell, kind: 'aggregate', padded: false, what });
  });

  it('recognises an aggregate whose leading zero was lost', () => {
    expect(normaliseId('400000')).toEqual({ id: '0400000', kind: 'aggregate', padded: true, what: 'a voivodeship' });
    expect(normaliseId('402000')).toEqual({ id: '0402000', kind: 'aggregate', padded: true, what: 'a county' });
  });

  it.each([
    ['0402074', 'the town part of an urban-rural gmina'],
    ['0402075', 'the rural part of an urban-rural gmina'],
    ['1465018', 'a district or delegation of a city'],
    ['0264019', 'a district or delegation of a city'],
  ])('marks %s (type %s) as a part of a gmina', (cell, what) => {
    expect(normaliseId(cell)).toEqual({ id: cell, kind: 'part', padded: false, what });
  });

  it.each(['0402011', '0402042', '0402073'])('treats type digits 1, 2, 3 as gminy: %s', (cell) => {
    expect(normaliseId(cell).kind).toBe('municipality');
  });
});

describe('parseKind', () => {
  it.each([
    ['urban', 'urban'],
    ['rural', 'rural'],
    ['urban-rural', 'urban-rural'],
    [' Urban-Rural ', 'urban-rural'],
    ['1', 'urban'],
    ['2', 'rural'],
    ['3', 'urban-rural'],
  ])('%j → %s', (cell, kind) => {
    expect(parseKind(cell)).toBe(kind);
  });

  it.each(['', '4', '0', 'miejska', 'urban rural'])('rejects %j', (cell) => {
    expect(parseKind(cell)).toBeUndefined();
  });
});
