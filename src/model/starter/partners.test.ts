/**
 * Partners by code or name (issue 19): exact and diacritic-free names, a
 * kind suffix, a lost leading zero, the county rule for namesakes, and the
 * errors that list candidates or suggest the closest.
 */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../errors.js';
import type { Gmina } from './gmina.js';
import { partnerEntries, resolvePartners } from './partners.js';

const gmina = (id: string, name: string, kind: Gmina['kind'], county: string, voivodeship: string): Gmina => ({
  id,
  name,
  kind,
  county,
  voivodeship,
  population: { 2022: 1000 },
  lat: 52,
  lon: 19,
  areaKm2: 100,
  ages: { age0to4: 50, age5to9: 50, age10to14: 50 },
});

const GMINY: readonly Gmina[] = Object.freeze([
  gmina('0402011', 'Brodnica', 'urban', 'brodnicki', 'kujawsko-pomorskie'),
  gmina('0402032', 'Brodnica', 'rural', 'brodnicki', 'kujawsko-pomorskie'),
  gmina('0402042', 'Brzozie', 'rural', 'brodnicki', 'kujawsko-pomorskie'),
  gmina('0811033', 'Brody', 'urban-rural', 'żarski', 'lubuskie'),
  gmina('2611011', 'Starachowice', 'urban', 'starachowicki', 'świętokrzyskie'),
  gmina('2611022', 'Brody', 'rural', 'starachowicki', 'świętokrzyskie'),
  gmina('2611042', 'Pawłów', 'rural', 'starachowicki', 'świętokrzyskie'),
]);

const ids = (list: string): string[] => resolvePartners(list, GMINY).gminy.map((found) => found.id);
const failure = (list: string): string => {
  try {
    resolvePartners(list, GMINY);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a UsageError');
};

describe('partnerEntries', () => {
  it('splits on commas and semicolons and drops blanks', () => {
    expect(partnerEntries(' Brody ; Pawłów,, 2611011 ,')).toEqual(['Brody', 'Pawłów', '2611011']);
  });
});

describe('resolvePartners', () => {
  it('takes codes, a code whose leading zero was lost, names in any case and without diacritics', () => {
    expect(ids('2611011, 402042, pawlow')).toEqual(['2611011', '0402042', '2611042']);
    expect(ids('BRZOZIE,  Starachowice ')).toEqual(['0402042', '2611011']);
  });

  it('lists a gmina given twice once, and says so', () => {
    const resolved = resolvePartners('Pawłów,2611042', GMINY);
    expect(resolved.gminy.map((found) => found.id)).toEqual(['2611042']);
    expect(resolved.notes).toEqual(['a gmina given twice is listed once']);
  });

  it('settles a namesake by the county of a partner given unambiguously, and says so', () => {
    const resolved = resolvePartners('Starachowice,Brody', GMINY);
    expect(resolved.gminy.map((found) => found.id)).toEqual(['2611011', '2611022']);
    expect(resolved.notes[0]).toBe(
      '"Brody": taken as Brody (2611022, rural, starachowicki, świętokrzyskie), in the county of another partner; also a gmina of that name: Brody (0811033, urban-rural, żarski, lubuskie)',
    );
  });

  it('lists the candidates with codes when no other partner settles a name', () => {
    expect(failure('Brody')).toBe(
      '--partners: "Brody" is ambiguous: 2 gminy have that name; give the TERYT code of the one you mean:\n  0811033  Brody (urban-rural, żarski, lubuskie)\n  2611022  Brody (rural, starachowicki, świętokrzyskie)',
    );
    // both Brodnicas lie in the county of Brzozie: the county cannot choose between them
    expect(failure('Brzozie,Brodnica')).toContain('"Brodnica" is ambiguous: 2 gminy');
  });

  it('narrows a name by a kind suffix, as a word or a TERYT type digit', () => {
    expect(ids('Brodnica (rural)')).toEqual(['0402032']);
    expect(ids('Brodnica (1)')).toEqual(['0402011']);
    expect(failure('Brzozie (urban)')).toBe('--partners: no urban gmina is named "Brzozie"; the gminy of that name: Brzozie (0402042, rural, brodnicki, kujawsko-pomorskie)');
  });

  it('suggests the closest name or code, or names that begin with the entry', () => {
    expect(failure('Starachowica')).toBe('--partners: no gmina is named "Starachowica"; did you mean Starachowice (2611011, urban, starachowicki, świętokrzyskie)?');
    expect(failure('Brodi')).toContain('did you mean Brody (0811033, urban-rural, żarski, lubuskie) or Brody (2611022, rural, starachowicki, świętokrzyskie)?');
    expect(failure('Stara')).toContain('did you mean Starachowice (2611011');
    expect(failure('2611043')).toContain('no gmina has the TERYT code "2611043"; did you mean Pawłów (2611042');
    expect(failure('Zzzzzzzz')).toBe('--partners: no gmina is named "Zzzzzzzz"; give its 7-digit TERYT code');
  });

  it('reports every entry it cannot settle at once, and needs at least one', () => {
    expect(failure('Brody,Zzzzzzzz').split('\n')).toHaveLength(4);
    expect(failure(' , ')).toContain('--partners needs at least one');
  });
});
