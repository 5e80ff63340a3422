/**
 * METHODS.md §1 end to end against hand arithmetic: `servflow analyze` on
 * fixtures/analysis/hand-imbalance, every §1 figure of imbalance.csv and
 * summary.json compared with the values worked by hand in
 * fixtures/analysis/hand-imbalance/WORKED.md (typed in below, not computed
 * by servflow). Needs the built binary (`npm test` builds first).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servflowRun as servflow } from '../../testing/in-process.js';
import type { Run } from '../../testing/servflow.js';

const FIXTURE = 'fixtures/analysis/hand-imbalance';

type Figure = number | null;
/** supply, demand, balance, coverage, inflow, outflow, net_flow, local, local_inferred, served_residents, users, unmet, spare, self_sufficiency, dependency, attraction, class */
type Row = [Figure, Figure, Figure, Figure, Figure, Figure, Figure, Figure, boolean, Figure, Figure, Figure, Figure, Figure, Figure, Figure, string];

const FIGURES = [
  'supply',
  'demand',
  'balance',
  'coverage',
  'inflow',
  'outflow',
  'net_flow',
  'local',
  'local_inferred',
  'served_residents',
  'users',
  'unmet',
  'spare',
  'self_sufficiency',
  'dependency',
  'attraction',
  'class',
] as const;

const NAMES: Record<string, string> = { '0401011': 'Alfa', '0401022': 'Beta', '0401032': 'Gamma', '0401042': 'Delta', '0402013': 'Epsilon' };

// WORKED.md, the per-service tables (columns in imbalance.csv order; null = empty cell)
const HAND: Record<string, Record<string, Row>> = {
  nursery: {
    '0401011': [60, 50, 10, 6 / 5, 12, 0, 12, 48, true, 48, 60, 2, 0, 1, 0, 1 / 5, 'hub'],
    '0401022': [0, 20, -20, 0, 0, 16, -16, 0, true, 16, 0, 4, 0, 0, 1, null, 'underserved'],
    '0401032': [25, 40, -15, 5 / 8, 0, 20, -20, 20, false, 40, 20, 0, 5, 1 / 2, 1 / 2, 0, 'dependent'],
    '0401042': [30, 30, 0, 1, 0, 3, -3, 27, false, 30, 27, 0, 3, 9 / 10, 1 / 10, 0, 'self-sufficient'],
    '0402013': [25, 10, 15, 5 / 2, 27, 0, 27, 0, true, 0, 27, 10, 0, null, null, 1, 'underserved'],
  },
  preschool: {
    '0401011': [200, 140, 60, 10 / 7, 45, 0, 45, 140, false, 140, 185, 0, 15, 1, 0, 9 / 37, 'hub'],
    '0401022': [75, 100, -25, 3 / 4, 0, 25, -25, 75, true, 100, 75, 0, 0, 3 / 4, 1 / 4, 0, 'dependent'],
    '0401032': [40, 80, -40, 1 / 2, 0, 30, -30, 40, false, 70, 40, 10, 0, 4 / 7, 3 / 7, 0, 'underserved'],
    '0401042': [10, 0, 10, null, 5, 0, 5, 0, true, 0, 5, 0, 5, null, null, 1, 'hub'],
    '0402013': [100, 60, 40, 5 / 3, 5, 0, 5, 60, false, 60, 65, 0, 35, 1, 0, 1 / 13, 'self-sufficient'],
  },
};

// WORKED.md, "Partner totals" and "All five municipalities"
const TOTALS: Record<string, Record<'partners' | 'all_municipalities', Record<string, number>>> = {
  nursery: {
    partners: { supply: 115, demand: 140, balance: -25, coverage: 23 / 28, served_residents: 134, unmet: 6, spare: 8 },
    all_municipalities: { supply: 140, demand: 150, balance: -10, coverage: 14 / 15, served_residents: 134, unmet: 16, spare: 8 },
  },
  preschool: {
    partners: { supply: 325, demand: 320, balance: 5, coverage: 65 / 64, served_residents: 310, unmet: 10, spare: 20 },
    all_municipalities: { supply: 425, demand: 380, balance: 45, coverage: 85 / 76, served_residents: 370, unmet: 10, spare: 55 },
  },
};

// WORKED.md, "Summary of the inequality figures"
const INEQUALITY: Record<string, Record<string, number | null>> = {
  nursery: { municipalities: 4, mean_coverage: 23 / 28, gini: 6 / 23, theil: 0.189659882737, cv: 0.495156120957, max_min_ratio: null },
  preschool: { municipalities: 3, mean_coverage: 63 / 64, gini: 73 / 336, theil: 0.085694217703, cv: 0.409063004294, max_min_ratio: 20 / 7 },
};

const CLASSES: Record<string, Record<string, number>> = {
  nursery: { underserved: 1, hub: 1, dependent: 1, 'self-sufficient': 1 },
  preschool: { underserved: 1, hub: 2, dependent: 1, 'self-sufficient': 0 },
};

const SERVICES = ['nursery', 'preschool'];
const IDS = ['0401011', '0401022', '0401032', '0401042', '0402013'];

/** |actual − expected| ≤ tolerance, null only where null is expected. */
function expectFigure(actual: number | null, expected: Figure, tolerance: number, where: string): void {
  if (expected === null) {
    expect(actual, where).toBeNull();
    return;
  }
  expect(actual, where).not.toBeNull();
  expect(Math.abs((actual as number) - expected), `${where}: ${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);
}

let out: string;
let run: Run;
let csvRows: Record<string, string>[];
let csvHeader: string[];
let summary: any;

beforeAll(async () => {
  out = mkdtempSync(path.join(os.tmpdir(), 'servflow-hand-imbalance-'));
  run = await servflow('analyze', FIXTURE, '--out', out);
  const csvText = readFileSync(path.join(out, 'imbalance.csv'), 'utf8');
  csvHeader = csvText.slice(0, csvText.indexOf('\n')).split(',');
  csvRows = parse(csvText, { columns: true, skip_empty_lines: true });
  summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
});

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('servflow analyze on the hand-worked imbalance fixture', () => {
  it('runs, exit 0, and prints the flow-above-capacity warning on stderr', () => {
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('flows.csv:4: warning: nursery: flows into 0402013 (Epsilon) total 27 users, above its capacity of 25');
  });

  it('records exactly that warning in summary.json, with file and line', () => {
    expect(summary.warnings).toHaveLength(1);
    const [warning] = summary.warnings;
    expect(warning).toMatchObject({ severity: 'warning', file: 'flows.csv', line: 4, code: 'flows-above-capacity' });
    expect(warning.message).toContain('nursery');
    expect(warning.message).toContain('0402013 (Epsilon)');
    expect(warning.message).toContain('27');
    expect(warning.message).toContain('25');
  });
});

describe('imbalance.csv against WORKED.md', () => {
  it('has the CLI.md columns and one row per (service, municipality) in canonical order', () => {
    expect(csvHeader).toEqual([
      'municipality',
      'name',
      'service',
      'supply',
      'demand',
      'balance',
      'coverage',
      'inflow',
      'outflow',
      'net_flow',
      'local',
      'local_inferred',
      'served_residents',
      'users',
      'unmet',
      'spare',
      'self_sufficiency',
      'dependency',
      'attraction',
      'access_2sfca',
      'class',
    ]);
    expect(csvRows.map((row) => `${row.service} ${row.municipality}`)).toEqual(SERVICES.flatMap((service) => IDS.map((id) => `${service} ${id}`)));
  });

  for (const service of SERVICES) {
    for (const id of IDS) {
      it(`${service} ${id} ${NAMES[id]}: every §1 column`, () => {
        const row = csvRows.find((r) => r.service === service && r.municipality === id);
        expect(row).toBeDefined();
        expect(row!.name).toBe(NAMES[id]);
        // access_2sfca is §3, not §1: not checked here
        HAND[service][id].forEach((expected, k) => {
          const column = FIGURES[k];
          const cell = row![column];
          const where = `imbalance.csv ${service} ${id} ${column}`;
          if (column === 'class' || column === 'local_inferred') {
            expect(cell, where).toBe(String(expected));
          } else if (expected === null) {
            expect(cell, where).toBe('');
          } else {
            expect(cell, where).toMatch(/^-?\d+(\.\d{1,6})?$/);
            // 6 decimals in CSV: rounding moves a value by at most 5e-7
            expectFigure(Number(cell), expected as number, 1e-6, where);
          }
        });
      });
    }
  }
});

describe('summary.json against WORKED.md', () => {
  it('describes the dataset: 5 municipalities, 4 partners, both services with observed flows', () => {
    expect(summary.schema).toBe('servflow/1');
    expect(summary.dataset).toMatchObject({ municipalities: 5, partners: 4, services: SERVICES });
    expect(summary.municipalities.map((m: { id: string; partner: boolean }) => [m.id, m.partner])).toEqual(IDS.map((id) => [id, id !== '0402013']));
    expect(summary.services.map((s: { id: string; flows: string }) => [s.id, s.flows])).toEqual(SERVICES.map((id) => [id, 'observed']));
  });

  for (const service of SERVICES) {
    it(`${service}: every §1 figure of every municipality`, () => {
      const result = summary.services.find((s: { id: string }) => s.id === service);
      expect(result.municipalities.map((m: { id: string }) => m.id)).toEqual(IDS);
      for (const municipality of result.municipalities) {
        HAND[service][municipality.id].forEach((expected, k) => {
          const key = FIGURES[k];
          const where = `summary.json ${service} ${municipality.id} ${key}`;
          if (key === 'class' || key === 'local_inferred') expect(municipality[key], where).toBe(expected);
          else expectFigure(municipality[key], expected as Figure, 1e-9, where);
        });
      }
    });

    it(`${service}: partner and all-municipality totals`, () => {
      const result = summary.services.find((s: { id: string }) => s.id === service);
      for (const scope of ['partners', 'all_municipalities'] as const) {
        expect(Object.keys(result[scope]).sort()).toEqual(Object.keys(TOTALS[service][scope]).sort());
        for (const [key, expected] of Object.entries(TOTALS[service][scope])) {
          expectFigure(result[scope][key], expected, 1e-9, `summary.json ${service} ${scope} ${key}`);
        }
      }
    });

    it(`${service}: demand-weighted coverage inequality across partners`, () => {
      const result = summary.services.find((s: { id: string }) => s.id === service);
      expect(Object.keys(result.inequality).sort()).toEqual(Object.keys(INEQUALITY[service]).sort());
      for (const [key, expected] of Object.entries(INEQUALITY[service])) {
        expectFigure(result.inequality[key], expected, 1e-9, `summary.json ${service} inequality ${key}`);
      }
    });

    it(`${service}: class counts over partners`, () => {
      const result = summary.services.find((s: { id: string }) => s.id === service);
      expect(result.classes).toEqual(CLASSES[service]);
    });
  }
});
