/** The bundled national data init reads (data/poland): complete and consistent. */
import { describe, expect, it } from 'vitest';
import { readNationalData } from './national-data.js';

describe('readNationalData', () => {
  const { gminy, boundaries } = readNationalData('data/poland');

  it('has every gmina once with a polygon, and the national totals of data/README.md', () => {
    expect(gminy).toHaveLength(2477);
    expect(new Set(gminy.map((gmina) => gmina.id)).size).toBe(2477);
    expect(gminy.filter((gmina) => !boundaries.has(gmina.id))).toEqual([]);
    expect(boundaries.size).toBe(2477);
    // 37,766,327 residents at 31 Dec 2022 (GUS table 21, as /work/shared/data/README.md gives)
    expect(gminy.reduce((total, gmina) => total + gmina.population[2022], 0)).toBe(37766327);
  });

  it('reads Brzozie as data/README.md describes it', () => {
    const brzozie = gminy.find((gmina) => gmina.id === '0402042')!;
    expect(brzozie).toMatchObject({ name: 'Brzozie', kind: 'rural', county: 'brodnicki', voivodeship: 'kujawsko-pomorskie', ages: { age0to4: 218, age5to9: 221, age10to14: 262 } });
    expect(boundaries.get('0402042')!.properties.name).toBe('Brzozie');
  });
});
