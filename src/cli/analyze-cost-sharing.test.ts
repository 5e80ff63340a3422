/**
 * §5–§7 in the sample analysis end to end (issue 14), on whatever the sample
 * gives today (another estimate of today's flows changes the figures, not
 * the rules checked here):
 * - §5 is incremental: per buyer Σ places bought ≤ its unmet today, per
 *   provider Σ places sold ≤ its spare today, all whole, and nobody served
 *   today loses a place;
 * - §7: every rule (Shapley, SCRB, nucleolus, proportional) splits exactly
 *   the plan's bill, cost-sharing.csv agrees with summary.json, and report.md
 *   names SCRB and the nucleolus;
 * - `invest --budget` splits the budgeted plan's bill.
 * Runs the built CLI in process (`npm test` builds first) on data/ and writes into
 * temporary folders, never into reports/.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servflowRun as servflow } from '../testing/in-process.js';
import type { Run } from '../testing/servflow.js';

interface Check {
  complete: boolean;
  violations: { coalition: string[]; excess: number }[];
}
interface Share {
  municipality: string;
  standalone: number;
  by_use: number;
  by_population: number;
  shapley: number;
  scrb: number;
  nucleolus: number | null;
  residents: number;
}
interface CostSharingJson {
  players: string[];
  grand_cost: number;
  budgeted_plan: boolean;
  nucleolus_computed: boolean;
  shares: Share[];
  core: Record<'shapley' | 'scrb' | 'by_use' | 'by_population', Check> & { nucleolus: Check | null };
}
interface Row {
  id: string;
  supply: number;
  demand: number;
  unmet: number;
  spare: number;
  served_residents: number;
  users: number;
}
interface Cooperation {
  sharing: { mode: string; new_places: number; new_yearly_cost: number };
  agreements: { buyer: string; provider: string; places: number; km: number; yearly_cost: number }[];
  investment: { cost: number; served: number; budget?: number; facilities: { serves: { municipality: string; residents: number }[] }[] };
  cost_sharing: CostSharingJson;
}
interface Summary {
  municipalities: { id: string; partner: boolean }[];
  services: { id: string; municipalities: Row[]; cooperation: Cooperation | null }[];
}

const out = mkdtempSync(path.join(tmpdir(), 'servflow-analyze-'));
const budgetOut = mkdtempSync(path.join(tmpdir(), 'servflow-budget-'));
let run: Run;
let budgetRun: Run;
let summary: Summary;
let budgeted: Summary;
beforeAll(async () => {
  run = await servflow('analyze', 'data', '--out', out);
  budgetRun = await servflow('invest', 'data', '--budget', '1000000', '--out', budgetOut, '--json');
  summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8')) as Summary;
  budgeted = JSON.parse(budgetRun.stdout) as Summary;
}, 120_000);
afterAll(() => {
  rmSync(out, { recursive: true, force: true });
  rmSync(budgetOut, { recursive: true, force: true });
});

const cooperations = (s: Summary) => s.services.flatMap((service) => (service.cooperation ? [{ service, cooperation: service.cooperation }] : []));

describe('servflow analyze on the sample: §5 agreements over today', () => {
  it('runs cleanly', () => {
    expect(run.status).toBe(0);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(budgetRun.status).toBe(0);
  });

  it('per buyer Σ bought ≤ unmet today, per provider Σ sold ≤ spare today, whole places, served never falls', () => {
    let agreements = 0;
    for (const { service, cooperation } of cooperations(summary)) {
      expect(cooperation.sharing.mode).toBe('incremental');
      const row = new Map(service.municipalities.map((r) => [r.id, r]));
      const bought = new Map<string, number>();
      const sold = new Map<string, number>();
      for (const a of cooperation.agreements) {
        agreements++;
        expect(Number.isInteger(a.places), `${service.id} ${a.buyer}→${a.provider}: ${a.places}`).toBe(true);
        expect(a.places).toBeGreaterThan(0);
        bought.set(a.buyer, (bought.get(a.buyer) ?? 0) + a.places);
        sold.set(a.provider, (sold.get(a.provider) ?? 0) + a.places);
      }
      for (const [id, places] of bought) expect(places, `${service.id}: ${id} buys`).toBeLessThanOrEqual(row.get(id)!.unmet + 1e-9);
      for (const [id, places] of sold) expect(places, `${service.id}: ${id} sells`).toBeLessThanOrEqual(row.get(id)!.spare + 1e-9);
      // Served after = served today + bought; places used after = used today + sold ≤ capacity.
      for (const r of service.municipalities) {
        expect(r.served_residents + (bought.get(r.id) ?? 0)).toBeGreaterThanOrEqual(r.served_residents);
        if (sold.has(r.id)) expect(r.users + sold.get(r.id)!, `${service.id}: ${r.id} places used after`).toBeLessThanOrEqual(r.supply + 1e-9);
      }
      const places = cooperation.agreements.reduce((sum, a) => sum + a.places, 0);
      expect(cooperation.sharing.new_places).toBe(places);
      expect(cooperation.sharing.new_yearly_cost).toBeCloseTo(
        cooperation.agreements.reduce((sum, a) => sum + a.yearly_cost, 0),
        6,
      );
    }
    expect(agreements).toBeGreaterThan(0);
  });
});

describe('servflow analyze on the sample: who pays', () => {
  it('every rule splits exactly the plan’s bill; SCRB and the nucleolus are there with their core checks', () => {
    let games = 0;
    for (const { cooperation } of cooperations(summary)) {
      const s = cooperation.cost_sharing;
      if (s.players.length === 0) continue;
      games++;
      for (const rule of ['shapley', 'scrb', 'nucleolus', 'by_use', 'by_population'] as const) {
        const total = s.shares.reduce((sum, share) => sum + share[rule]!, 0);
        expect(Math.abs(total - s.grand_cost), rule).toBeLessThanOrEqual(1e-6 * s.grand_cost);
      }
      expect(s.nucleolus_computed).toBe(true);
      expect(s.core.scrb.complete).toBe(true);
      expect(s.core.nucleolus!.complete).toBe(true);
      // The nucleolus is an imputation: nobody pays more than going alone.
      for (const share of s.shares) expect(share.nucleolus!).toBeLessThanOrEqual(share.standalone + 1e-6 * share.standalone);
      // Each coalition serves the plan's residents: the players' residents are what the plan serves of them.
      for (const share of s.shares) {
        const served = cooperation.investment.facilities
          .flatMap((f) => f.serves)
          .filter((x) => x.municipality === share.municipality)
          .reduce((sum, x) => sum + x.residents, 0);
        expect(share.residents).toBeCloseTo(served, 6);
      }
    }
    expect(games).toBeGreaterThan(0);
  });

  it('cost-sharing.csv carries scrb and nucleolus and agrees with summary.json', () => {
    const [header, ...rows] = readFileSync(path.join(out, 'cost-sharing.csv'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => line.split(','));
    const column = (name: string) => header.indexOf(name);
    for (const name of ['scrb', 'nucleolus', 'scrb_core_ok', 'nucleolus_core_ok']) expect(column(name), name).toBeGreaterThan(0);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const share = summary.services.find((s) => s.id === row[column('service')])!.cooperation!.cost_sharing.shares.find((s) => s.municipality === row[column('municipality')])!;
      expect(Number(row[column('scrb')])).toBeCloseTo(share.scrb, 4);
      expect(Number(row[column('nucleolus')])).toBeCloseTo(share.nucleolus!, 4);
    }
  });

  it('report.md names SCRB and the nucleolus in words', () => {
    const report = readFileSync(path.join(out, 'report.md'), 'utf8');
    expect(report).toContain('By separable costs – remaining benefits (SCRB):');
    expect(report).toContain('By the nucleolus:');
  });
});

describe('servflow invest --budget 1000000 on the sample: the bill split is the budgeted plan’s', () => {
  it('the players are those the budgeted plan serves, and c(N) is its cost', () => {
    let budgets = 0;
    for (const { cooperation } of cooperations(budgeted)) {
      if (cooperation.investment.facilities.length === 0) continue;
      budgets++;
      const s = cooperation.cost_sharing;
      expect(s.budgeted_plan).toBe(true);
      const served = new Map<string, number>();
      for (const f of cooperation.investment.facilities) for (const x of f.serves) served.set(x.municipality, (served.get(x.municipality) ?? 0) + x.residents);
      expect(s.players).toEqual([...served.keys()].sort());
      s.shares.forEach((share) => expect(share.residents).toBe(served.get(share.municipality)));
      expect(s.grand_cost).toBeCloseTo(cooperation.investment.cost, 3);
    }
    expect(budgets).toBeGreaterThan(0);
  });

  it('investments.csv and cost-sharing.csv describe the same plan', () => {
    const csv = (name: string) =>
      readFileSync(path.join(budgetOut, name), 'utf8')
        .trimEnd()
        .split('\n')
        .slice(1)
        .map((line) => line.split(','));
    const servedIds = new Set(csv('investments.csv').flatMap((row) => row[6].split(';').map((cell) => `${row[0]}:${cell.split(':')[0]}`)));
    const players = new Set(csv('cost-sharing.csv').map((row) => `${row[0]}:${row[1]}`));
    expect(players).toEqual(servedIds);
  });
});
