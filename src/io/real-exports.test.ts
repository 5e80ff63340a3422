/**
 * Real exports load through a manifest without hand editing (issue 2 (a)–(d)).
 * Expected values are read off the source files (line numbers given), not
 * computed by the code under test.
 */
import { describe, expect, it } from 'vitest';
import { loadDataset } from './load-dataset.js';
import type { Dataset } from '../model/types.js';

const folder = (name: string): string => `fixtures/real-exports/${name}`;

function cellOf(dataset: Dataset, table: 'supply' | 'demand', municipality: string, service: string): number {
  const i = dataset.municipalities.findIndex((m) => m.id === municipality);
  const s = dataset.services.findIndex((x) => x.id === service);
  expect(i, `municipality ${municipality}`).toBeGreaterThanOrEqual(0);
  expect(s, `service ${service}`).toBeGreaterThanOrEqual(0);
  return dataset[table][s][i];
}

const byId = (dataset: Dataset, id: string) => dataset.municipalities.find((m) => m.id === id);

describe('(a) BDL age export → demand from chosen age columns', () => {
  const { dataset } = loadDataset(folder('bdl-age-demand'), { root: 'fixtures/real-exports' });

  it('takes a weighted sum of age columns for preschool', () => {
    // bdl-LUDN_2137…csv line 295: 0402042 "Brzozie (2)"; 0-4 = 218, 5-9 = 221.
    // 0.4 · 218 + 0.4 · 221 = 87.2 + 88.4 = 175.6
    expect(cellOf(dataset, 'demand', '0402042', 'preschool')).toBeCloseTo(175.6, 10);
    // line 300: 0402073 "Jabłonowo Pomorskie (3)"; 0-4 = 432, 5-9 = 494 → 172.8 + 197.6 = 370.4
    expect(cellOf(dataset, 'demand', '0402073', 'preschool')).toBeCloseTo(370.4, 10);
  });

  it('takes one column for primary school', () => {
    // line 295: 10-14 = 262; line 408: 0412062 "Wąpielsk (2)", 10-14 = 220; line 292: Brodnica (1), 10-14 = 1610
    expect(cellOf(dataset, 'demand', '0402042', 'primary_school')).toBe(262);
    expect(cellOf(dataset, 'demand', '0412062', 'primary_school')).toBe(220);
    expect(cellOf(dataset, 'demand', '0402011', 'primary_school')).toBe(1610);
  });

  it('skips the other gminy of the national file and warns once about parts of gminy', () => {
    expect(dataset.municipalities).toHaveLength(5);
    const parts = dataset.warnings.filter((w) => w.code === 'part-row');
    expect(parts).toHaveLength(1);
    // line 6 is the first part row: 0201044 "Nowogrodziec - miasto (4)"
    expect(parts[0]).toMatchObject({ line: 6, column: 1 });
    expect(parts[0].message).toContain('"0201044"');
    expect(dataset.sources.find((s) => s.role === 'demand')).toMatchObject({ delimiter: ';', encoding: 'utf-8' });
  });
});

describe('(b) Windows-1250 re-saved file → names and 7-digit codes', () => {
  const { dataset } = loadDataset(folder('cp1250-names'), { root: 'fixtures/real-exports' });

  it('decodes Polish letters and restores the leading zero', () => {
    const source = dataset.sources.find((s) => s.file.endsWith('cp1250-resaved.csv'));
    expect(source?.encoding).toBe('windows-1250');
    // file line 2: 201011;"Bolesławiec (1)" — line 3: 201022;"Bolesławiec (2)"
    expect(byId(dataset, '0201011')).toMatchObject({ name: 'Bolesławiec', kind: 'urban' });
    expect(byId(dataset, '0201022')).toMatchObject({ name: 'Bolesławiec', kind: 'rural', areaKm2: 289 });
    // line 302: 402073;"Jabłonowo Pomorskie (3)";…;135
    expect(byId(dataset, '0402073')).toMatchObject({ name: 'Jabłonowo Pomorskie', kind: 'urban-rural', areaKm2: 135 });
    // Świedziebnia: Ś and ż, ź, ó, ł, ę in other names survive
    expect(byId(dataset, '0402092')?.name).toBe('Świedziebnia');
    expect(dataset.municipalities.every((m) => /^\d{7}$/.test(m.id))).toBe(true);
  });

  it('keeps exactly the gminy of the two counties included, with population from the second source', () => {
    // powiat bolesławiecki (0201) has 6 gminy, powiat brodnicki (0402) 10
    expect(dataset.municipalities).toHaveLength(16);
    // bdl-LUDN_2137…csv line 295: 0402042 ogółem = 3828
    expect(byId(dataset, '0402042')?.population).toBe(3828);
  });

  it('warns that codes were padded, pointing at the first one', () => {
    const padded = dataset.warnings.find((w) => w.code === 'padded-id');
    expect(padded).toMatchObject({ line: 2, column: 1 });
    expect(padded?.message).toContain('"201011" → "0201011"');
  });
});

describe('(c) multi-year export whose quoted headers contain ";"', () => {
  const { dataset } = loadDataset(folder('multi-year'), { root: 'fixtures/real-exports' });

  it('reads the 2019 column by its name', () => {
    // bdl-population-economic-age-2010-2019.csv line 297: 0402042 "Brzozie (2)";
    // przedprodukcyjny 2010…2019 = 899;880;878;874;881;858;868;854;843;847 → 2019 = 847
    expect(cellOf(dataset, 'demand', '0402042', 'youth_centre')).toBe(847);
    // line 302: Jabłonowo Pomorskie 2010…2019 = 1979;…;1674 → 2019 = 1674
    expect(cellOf(dataset, 'demand', '0402073', 'youth_centre')).toBe(1674);
  });
});

describe('(d) GUS publication table → population per gmina', () => {
  const { dataset } = loadDataset(folder('gus-publication'), { root: 'fixtures/real-exports' });

  it('reads codes written "040204 2", names with dot leaders, population and area', () => {
    // table lines 422, 430, 417, 420, 569
    expect(byId(dataset, '0402042')).toMatchObject({ name: 'Brzozie', population: 3737, areaKm2: 94 });
    expect(byId(dataset, '0402073')).toMatchObject({ name: 'Jabłonowo Pomorskie', population: 8467, areaKm2: 135 });
    expect(byId(dataset, '0402011')).toMatchObject({ name: 'Brodnica', population: 28429, areaKm2: 23, kind: 'urban' });
    expect(byId(dataset, '0402022')).toMatchObject({ name: 'Bobrowo', population: 6050, areaKm2: 145 });
    expect(byId(dataset, '0412062')).toMatchObject({ name: 'Wąpielsk', population: 3698, areaKm2: 94 });
    expect(dataset.municipalities).toHaveLength(5);
  });

  it('detects the BOM-marked UTF-8 and the ";" delimiter', () => {
    expect(dataset.sources[0]).toMatchObject({ encoding: 'utf-8', delimiter: ';' });
  });
});
