import { describe, expect, it } from 'vitest';
import { cleanName, foldDiacritics, headerKey } from './text.js';

describe('foldDiacritics', () => {
  it('removes Polish diacritics, ł and Ł included (they do not decompose)', () => {
    expect(foldDiacritics('Łódź')).toBe('Lodz');
    expect(foldDiacritics('zażółć gęślą jaźń')).toBe('zazolc gesla jazn');
    expect(foldDiacritics('ZAŻÓŁĆ GĘŚLĄ JAŹŃ')).toBe('ZAZOLC GESLA JAZN');
  });
});

describe('headerKey', () => {
  it('folds case and diacritics', () => {
    expect(headerKey('Ludność')).toBe('ludnosc');
    expect(headerKey('LUDNOŚĆ')).toBe('ludnosc');
    expect(headerKey('Skąd')).toBe('skad');
    expect(headerKey('DOKĄD')).toBe('dokad');
    expect(headerKey('Usługa')).toBe('usluga');
    expect(headerKey('Szerokość geograficzna')).toBe('szerokosc geograficzna');
    expect(headerKey('Długość')).toBe('dlugosc');
    expect(headerKey('DŁUGOŚĆ')).toBe('dlugosc');
  });

  it('joins a multi-line header cell into one line and trims it', () => {
    expect(headerKey('Ludność\nogółem')).toBe('ludnosc ogolem');
    expect(headerKey('  Ludność\r\n   ogółem\n')).toBe('ludnosc ogolem');
    expect(headerKey('Powierzchnia\u00a0w\u202fkm2')).toBe('powierzchnia w km2');
  });

  it('drops a byte order mark left on the first header cell', () => {
    expect(headerKey('\uFEFFid')).toBe('id');
  });

  it('keeps punctuation', () => {
    expect(headerKey('3-5 lat')).toBe('3-5 lat');
    expect(headerKey('area_km2')).toBe('area_km2');
  });
});

describe('cleanName', () => {
  it('strips the BDL type suffix and returns its digit', () => {
    expect(cleanName('Bolesławiec (1)')).toEqual({ name: 'Bolesławiec', suffixDigit: '1' });
    expect(cleanName('Bolesławiec (2)')).toEqual({ name: 'Bolesławiec', suffixDigit: '2' });
    expect(cleanName('Jabłonowo Pomorskie(3)')).toEqual({ name: 'Jabłonowo Pomorskie', suffixDigit: '3' });
  });

  it('drops the dot leaders of publication tables', () => {
    expect(cleanName('  Osiecznica......')).toEqual({ name: 'Osiecznica' });
    expect(cleanName('Osiecznica . . . .')).toEqual({ name: 'Osiecznica' });
  });

  it('keeps two dots, which are not a leader', () => {
    expect(cleanName('Gm. St..')).toEqual({ name: 'Gm. St..' });
  });

  it('drops a publication footnote letter', () => {
    expect(cleanName('Szczecin (b)')).toEqual({ name: 'Szczecin' });
    expect(cleanName('Szczecin (b) .....')).toEqual({ name: 'Szczecin' });
  });

  it('folds inner whitespace and trims', () => {
    expect(cleanName(' Nowe\u00a0 Miasto\nLubawskie ')).toEqual({ name: 'Nowe Miasto Lubawskie' });
  });

  it('leaves a parenthesis that is part of the name', () => {
    expect(cleanName('Brodnica (gmina wiejska)')).toEqual({ name: 'Brodnica (gmina wiejska)' });
  });
});
