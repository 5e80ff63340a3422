/**
 * DATA.md "Formats accepted", one rule per fixtures/format/<case>/ folder,
 * loaded through the real loader. Most cases are fixtures/format/plain saved
 * another way, so they must load to the same values, typed below by hand
 * from that folder's files.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Issue } from '../model/issue.js';
import type { Dataset } from '../model/types.js';
import { loadDataset } from './load-dataset.js';

const load = (name: string): Dataset => loadDataset(`fixtures/format/${name}`).dataset;

/** A dataset keyed by ids, independent of the order the loader keeps things in. */
function byId(dataset: Dataset) {
  const ids = dataset.municipalities.map((m) => m.id);
  const grid = (table: readonly Float64Array[]) => Object.fromEntries(dataset.services.map((s, k) => [s.id, Object.fromEntries(ids.map((id, i) => [id, table[k][i]]))]));
  const flows: Record<string, number> = {};
  for (let k = 0; k < dataset.flows.length; k++) {
    flows[`${dataset.services[dataset.flows.service[k]].id} ${ids[dataset.flows.origin[k]]}→${ids[dataset.flows.destination[k]]}`] = dataset.flows.users[k];
  }
  const distances: Record<string, [number, number | null]> = {};
  for (let k = 0; k < dataset.distances.length; k++) {
    const minutes = dataset.distances.minutes[k];
    distances[`${ids[dataset.distances.origin[k]]}→${ids[dataset.distances.destination[k]]}`] = [dataset.distances.km[k], Number.isNaN(minutes) ? null : minutes];
  }
  return {
    municipalities: Object.fromEntries(dataset.municipalities.map((m) => [m.id, m])),
    services: Object.fromEntries(dataset.services.map((s) => [s.id, s])),
    supply: grid(dataset.supply),
    demand: grid(dataset.demand),
    flows,
    distances,
  };
}

const where = (issue: Issue): string => `${issue.file.replace(/^fixtures\/format\/[^/]+\//, '')}:${issue.line}:${issue.column}`;

/** fixtures/format/plain, typed from its files. */
const PLAIN = {
  municipalities: {
    '0402011': { id: '0402011', name: 'Brodnica', kind: 'urban', county: 'brodnicki', population: 28429, lat: 53.257414, lon: 19.404293, areaKm2: 23, partner: true, candidate: true },
    '0402042': { id: '0402042', name: 'Brzozie', kind: 'rural', county: 'brodnicki', population: 3737, lat: 53.303512, lon: 19.602288, areaKm2: 94, partner: true, candidate: true },
    '0412062': { id: '0412062', name: 'Wąpielsk', kind: 'rural', county: 'rypiński', population: 3698, lat: 53.152337, lon: 19.283103, areaKm2: 94, partner: true, candidate: true },
  },
  services: {
    preschool: {
      id: 'preschool',
      name: 'Preschool (przedszkole)',
      unit: 'places',
      catchmentKm: 15,
      minFacilitySize: 25,
      maxFacilitySize: 150,
      capexPerPlace: 45000,
      facilityFixedCost: 1500000,
      opexPerPlace: 16000,
    },
    nursery: {
      id: 'nursery',
      name: 'Nursery (żłobek)',
      unit: 'places',
      catchmentKm: 20,
      minFacilitySize: 16,
      maxFacilitySize: 80,
      capexPerPlace: 40000,
      facilityFixedCost: 1000000,
      opexPerPlace: 20000,
    },
  },
  // 0412062 has no nursery row in supply.csv: a missing pair is 0
  supply: { preschool: { '0402011': 1450, '0402042': 125, '0412062': 175 }, nursery: { '0402011': 300, '0402042': 0, '0412062': 0 } },
  demand: { preschool: { '0402011': 1296, '0402042': 176, '0412062': 156 }, nursery: { '0402011': 336, '0402042': 43, '0412062': 36 } },
  flows: {
    'preschool 0402011→0402011': 1250,
    'preschool 0402042→0402042': 120,
    'preschool 0402042→0402011': 30,
    'preschool 0412062→0412062': 140,
    'preschool 0412062→0402011': 3,
  },
  distances: {},
};
const plainWith = (change: (copy: typeof PLAIN) => void): typeof PLAIN => {
  const copy = structuredClone(PLAIN);
  change(copy);
  return copy;
};

describe('plain: the base every other case rewrites', () => {
  it('loads the values of its files, with no warnings', () => {
    const dataset = load('plain');
    expect(byId(dataset)).toEqual(PLAIN);
    expect(dataset.warnings).toEqual([]);
    expect(dataset.name).toBe('plain');
    expect(dataset.sources.map((s) => [s.role, s.rows, s.encoding, s.delimiter])).toEqual([
      ['municipalities', 3, 'utf-8', ','],
      ['services', 2, 'utf-8', ','],
      ['supply', 5, 'utf-8', ','],
      ['demand', 6, 'utf-8', ','],
      ['flows', 5, 'utf-8', ','],
    ]);
  });
});

describe('delimiters, encodings and line ends', () => {
  it('";" with decimal commas: 53,257414 → 53.257414, 175,6 → 175.6, 0,08 → 0.08', () => {
    const dataset = load('semicolon-decimal-comma');
    expect(byId(dataset)).toEqual(
      plainWith((p) => {
        p.demand.preschool['0402042'] = 175.6;
        Object.assign(p.services.preschool, { decayBeta: 0.08 });
      }),
    );
    expect(dataset.warnings).toEqual([]);
    expect(new Set(dataset.sources.map((s) => s.delimiter))).toEqual(new Set([';']));
  });

  it('tab-separated files', () => {
    const dataset = load('tab-delimiter');
    expect(byId(dataset)).toEqual(PLAIN);
    expect(new Set(dataset.sources.map((s) => s.delimiter))).toEqual(new Set(['tab']));
  });

  it('UTF-8 with a BOM: the first header is still "id", names intact', () => {
    expect(readFileSync('fixtures/format/utf8-bom/municipalities.csv').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const dataset = load('utf8-bom');
    expect(byId(dataset)).toEqual(PLAIN);
    expect(dataset.warnings).toEqual([]);
  });

  it('Windows-1250: Polish letters come through intact', () => {
    const bytes = readFileSync('fixtures/format/windows-1250/municipalities.csv');
    expect(bytes.includes(0xb3) && bytes.includes(0xa3) && bytes.includes(0x9f) && bytes.includes(0xbf)).toBe(true); // ł Ł ź ż
    const dataset = load('windows-1250');
    const names = Object.fromEntries(dataset.municipalities.map((m) => [m.id, [m.name, m.county]]));
    expect(names).toEqual({ '0201011': ['Bolesławiec', 'bolesławiecki'], '1061011': ['Łódź', 'Łódź'], '0202011': ['Dzierżoniów', 'dzierżoniowski'] });
    expect(dataset.services.map((s) => s.name).sort()).toEqual(['Przedszkole', 'Żłobek']);
    expect(dataset.sources.map((s) => [s.role, s.encoding])).toEqual([
      ['municipalities', 'windows-1250'],
      ['services', 'windows-1250'],
      ['supply', 'utf-8'],
      ['demand', 'utf-8'],
    ]);
    // ";" file, so decimal commas: 51,7592 → 51.7592; 672185 residents of Łódź
    expect(dataset.municipalities.find((m) => m.id === '1061011')).toMatchObject({ lat: 51.7592, lon: 19.456, population: 672185 });
  });

  it('CRLF line ends', () => {
    expect(readFileSync('fixtures/format/crlf/supply.csv', 'latin1')).toContain('1450\r\n');
    const dataset = load('crlf');
    expect(byId(dataset)).toEqual(PLAIN);
    expect(dataset.warnings).toEqual([]);
  });

  it('BDL trailing ";" on every line is an empty column, not an error', () => {
    const dataset = load('bdl-trailing-semicolon');
    expect(byId(dataset)).toEqual(PLAIN);
    expect(dataset.warnings).toEqual([]);
  });

  it('thousands separated by space, U+00A0 and U+202F: "28 429" → 28429, "1 500 000" → 1500000', () => {
    const dataset = load('thousands-separators');
    expect(byId(dataset)).toEqual(PLAIN);
    expect(dataset.warnings).toEqual([]);
  });
});

describe('Polish exports', () => {
  it('header aliases with and without diacritics, any case: Kod, NAZWA, Ludność, TERYT, usluga, GMINA, USŁUGA, Skąd, DOKAD, LICZBA', () => {
    const dataset = load('polish-headers');
    expect(byId(dataset)).toEqual(PLAIN);
    expect(dataset.warnings).toEqual([]);
  });

  it('pads 6-digit TERYT codes back to 7, with one warning per file at the first one', () => {
    const dataset = load('six-digit-teryt');
    expect(byId(dataset)).toEqual(PLAIN);
    expect(dataset.warnings.map((w) => [where(w), w.severity, w.code])).toEqual([
      ['municipalities.csv:2:1', 'warning', 'padded-id'],
      ['supply.csv:2:1', 'warning', 'padded-id'],
    ]);
    // all 3 ids of municipalities.csv and all 5 rows of supply.csv were padded
    expect(dataset.warnings[0].message).toContain('3 TERYT codes');
    expect(dataset.warnings[0].message).toContain('"402011" → "0402011"');
    expect(dataset.warnings[1].message).toContain('5 TERYT codes');
  });

  it('BDL name suffix: "Brzozie (2)" → name Brzozie, kind rural (ids are not TERYT codes here, so only the suffix can tell)', () => {
    const dataset = load('bdl-name-suffix');
    expect(dataset.municipalities.map((m) => [m.id, m.name, m.kind])).toEqual([
      ['brodnica', 'Brodnica', 'urban'],
      ['brzozie', 'Brzozie', 'rural'],
      ['jablonowo', 'Jabłonowo Pomorskie', 'urban-rural'],
    ]);
    expect(dataset.warnings).toEqual([]);
  });

  it('skips aggregate rows (0000000, 0400000, 0402000) with a warning, never as municipalities', () => {
    const dataset = load('aggregate-rows');
    // the three gminy only, and demand without the county row's 2480
    expect(byId(dataset)).toEqual(PLAIN);
    expect(dataset.warnings.map((w) => [where(w), w.code])).toEqual([
      ['demand.csv:2:1', 'aggregate-row'],
      ['municipalities.csv:2:1', 'aggregate-row'],
    ]);
    expect(dataset.warnings[0].message).toContain('1 aggregate row');
    expect(dataset.warnings[0].message).toContain('"0402000", a county');
    expect(dataset.warnings[1].message).toContain('3 aggregate rows');
    expect(dataset.warnings[1].message).toContain('"0000000", Poland');
  });
});

describe('distances.csv', () => {
  it('one direction implies the other unless both are given', () => {
    const dataset = load('distances');
    expect(byId(dataset).distances).toEqual({
      '0402011→0402042': [16.5, 22],
      '0402042→0402011': [16.5, 22], // implied
      '0402042→0412062': [25, null], // minutes left empty
      '0412062→0402042': [27.5, 35], // given: not overwritten by 25
      '0402011→0412062': [21.2, 28],
      '0412062→0402011': [21.2, 28], // implied
    });
    expect(dataset.warnings).toEqual([]);
  });

  it('stand in for coordinates when every pair a municipality needs is given', () => {
    const dataset = load('distances-instead-of-coordinates');
    const wapielsk = dataset.municipalities.find((m) => m.id === '0412062');
    expect(wapielsk?.lat).toBeUndefined();
    expect(wapielsk?.lon).toBeUndefined();
    expect(Object.keys(byId(dataset).distances).sort()).toEqual(['0402011→0412062', '0402042→0412062', '0412062→0402011', '0412062→0402042']);
    expect(dataset.warnings).toEqual([]);
  });
});
