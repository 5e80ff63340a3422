/**
 * The manifest example of DATA.md loads as written: a demand file of one age
 * group with no service column, in a one-service dataset.
 * fixtures/format/data-md-manifest-example/ (servflow.json copied from DATA.md).
 */
import { describe, expect, it } from 'vitest';
import { loadDataset } from './load-dataset.js';

describe('the DATA.md manifest example', () => {
  const { dataset } = loadDataset('fixtures/format/data-md-manifest-example');
  const i = (id: string) => dataset.municipalities.findIndex((m) => m.id === id);

  it('takes name, year, parameters and the service override', () => {
    expect(dataset.name).toBe('Partnerstwo Jabłonowo Pomorskie');
    expect(dataset.year).toBe(2022);
    expect(dataset.manifestParameters).toEqual({ circuity: 1.3 });
    expect(dataset.services.map((s) => s.id)).toEqual(['preschool']);
    expect(dataset.services[0].catchmentKm).toBe(15);
  });

  it('reads demand from "Kod" and "3-5 lat" for the only service', () => {
    // ludnosc_3_5.csv: 0402073 → 250, 0402042 → 120; every other pair 0.
    expect(dataset.demand[0][i('0402073')]).toBe(250);
    expect(dataset.demand[0][i('0402042')]).toBe(120);
    expect(dataset.demand[0].reduce((a, b) => a + b, 0)).toBe(370);
    // supply.csv has no service column either: 0402011 → 1450.
    expect(dataset.supply[0][i('0402011')]).toBe(1450);
  });
});
