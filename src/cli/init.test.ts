/**
 * `servflow init` end to end (issue 19 acceptance): the Starachowice
 * partnership from names, checked against an independent Python reference
 * (fixtures/init/reference.py); validate naming every capacity still
 * missing; analyze once they are filled; the bundled sample's real figures
 * equal what init writes; ambiguous and unknown names; folders refused or
 * replaced. The acceptance command runs the built binary; the other cases run
 * in process (src/testing/in-process.ts). Needs the build (`npm test` builds first).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servflowRunIn } from '../testing/in-process.js';
import { servflowWith, type Run } from '../testing/servflow.js';

const root = process.cwd();
const work = mkdtempSync(path.join(os.tmpdir(), 'servflow-init-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const run = (...args: string[]): Promise<Run> => servflowRunIn({ cwd: work }, ...args);
const read = (file: string): string => readFileSync(path.join(work, file), 'utf8');
/** A CSV of our own (no quoted cells) as records. */
const records = (text: string): Record<string, string>[] => {
  const [header, ...lines] = text.trim().split('\n');
  const names = header.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, k) => [names[k], cell])));
};
const expected = records(readFileSync(path.join(root, 'fixtures/init/starachowice-expected.csv'), 'utf8'));
const SERVICES = ['preschool', 'nursery', 'primary_school'];

describe('servflow init starachowice (the acceptance command)', () => {
  let init: Run;
  beforeAll(async () => {
    init = await servflowWith({ cwd: work }, 'init', 'starachowice', '--partners', 'Starachowice,Brody,Mirzec,Pawłów,Wąchock', '--neighbours-within', '15');
  });

  it('writes the whole folder and says what to fill in', () => {
    expect(init.status).toBe(0);
    expect(readdirSync(path.join(work, 'starachowice')).sort()).toEqual(['README.md', 'boundaries.geojson', 'demand.csv', 'municipalities.csv', 'servflow.json', 'services.csv', 'supply.csv']);
    expect(init.stdout).toContain('16 (5 partners, 11 neighbours within 15 km)');
    expect(init.stdout).toContain('fill in the 48 capacities of starachowice/supply.csv');
    // Brody is also a gmina in lubuskie: the other partners' county settles it, and the user is told
    expect(init.stderr).toContain('"Brody": taken as Brody (2611022, rural, starachowicki, świętokrzyskie)');
    expect(init.stderr).toContain('0811033');
  });

  it('lists the partners and every gmina within 15 km with real figures (Python reference)', () => {
    const written = records(read('starachowice/municipalities.csv'));
    expect(written.map((row) => [row.id, row.partner, row.candidate, row.population])).toEqual(expected.map((row) => [row.id, row.partner, row.partner, row.population]));
  });

  it('derives demand by the documented rule (Python reference)', () => {
    const demand = records(read('starachowice/demand.csv'));
    expect(demand).toEqual(expected.flatMap((row) => SERVICES.map((service) => ({ municipality: row.id, service, demand: row[service] }))));
  });

  it('writes a supply template with every municipality and service and no capacity', () => {
    const supply = records(read('starachowice/supply.csv'));
    expect(supply).toEqual(expected.flatMap((row) => SERVICES.map((service) => ({ municipality: row.id, service, capacity: '' }))));
  });

  it('writes the PRG polygon of every municipality and a README saying what is real and what to fill', () => {
    const boundaries = JSON.parse(read('starachowice/boundaries.geojson')) as { features: { properties: { teryt: string } }[] };
    expect(boundaries.features.map((feature) => feature.properties.teryt)).toEqual(expected.map((row) => row.id));
    const readme = read('starachowice/README.md');
    for (const text of [
      'Źródło: GUS, Bank Danych Lokalnych; PRG (GUGiK)',
      'LUDN_2137',
      '2/5 · (0–4) + 2/5 · (5–9)',
      'defaults to review',
      '`supply.csv`: the `capacity` of each of its 48 rows',
      'servflow validate starachowice',
      'servflow analyze starachowice',
    ]) {
      expect(readme).toContain(text);
    }
    expect(JSON.parse(read('starachowice/servflow.json'))).toEqual({ name: 'Partnership: Starachowice, Brody, Mirzec, Pawłów, Wąchock', year: 2022 });
  });

  it('validate names exactly the capacities still missing, then analyze runs once they are filled', async () => {
    expect(init.status).toBe(0);
    const supplyFile = path.join(work, 'starachowice/supply.csv');
    const template = readFileSync(supplyFile, 'utf8').trim().split('\n');
    const capacityOf = (row: Record<string, string>, service: string): number => Math.floor(Number(row[service]) * 1.1 + 0.5);
    const filled = (skip: ReadonlySet<number>): string =>
      [template[0], ...template.slice(1).map((line, k) => (skip.has(k + 2) ? line : `${line}${capacityOf(expected[Math.floor(k / 3)], SERVICES[k % 3])}`))].join('\n') + '\n';

    const empty = await run('validate', 'starachowice', '--json');
    expect(empty.status).toBe(0);
    const missing = (output: string): string[] =>
      (JSON.parse(output) as { code: string; file: string; line: number; column: number }[])
        .filter((issue) => issue.code === 'missing-capacity')
        .map((issue) => `${issue.file}:${issue.line}:${issue.column}`);
    expect(missing(empty.stdout)).toEqual(Array.from({ length: 48 }, (_, k) => `starachowice/supply.csv:${k + 2}:3`));

    // Two left to fill: Starachowice's nursery (line 3) and Jastrząb's primary school (line 49)
    writeFileSync(supplyFile, filled(new Set([3, 49])));
    const two = await run('validate', 'starachowice');
    expect(two.status).toBe(0);
    expect(two.stderr.trim().split('\n')).toEqual([
      'servflow: starachowice/supply.csv:3:3: warning: capacity of "nursery" in "2611011" ("Starachowice") is empty: fill it in (counted as 0 until then)',
      'servflow: starachowice/supply.csv:49:3: warning: capacity of "primary_school" in "1430023" ("Jastrząb") is empty: fill it in (counted as 0 until then)',
    ]);

    writeFileSync(supplyFile, filled(new Set()));
    const clean = await run('validate', 'starachowice');
    expect([clean.status, clean.stderr]).toEqual([0, '']);
    expect(clean.stdout).toContain('valid: no errors, no warnings');

    const analyze = await run('analyze', 'starachowice', '--out', 'starachowice/reports');
    expect([analyze.status, analyze.stderr]).toEqual([0, '']);
    const summary = JSON.parse(read('starachowice/reports/summary.json')) as { services: { id: string; all_municipalities: { supply: number; demand: number } }[] };
    for (const service of summary.services) {
      expect(service.all_municipalities).toMatchObject({
        supply: expected.reduce((total, row) => total + capacityOf(row, service.id), 0),
        demand: expected.reduce((total, row) => total + Number(row[service.id]), 0),
      });
    }
    // the map draws the PRG polygons init wrote
    expect(read('starachowice/reports/report.html')).toContain('Boundaries: PRG (GUGiK), simplified');
    expect(read('starachowice/reports/report.html')).not.toContain('No boundaries given');
  }, 120_000);
});

describe('servflow init and the bundled sample', () => {
  it('writes the same real figures, demand and polygons as data/ for the same gminy', async () => {
    const sample = records(readFileSync(path.join(root, 'data/municipalities.csv'), 'utf8'));
    const result = await run('init', 'sample', '--partners', sample.map((row) => row.id).join(','));
    expect(result.status).toBe(0);
    const real = (row: Record<string, string>) => [row.id, row.name, row.kind, row.county, row.population, row.lat, row.lon, row.area_km2];
    expect(records(read('sample/municipalities.csv')).map(real)).toEqual(sample.map(real));
    expect(read('sample/demand.csv')).toBe(readFileSync(path.join(root, 'data/demand.csv'), 'utf8'));
    type Features = { features: { properties: { teryt: string }; geometry: unknown }[] };
    const polygons = (text: string) => (JSON.parse(text) as Features).features.map((feature) => [feature.properties.teryt, feature.geometry]);
    expect(polygons(read('sample/boundaries.geojson'))).toEqual(polygons(readFileSync(path.join(root, 'data/boundaries.geojson'), 'utf8')));
  });
});

describe('servflow init: partners it cannot settle', () => {
  it('an ambiguous name in two voivodeships exits 2 listing the candidates with codes, writing nothing', async () => {
    const result = await run('init', 'brody', '--partners', 'Brody');
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      [
        'servflow: --partners: "Brody" is ambiguous: 2 gminy have that name; give the TERYT code of the one you mean:',
        '  0811033  Brody (urban-rural, żarski, lubuskie)',
        '  2611022  Brody (rural, starachowicki, świętokrzyskie)',
        '',
      ].join('\n'),
    );
    expect(existsSync(path.join(work, 'brody'))).toBe(false);
  });

  it("an urban and a rural gmina of one name in the partners' county stay ambiguous", async () => {
    const result = await run('init', 'brodnica', '--partners', 'Jabłonowo Pomorskie,Brodnica');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('"Brodnica" is ambiguous');
    expect(result.stderr).toContain('  0402011  Brodnica (urban, brodnicki, kujawsko-pomorskie)');
    expect(result.stderr).toContain('  0402032  Brodnica (rural, brodnicki, kujawsko-pomorskie)');
    expect(existsSync(path.join(work, 'brodnica'))).toBe(false);
    // the kind settles it
    const settled = await run('init', 'brodnica', '--partners', 'Jabłonowo Pomorskie,Brodnica (rural)');
    expect(settled.status).toBe(0);
    expect(records(read('brodnica/municipalities.csv')).map((row) => row.id)).toEqual(['0402073', '0402032']);
  });

  it('an unknown name or code exits 2 suggesting the closest', async () => {
    const name = await run('init', 'unknown', '--partners', 'Starachowice,Mirzek');
    expect(name.status).toBe(2);
    expect(name.stderr).toBe('servflow: --partners: no gmina is named "Mirzek"; did you mean Mirzec (2611032, rural, starachowicki, świętokrzyskie)?\n');
    const code = await run('init', 'unknown', '--partners', '2611033');
    expect(code.status).toBe(2);
    expect(code.stderr).toContain('no gmina has the TERYT code "2611033"; did you mean Mirzec (2611032');
    const both = await run('init', 'unknown', '--partners', 'Brody,Mirzek');
    expect(both.stderr.match(/servflow|^ {2}\d/gm)).toHaveLength(3);
    expect(existsSync(path.join(work, 'unknown'))).toBe(false);
  });
});

describe('servflow init: the target folder and options', () => {
  it('refuses a non-empty folder unless --force, which replaces only the dataset files', async () => {
    const folder = path.join(work, 'taken');
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'supply.csv'), 'mine');
    writeFileSync(path.join(folder, 'notes.txt'), 'keep');
    const refused = await run('init', 'taken', '--partners', '2611032');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('taken exists and is not empty');
    expect(readdirSync(folder).sort()).toEqual(['notes.txt', 'supply.csv']);
    const forced = await run('init', 'taken', '--partners', '2611032', '--force');
    expect(forced.status).toBe(0);
    expect(readFileSync(path.join(folder, 'notes.txt'), 'utf8')).toBe('keep');
    expect(readFileSync(path.join(folder, 'supply.csv'), 'utf8')).toBe('municipality,service,capacity\n2611032,preschool,\n2611032,nursery,\n2611032,primary_school,\n');
  });

  it('takes an empty folder, a subset of services and the 2020 population', async () => {
    mkdirSync(path.join(work, 'empty'));
    const result = await run('init', 'empty', '--partners', 'Mirzec', '--services', 'primary_school', '--year', '2020');
    expect(result.status).toBe(0);
    // Mirzec: population 31 Dec 2020 and primary_school = 3/5·(5–9) + (10–14), from data/poland/age-groups-2020.csv
    const ages = records(readFileSync(path.join(root, 'data/poland/age-groups-2020.csv'), 'utf8')).find((row) => row.id === '2611032')!;
    expect(records(read('empty/municipalities.csv'))[0].population).toBe(ages.population_2020);
    expect(read('empty/demand.csv')).toBe(`municipality,service,demand\n2611032,primary_school,${Math.floor(0.6 * Number(ages.age_5_9) + Number(ages.age_10_14) + 0.5)}\n`);
    expect(read('empty/services.csv').trim().split('\n')).toHaveLength(2);
    expect(JSON.parse(read('empty/servflow.json')).year).toBe(2020);
  });

  it('rejects a year, a service or a distance it cannot serve with exit 2', async () => {
    const year = await run('init', 'bad', '--partners', 'Mirzec', '--year', '2019');
    expect([year.status, year.stderr]).toEqual([2, 'servflow: --year: the bundled data give the population of 2020 and 2022, not 2019\n']);
    const service = await run('init', 'bad', '--partners', 'Mirzec', '--services', 'prechool');
    expect(service.status).toBe(2);
    expect(service.stderr).toContain('did you mean "preschool"');
    const km = await run('init', 'bad', '--partners', 'Mirzec', '--neighbours-within', '-3');
    expect(km.status).toBe(2);
    const none = await run('init', 'bad');
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('init needs --partners');
    expect(existsSync(path.join(work, 'bad'))).toBe(false);
  });
});
