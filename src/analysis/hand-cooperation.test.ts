/**
 * METHODS.md §5–§7 end to end against hand arithmetic: `servflow invest`
 * (and `servflow analyze` for report.md) on the fixtures in
 * fixtures/cooperation/, compared with the numbers worked by hand in each
 * fixture's WORKED.md (typed in below, not computed by servflow). The
 * commands run in process (src/testing/in-process.ts), each fixture once.
 * Needs the built CLI (`npm test` builds first).
 *
 * Tolerance: the CSV files are compared as whole text (every value here is
 * exact at 6 decimals); summary.json numbers within 1e-6 absolute.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servflowRun as servflow } from '../testing/in-process.js';
import type { Run } from '../testing/servflow.js';

const TOLERANCE = 1e-6;

/** Every number of `expected` within TOLERANCE of `actual`; everything else equal. */
function expectClose(actual: unknown, expected: unknown, where: string): void {
  if (typeof expected === 'number') {
    expect(typeof actual, where).toBe('number');
    expect(Math.abs((actual as number) - expected), `${where}: ${actual} vs ${expected}`).toBeLessThanOrEqual(TOLERANCE);
  } else if (Array.isArray(expected)) {
    expect(Array.isArray(actual), where).toBe(true);
    expect((actual as unknown[]).length, `${where}.length`).toBe(expected.length);
    expected.forEach((item, k) => expectClose((actual as unknown[])[k], item, `${where}[${k}]`));
  } else if (expected !== null && typeof expected === 'object') {
    for (const [key, value] of Object.entries(expected)) expectClose((actual as Record<string, unknown>)[key], value, `${where}.${key}`);
  } else expect(actual, where).toBe(expected);
}

interface Outputs {
  readonly text: Run;
  readonly json: Run;
  readonly files: Record<'agreements.csv' | 'investments.csv' | 'cost-sharing.csv', string>;
  readonly summary: any;
}

const folders: string[] = [];

const invested = new Map<string, Promise<Outputs>>();

/** `servflow invest FIXTURE` twice: the human summary and the CSV files, then `--json` (once per fixture and file). */
function invest(fixture: string): Promise<Outputs> {
  if (!invested.has(fixture)) invested.set(fixture, investOnce(fixture));
  return invested.get(fixture)!;
}

async function investOnce(fixture: string): Promise<Outputs> {
  const out = mkdtempSync(path.join(os.tmpdir(), `servflow-${fixture}-`));
  const jsonOut = mkdtempSync(path.join(os.tmpdir(), `servflow-${fixture}-json-`));
  folders.push(out, jsonOut);
  const text = await servflow('invest', `fixtures/cooperation/${fixture}`, '--out', out);
  const json = await servflow('invest', `fixtures/cooperation/${fixture}`, '--out', jsonOut, '--json');
  const read = (name: string): string => readFileSync(path.join(out, name), 'utf8');
  return {
    text,
    json,
    files: { 'agreements.csv': read('agreements.csv'), 'investments.csv': read('investments.csv'), 'cost-sharing.csv': read('cost-sharing.csv') },
    summary: json.status === 0 ? JSON.parse(json.stdout) : undefined,
  };
}

const AGREEMENTS_HEADER = 'service,buyer,provider,places,km,yearly_cost\n';
const INVESTMENTS_HEADER = 'service,municipality,type,places,capex,opex_per_year,serves,mean_km,max_km,facilities\n';
const COST_SHARING_HEADER = 'service,municipality,standalone,by_use,by_population,shapley,shapley_se,scrb,nucleolus,saving,core_ok,scrb_core_ok,nucleolus_core_ok\n';

afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

describe('sharing-removes-unmet: places spare today serve everyone in need, nobody served today moves (WORKED.md)', () => {
  let outputs: Outputs;
  beforeAll(async () => {
    outputs = await invest('sharing-removes-unmet');
  });

  it('exits 0 with nothing on stderr', () => {
    expect(outputs.text.status).toBe(0);
    expect(outputs.json.status).toBe(0);
    expect(outputs.text.stderr).toBe('');
    expect(outputs.json.stderr).toBe('');
  });

  it('agreements.csv: B buys 15 in A (8 km), C buys 10 in A (12 km) and 10 in the neighbour N (10 km), at 20,000 PLN a place', () => {
    expect(outputs.files['agreements.csv']).toBe(
      AGREEMENTS_HEADER + ['nursery,0601022,0601011,15,8,300000', 'nursery,0601032,0601011,10,12,200000', 'nursery,0601032,0601043,10,10,200000'].map((row) => `${row}\n`).join(''),
    );
  });

  it('proposes no investment and has no cost-sharing players: both files are the header alone', () => {
    expect(outputs.files['investments.csv']).toBe(INVESTMENTS_HEADER);
    expect(outputs.files['cost-sharing.csv']).toBe(COST_SHARING_HEADER);
  });

  it('summary.json: 35 newly placed at 340 person-km, unmet 35 → 0, no investment, no players', () => {
    const [service] = outputs.summary.services;
    expect(service.id).toBe('nursery');
    const c = service.cooperation;
    expectClose(
      c.sharing,
      {
        mode: 'incremental',
        new_places: 35,
        new_yearly_cost: 700000,
        served: 35,
        person_km: 340,
        clusters: 1,
        unmet_before: 35,
        unmet_after: 0,
        unmet_self_reliant: 40,
        gain_vs_status_quo: 35,
        gain_vs_self_reliance: 40,
        residual: [],
      },
      'sharing',
    );
    expectClose(
      c.agreements,
      [
        { buyer: '0601022', provider: '0601011', places: 15, km: 8, yearly_cost: 300000 },
        { buyer: '0601032', provider: '0601011', places: 10, km: 12, yearly_cost: 200000 },
        { buyer: '0601032', provider: '0601043', places: 10, km: 10, yearly_cost: 200000 },
      ],
      'agreements',
    );
    expectClose(c.investment, { facilities: [], investment: 0, opex_per_year: 0, person_km: 0, cost: 0, served: 0, unreachable: [], unserved_in_budget: 0, clusters: 0 }, 'investment');
    expectClose(c.cost_sharing, { players: [], grand_cost: 0, shares: [] }, 'cost_sharing');
  });

  it('says so in the printed summary', () => {
    expect(outputs.text.stdout).toContain('No investment is needed: sharing serves every partner resident in need.');
    const text = outputs.text.stdout.replace(/\n\s+/g, ' ');
    expect(text).toContain('leaves 0 partner residents without a place, against 35 today');
    expect(text).toContain('(35 new places, 700 k PLN a year of new running cost; everyone with a place today keeps it)');
  });
});

describe('sharing-removes-unmet with --sharing full-reallocation: the old from-scratch answer, named as such (WORKED.md, last note)', () => {
  it('B buys 20 in A although 5 of its children already have a place there', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'servflow-full-'));
    folders.push(out);
    const run = await servflow('invest', 'fixtures/cooperation/sharing-removes-unmet', '--sharing', 'full-reallocation', '--out', out);
    expect(run.status).toBe(0);
    expect(readFileSync(path.join(out, 'agreements.csv'), 'utf8')).toBe(
      AGREEMENTS_HEADER + ['nursery,0601022,0601011,20,8,400000', 'nursery,0601032,0601011,10,12,200000', 'nursery,0601032,0601043,10,10,200000'].map((row) => `${row}\n`).join(''),
    );
    expect(run.stdout.replace(/\n\s+/g, ' ')).toContain('Reallocating all existing places within 15 km');
  });

  it('an unknown mode is a usage error (exit 2)', async () => {
    const run = await servflow('invest', 'fixtures/cooperation/sharing-removes-unmet', '--sharing', 'bogus', '--out', os.tmpdir());
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--sharing must be incremental or full-reallocation, got "bogus"');
  });
});

describe('expansion-below-min-size: 20 residents left, minimum size 25 (WORKED.md)', () => {
  let outputs: Outputs;
  beforeAll(async () => {
    outputs = await invest('expansion-below-min-size');
  });

  it('exits 0 with nothing on stderr', () => {
    expect(outputs.text.status).toBe(0);
    expect(outputs.json.status).toBe(0);
    expect(outputs.text.stderr).toBe('');
  });

  it('has no agreement (no spare place anywhere)', () => {
    expect(outputs.files['agreements.csv']).toBe(AGREEMENTS_HEADER);
  });

  it('investments.csv: an expansion of A by 20 places, 800,000 capex, serving B 12 (10 km) and C 8 (6 km) — no new facility', () => {
    expect(outputs.files['investments.csv']).toBe(`${INVESTMENTS_HEADER}nursery,0602011,expansion,20,800000,400000,0602022:12;0602032:8,8.4,10,1\n`);
  });

  it('summary.json: objective 800,000 + 168 person-km, proved optimal', () => {
    const investment = outputs.summary.services[0].cooperation.investment;
    expectClose(
      investment,
      {
        investment: 800000,
        opex_per_year: 400000,
        person_km: 168,
        cost: 800168,
        served: 20,
        unreachable: [],
        optimal: true,
        gap: 0,
        facilities: [
          {
            municipality: '0602011',
            type: 'expansion',
            places: 20,
            capex: 800000,
            opex_per_year: 400000,
            serves: [
              { municipality: '0602022', residents: 12, km: 10 },
              { municipality: '0602032', residents: 8, km: 6 },
            ],
            mean_km: 8.4,
            max_km: 10,
          },
        ],
      },
      'investment',
    );
    expect(investment.methods).not.toContain('heuristic');
  });

  it('cost-sharing.csv: c(B) = c(C) = 1,000,000, c(BC) = 1,000,072; Shapley 500,036 each', () => {
    expect(outputs.files['cost-sharing.csv']).toBe(
      COST_SHARING_HEADER +
        ['nursery,0602022,1000000,600043.2,250018,500036,0,500036,500036,499964,true,true,true', 'nursery,0602032,1000000,400028.8,750054,500036,0,500036,500036,499964,true,true,true']
          .map((row) => `${row}\n`)
          .join(''),
    );
    expectClose(outputs.summary.services[0].cooperation.cost_sharing, { players: ['0602022', '0602032'], grand_cost: 1000072, shapley_exact: true }, 'cost_sharing');
  });
});

describe('unreachable-demand: Bór is out of every candidate site’s reach (WORKED.md)', () => {
  let outputs: Outputs;
  let report: string;
  let analyzeRun: Run;
  beforeAll(async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'servflow-unreachable-report-'));
    folders.push(out);
    outputs = await invest('unreachable-demand');
    analyzeRun = await servflow('analyze', 'fixtures/cooperation/unreachable-demand', '--out', out, '--format', 'md');
    report = analyzeRun.status === 0 ? readFileSync(path.join(out, 'report.md'), 'utf8') : '';
  });

  it('exits 0', () => {
    expect(outputs.text.status).toBe(0);
    expect(outputs.json.status).toBe(0);
    expect(analyzeRun.status).toBe(0);
  });

  it('summary.json: 15 residents of 0603022 unreachable, not planned; C planned by expanding A', () => {
    const c = outputs.summary.services[0].cooperation;
    expectClose(
      c.sharing,
      {
        served: 0,
        person_km: 0,
        unmet_before: 45,
        unmet_after: 45,
        residual: [
          { id: '0603022', residents: 15 },
          { id: '0603032', residents: 30 },
        ],
      },
      'sharing',
    );
    expectClose(
      c.investment,
      {
        unreachable: [{ id: '0603022', residents: 15 }],
        served: 30,
        investment: 1350000,
        opex_per_year: 480000,
        person_km: 300,
        cost: 1350300,
        optimal: true,
        facilities: [
          { municipality: '0603011', type: 'expansion', places: 30, capex: 1350000, opex_per_year: 480000, serves: [{ municipality: '0603032', residents: 30, km: 10 }], mean_km: 10, max_km: 10 },
        ],
      },
      'investment',
    );
    for (const facility of c.investment.facilities) expect(facility.serves.map((s: { municipality: string }) => s.municipality)).not.toContain('0603022');
  });

  it('investments.csv: the one expansion, nothing for Bór', () => {
    expect(outputs.files['investments.csv']).toBe(`${INVESTMENTS_HEADER}preschool,0603011,expansion,30,1350000,480000,0603032:30,10,10,1\n`);
  });

  it('cost sharing: Bór is not a player; Czarnia alone pays its stand-alone cost 2,850,000', () => {
    expect(outputs.files['cost-sharing.csv']).toBe(`${COST_SHARING_HEADER}preschool,0603032,2850000,2850000,2850000,2850000,0,2850000,2850000,0,true,true,true\n`);
  });

  it('report.md and the printed summary say it in words', () => {
    const sentence = '15 residents of Bór cannot reach any candidate site within 20 km: no facility of the partnership could serve them.';
    expect(report).toContain(sentence);
    expect(outputs.text.stdout.replace(/\n\s+/g, ' ')).toContain(sentence);
  });
});

describe('capped-standalone: each coalition serves the plan’s residents, so a capped stand-alone plan no longer breaks the core (WORKED.md)', () => {
  let outputs: Outputs;
  beforeAll(async () => {
    outputs = await invest('capped-standalone');
  });

  it('exits 0 with nothing on stderr', () => {
    expect(outputs.text.status).toBe(0);
    expect(outputs.json.status).toBe(0);
    expect(outputs.text.stderr).toBe('');
  });

  it('investments.csv: two new facilities in Pawłów, 197 places (one of 100 cannot hold 167)', () => {
    expect(outputs.files['investments.csv']).toBe(`${INVESTMENTS_HEADER}nursery,0604011,new,197,3970000,3940000,0604011:167;0604022:30,1.522843,10,2\n`);
  });

  it('cost-sharing.csv: c(P) = 3,670,000, c(Q) = 1,300,000, c(PQ) = 3,970,300; Shapley = SCRB = nucleolus = 3,170,150 and 800,150; every rule in the core', () => {
    expect(outputs.files['cost-sharing.csv']).toBe(
      COST_SHARING_HEADER +
        ['nursery,0604011,3670000,3365685.786802,3176240,3170150,0,3170150,3170150,499850,true,true,true', 'nursery,0604022,1300000,604614.213198,794060,800150,0,800150,800150,499850,true,true,true']
          .map((row) => `${row}\n`)
          .join(''),
    );
    const s = outputs.summary.services[0].cooperation.cost_sharing;
    expectClose(s, { players: ['0604011', '0604022'], grand_cost: 3970300, nucleolus_computed: true }, 'cost_sharing');
    expectClose(
      s.shares.map((share: { residents: number; outside_option_residents: number }) => [share.residents, share.outside_option_residents]),
      [
        [167, 0],
        [30, 0],
      ],
      'residents',
    );
    for (const rule of ['shapley', 'scrb', 'nucleolus', 'by_use', 'by_population']) expect(s.core[rule].violations, rule).toEqual([]);
  });

  it('the printed summary no longer says the core may be empty', () => {
    const text = outputs.text.stdout.replace(/\n\s+/g, ' ');
    expect(text).toContain('2 new facilities in Pawłów (197 places, also for Quercus)');
    expect(text).not.toContain('core may be empty');
    expect(text).not.toContain('Warning');
  });
});

describe('outside-option: a capped expansion, and the rest of a stand-alone plan at the outside option (WORKED.md)', () => {
  let outputs: Outputs;
  beforeAll(async () => {
    outputs = await invest('outside-option');
  });

  it('investments.csv: a new facility in A (70) and R expanded by its cap of 10', () => {
    expect(outputs.files['investments.csv']).toBe(
      INVESTMENTS_HEADER +
        ['nursery,0605011,new,70,1700000,1400000,0605011:60;0605022:10,1.428571,10,1', 'nursery,0605022,expansion,10,100000,200000,0605022:10,0,0,1'].map((row) => `${row}\n`).join(''),
    );
  });

  it('cost-sharing.csv: c(R) = 100,000 + 10 × 62,510 = 725,100; every rule in the core', () => {
    expect(outputs.files['cost-sharing.csv']).toBe(
      COST_SHARING_HEADER +
        ['nursery,0605011,1600000,1350075,1200066.666667,1337500,0,1337500,1337500,262500,true,true,true', 'nursery,0605022,725100,450025,600033.333333,462600,0,462600,462600,262500,true,true,true']
          .map((row) => `${row}\n`)
          .join(''),
    );
    const shares = outputs.summary.services[0].cooperation.cost_sharing.shares;
    expectClose(
      shares.map((share: { residents: number; outside_option_residents: number }) => [share.residents, share.outside_option_residents]),
      [
        [60, 0],
        [20, 10],
      ],
      'residents',
    );
    expect(outputs.text.stdout.replace(/\n\s+/g, ' ')).toContain('10 residents of Radzyń cannot be served inside its own territory and are priced at their outside option');
  });
});

describe('the hand fixtures do not depend on the order of input rows', () => {
  for (const fixture of ['sharing-removes-unmet', 'capped-standalone', 'outside-option']) {
    it(`${fixture}: rows of every CSV reversed, the same agreements, investments and cost shares byte for byte`, async () => {
      const folder = mkdtempSync(path.join(os.tmpdir(), `servflow-${fixture}-reversed-`));
      folders.push(folder);
      for (const name of readdirSync(`fixtures/cooperation/${fixture}`)) {
        if (!name.endsWith('.csv')) continue;
        const text = readFileSync(`fixtures/cooperation/${fixture}/${name}`, 'utf8');
        const [header, ...rows] = text.trimEnd().split('\n');
        writeFileSync(path.join(folder, name), `${[header, ...rows.reverse()].join('\n')}\n`);
      }
      const original = await invest(fixture);
      const reversed = await servflow('invest', folder, '--out', path.join(folder, 'out'));
      expect(reversed.status).toBe(0);
      for (const name of ['agreements.csv', 'investments.csv', 'cost-sharing.csv'] as const) expect(readFileSync(path.join(folder, 'out', name), 'utf8'), name).toBe(original.files[name]);
    });
  }
});
