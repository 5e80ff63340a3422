/**
 * The manifest servflow.json (DATA.md), one feature per
 * fixtures/format/manifest-<case>/ folder, loaded through the real loader.
 * Each folder is fixtures/format/plain with one thing changed; expected
 * values are typed from the folder's files.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { runParameters } from '../model/parameters.js';
import type { Dataset } from '../model/types.js';
import { loadDataset } from './load-dataset.js';
import { readBoundaries } from './read-boundaries.js';

const load = (name: string): Dataset => loadDataset(`fixtures/format/${name}`).dataset;

/** `table[service][municipality]` by ids, as { id: value } per service. */
function grid(dataset: Dataset, table: 'supply' | 'demand'): Record<string, Record<string, number>> {
  return Object.fromEntries(dataset.services.map((service, s) => [service.id, Object.fromEntries(dataset.municipalities.map((m, i) => [m.id, dataset[table][s][i]]))]));
}

function flows(dataset: Dataset): Record<string, number> {
  const ids = dataset.municipalities.map((m) => m.id);
  const result: Record<string, number> = {};
  for (let k = 0; k < dataset.flows.length; k++) {
    result[`${dataset.services[dataset.flows.service[k]].id} ${ids[dataset.flows.origin[k]]}→${ids[dataset.flows.destination[k]]}`] = dataset.flows.users[k];
  }
  return result;
}

// supply.csv and demand.csv of fixtures/format/plain
const SUPPLY = { preschool: { '0402011': 1450, '0402042': 125, '0412062': 175 }, nursery: { '0402011': 300, '0402042': 0, '0412062': 0 } };
const DEMAND = { preschool: { '0402011': 1296, '0402042': 176, '0412062': 156 }, nursery: { '0402011': 336, '0402042': 43, '0412062': 36 } };

describe('manifest', () => {
  it('"name", "year" and "files" name other files', () => {
    const dataset = load('manifest-file-names');
    expect(dataset.name).toBe('Partnerstwo Brodnickie');
    expect(dataset.year).toBe(2023);
    expect(dataset.sources.map((s) => [s.role, path.basename(s.file), s.rows])).toEqual([
      ['municipalities', 'gminy.csv', 3],
      ['services', 'uslugi.csv', 2],
      ['supply', 'miejsca.csv', 5],
      ['demand', 'potrzeby.csv', 6],
      ['flows', 'dojazdy.csv', 5],
    ]);
    expect(grid(dataset, 'supply')).toEqual(SUPPLY);
    expect(flows(dataset)['preschool 0402042→0402011']).toBe(30);
    expect(dataset.warnings).toEqual([]);
  });

  it('"columns" maps by header name (any case) and by 1-based column number', () => {
    // supply.csv: Lp.,Jednostka,Typ placówki,Miejsca ogółem → columns 2, 3, 4
    // demand.csv: Kod terytorialny,Rodzaj,Liczba dzieci → mapped as "rodzaj", "LICZBA DZIECI"
    const dataset = load('manifest-columns');
    expect(grid(dataset, 'supply')).toEqual(SUPPLY);
    expect(grid(dataset, 'demand')).toEqual(DEMAND);
    expect(dataset.warnings).toEqual([]);
  });

  it('the same folder without its manifest fails on those columns', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'servflow-manifest-'));
    try {
      cpSync('fixtures/format/manifest-columns', folder, { recursive: true });
      rmSync(path.join(folder, 'servflow.json'));
      let caught: unknown;
      try {
        loadDataset(folder);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(InputError);
      const missing = (caught as InputError).issues.filter((issue) => issue.code === 'missing-column');
      expect(missing.map((issue) => [path.basename(issue.file), issue.line])).toEqual([
        ['demand.csv', 1],
        ['demand.csv', 1],
        ['demand.csv', 1],
        ['supply.csv', 1],
        ['supply.csv', 1],
        ['supply.csv', 1],
      ]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('"header_row" finds the header below a title, a multi-line quoted header cell mapped by its folded name', () => {
    // demand.csv: lines 1–2 title, header on lines 3–4 ("Dzieci\nw wieku 3-5"), data from line 5
    const dataset = load('manifest-header-row');
    expect(grid(dataset, 'demand')).toEqual(DEMAND);
    expect(dataset.sources.find((s) => s.role === 'demand')).toMatchObject({ rows: 6, delimiter: ';' });
    expect(dataset.warnings).toEqual([]);
  });

  it('"values" gives a column a fixed value: a supply file of preschools only', () => {
    const dataset = load('manifest-values');
    // supply.csv has municipality,capacity only; nursery gets no row, so 0
    expect(grid(dataset, 'supply')).toEqual({ preschool: SUPPLY.preschool, nursery: { '0402011': 0, '0402042': 0, '0412062': 0 } });
    expect(dataset.warnings).toEqual([]);
  });

  it('"services" overrides columns of services.csv for one service', () => {
    const dataset = load('manifest-service-override');
    const preschool = dataset.services.find((s) => s.id === 'preschool');
    const nursery = dataset.services.find((s) => s.id === 'nursery');
    // services.csv: catchment_km 15, decay_beta empty; the manifest: 10 and 0.2
    expect(preschool).toMatchObject({ catchmentKm: 10, decayBeta: 0.2, capexPerPlace: 45000, minFacilitySize: 25 });
    expect(nursery?.catchmentKm).toBe(20);
    expect(nursery?.decayBeta).toBeUndefined();
  });

  it('"parameters": the dataset keeps what the manifest sets; a run takes the defaults for the rest', () => {
    const manifest = load('manifest-parameters').manifestParameters;
    expect(manifest).toEqual({ circuity: 1.5, seed: 7, decay: 'pow', underservedShare: 0.1 });
    expect(runParameters(manifest)).toEqual({
      circuity: 1.5,
      lambda: 1,
      underservedShare: 0.1,
      hubAttraction: 0.1,
      dependentShare: 0.25,
      decay: 'pow',
      defaultDecayBeta: null,
      seed: 7,
      timeLimitSeconds: 10,
    });
    expect(load('plain').manifestParameters).toEqual({});
    expect(runParameters(load('plain').manifestParameters)).toMatchObject({ circuity: 1.3, seed: 42, decay: 'exp', underservedShare: 0.05 });
  });

  it('"flows": {"duplicates": "sum"} adds duplicate rows up', () => {
    const dataset = load('manifest-flows-sum');
    expect(flows(dataset)).toEqual({
      'preschool 0402011→0402011': 1250,
      'preschool 0402042→0402042': 120,
      'preschool 0402042→0402011': 30, // lines 4 and 7: 20 + 10
      'preschool 0412062→0412062': 140,
      'preschool 0412062→0402011': 3, // lines 6 and 8: 1 + 2
    });
    expect(dataset.sources.find((s) => s.role === 'flows')?.rows).toBe(7);
    expect(dataset.warnings).toEqual([]);
  });
});

describe('manifest "files": {"boundaries": …}', () => {
  /** The sample in a scratch folder, its boundaries renamed, with `manifest` as servflow.json. */
  function sample(manifest: unknown): string {
    const folder = mkdtempSync(path.join(tmpdir(), 'servflow-boundaries-'));
    cpSync('data', folder, { recursive: true });
    cpSync(path.join(folder, 'boundaries.geojson'), path.join(folder, 'granice.geojson'));
    rmSync(path.join(folder, 'boundaries.geojson'));
    writeFileSync(path.join(folder, 'servflow.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    return folder;
  }

  it('names the gmina polygons of the maps like the other files (a name or {"path"}); the default is boundaries.geojson', () => {
    for (const entry of ['granice.geojson', { path: 'granice.geojson' }]) {
      const folder = sample({ name: 'x', files: { boundaries: entry } });
      const loaded = loadDataset(folder);
      expect(loaded.boundaries).toBe('granice.geojson');
      expect(readBoundaries(loaded.folder, loaded.boundaries).size).toBe(7);
      rmSync(folder, { recursive: true, force: true });
    }
    expect(loadDataset('data').boundaries).toBe('boundaries.geojson');
  });

  it('a named file must exist, and the entry has no columns: errors at the manifest line', () => {
    const missing = sample({ name: 'x', files: { boundaries: 'granica.geojson' } });
    expect(() => loadDataset(missing)).toThrow(InputError);
    try {
      loadDataset(missing);
    } catch (error) {
      expect((error as InputError).issues.map((issue) => `${path.basename(issue.file)}:${issue.line}:${issue.column}: ${issue.message}`)).toEqual([
        'servflow.json:4:5: files.boundaries: file not found: granica.geojson',
      ]);
    }
    const columns = sample({ name: 'x', files: { boundaries: { path: 'granice.geojson', columns: { id: 'kod' } } } });
    expect(() => loadDataset(columns)).toThrow(InputError);
    try {
      loadDataset(columns);
    } catch (error) {
      expect((error as InputError).issues.map((issue) => issue.message)).toEqual(['"files.boundaries" must be a GeoJSON file name, or an object with only "path" (it has no columns)']);
    }
    for (const folder of [missing, columns]) rmSync(folder, { recursive: true, force: true });
  });
});
