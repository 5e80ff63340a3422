/**
 * Bills per joint facility group (docs/methods.md §8) on a generated
 * 60-player partnership: the group bills add up to the plan's cost, every
 * rule splits each bill exactly, and the LP-dual allocation is in the core of
 * each group it is computed for — every coalition checked on groups of at
 * most 12 players, singletons, complements and 300 random coalitions above.
 * Coalition costs are recomputed here from the definition (points and sites
 * of the coalition's own territory, §6 solved for them), independently of
 * the cluster cache, the bill bookkeeping and the LP duals under test.
 * Tolerance: 1e-6 relative.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../io/load-dataset.js';
import { DEFAULT_PARAMETERS } from '../../model/parameters.js';
import type { Dataset } from '../../model/types.js';
import { billCoreCheck, billGame, billShapley, facilityGroups, tooLarge } from './bill-groups.js';
import { cooperate, type ServiceCooperation } from '../cooperation.js';
import type { Solver } from '../../engines/linear-program.js';
import { solveLocation, type Link, type LocationInstance } from '../location/location.js';
import { neighboursWithin, type Neighbours } from '../accessibility/neighbours.js';
import { mulberry32 } from '../../engines/random.js';
import { testSolvers } from '../../testing/solvers.js';

const RELATIVE = 1e-6;
const PLAYERS = 60;

let solver: Solver;
let dataset: Dataset;
let pairs: Neighbours;
let result: ServiceCooperation;
const folder = mkdtempSync(path.join(tmpdir(), 'servflow-bill-groups-'));

/**
 * 60 gminy on a jittered 10 × 6 grid about 7 km apart, all partners and
 * candidates; nursery demand 20–120, 85 % of them without places, the others
 * with 20–70 % of their demand; new facilities of unbounded size (so every
 * coalition can serve all its residents on its own land).
 */
function generate(): void {
  const random = mulberry32(60);
  const rows = ['id,name,kind,county,population,lat,lon,area_km2,partner,candidate'];
  const demand = ['municipality,service,demand'];
  const supply = ['municipality,service,capacity'];
  for (let k = 0; k < PLAYERS; k++) {
    const id = `g${String(k).padStart(2, '0')}`;
    const lat = 52 + 0.063 * Math.floor(k / 10) + 0.02 * random();
    const lon = 20 + 0.1 * (k % 10) + 0.03 * random();
    const need = 20 + Math.floor(100 * random());
    const places = random() < 0.85 ? 0 : Math.floor(need * (0.2 + 0.5 * random()));
    rows.push(`${id},Gmina ${k},rural,test,${need * 30},${lat.toFixed(6)},${lon.toFixed(6)},100,true,true`);
    demand.push(`${id},nursery,${need}`);
    supply.push(`${id},nursery,${places}`);
  }
  const put = (file: string, lines: string[]): void => writeFileSync(path.join(folder, file), `${lines.join('\n')}\n`);
  put('municipalities.csv', rows);
  put('demand.csv', demand);
  put('supply.csv', supply);
  put('services.csv', [
    'id,name,name_pl,unit,catchment_km,min_facility_size,max_facility_size,capex_per_place,facility_fixed_cost,opex_per_place,decay_beta',
    'nursery,Nursery,Żłobki,places,25,16,,40000,10000000,20000,',
  ]);
  put('servflow.json', [JSON.stringify({ name: 'generated 60-player partnership', year: 2022 })]);
}

beforeAll(async () => {
  solver = (await testSolvers()).highs;
  generate();
  dataset = loadDataset(folder).dataset;
  const service = dataset.services[0];
  pairs = neighboursWithin(dataset.municipalities, dataset.distances, DEFAULT_PARAMETERS.circuity, service.catchmentKm);
  const supply = dataset.supply[0];
  const demand = dataset.demand[0];
  const unmet = Array.from(demand, (need, i) => Math.max(0, need - supply[i]));
  const local = Array.from(demand, (need, i) => Math.min(need, supply[i]));
  const flows = { length: 0, origin: new Int32Array(0), destination: new Int32Array(0), users: new Float64Array(0) };
  result = cooperate(dataset, DEFAULT_PARAMETERS, { service, index: 0, unmet, local, flows, pairs }, solver);
}, 900_000);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/**
 * c(T) from the definition (issue 14, like with like): the residents e_i the
 * plan serves of each member, sites on T's land (an expansion within its cap,
 * today's places; a new facility of unbounded size), §6 solved for them; the
 * residents T's land cannot hold pay their outside option — per resident,
 * the cost of serving all e_i of i with every site in reach over those served.
 */
function plan(members: readonly number[], sites: readonly number[]): { cost: number; reached: Map<number, number> } {
  const siteOf = new Map(sites.map((m, k) => [m, k]));
  const links: Link[] = [];
  members.forEach((i, p) => {
    for (let e = pairs.start[i]; e < pairs.start[i + 1]; e++) {
      const site = siteOf.get(pairs.neighbour[e]);
      if (site !== undefined) links.push({ point: p, site, km: pairs.km[e] });
    }
  });
  links.sort((a, b) => a.point - b.point || a.site - b.site);
  const service = dataset.services[0];
  const instance: LocationInstance = {
    points: members.map((m) => ({ municipality: m, residents: served(m) })),
    sites: sites.map((m) =>
      dataset.supply[0][m] > 0
        ? { municipality: m, kind: 'expansion', fixedCost: 0, minSize: 0, maxSize: dataset.supply[0][m] }
        : { municipality: m, kind: 'new', fixedCost: service.facilityFixedCost, minSize: service.minFacilitySize, maxSize: Infinity },
    ),
    links,
    capexPerPlace: service.capexPerPlace,
    lambda: DEFAULT_PARAMETERS.lambda,
  };
  const solved = solveLocation(instance, solver);
  const reached = new Map<number, number>();
  for (const f of solved.facilities) for (const x of f.assigned) reached.set(members[x.point], (reached.get(members[x.point]) ?? 0) + x.residents);
  return { cost: solved.cost, reached };
}

function served(i: number): number {
  return result.investment.facilities.reduce((sum, f) => sum + f.serves.filter((x) => x.municipality === i).reduce((a, x) => a + x.residents, 0), 0);
}

const rates = new Map<number, number>();
function outsideRate(i: number): number {
  const known = rates.get(i);
  if (known !== undefined) return known;
  const reach: number[] = [];
  for (let e = pairs.start[i]; e < pairs.start[i + 1]; e++) reach.push(pairs.neighbour[e]);
  const alone = plan([i], reach);
  const reached = alone.reached.get(i) ?? 0;
  rates.set(i, reached > 0 ? alone.cost / reached : 0);
  return rates.get(i)!;
}

function coalitionCost(members: readonly number[]): number {
  const own = plan(members, members);
  return members.reduce((cost, i) => {
    const left = Math.max(0, served(i) - (own.reached.get(i) ?? 0));
    return left > 1e-9 ? cost + left * outsideRate(i) : cost;
  }, own.cost);
}

const close = (actual: number, expected: number, where: string): void => {
  expect(Math.abs(actual - expected), `${where}: ${actual} vs ${expected}`).toBeLessThanOrEqual(RELATIVE * Math.max(1, Math.abs(expected)));
};

describe('bills per joint facility group, generated 60-player partnership', () => {
  it('has 60 players settled in facility groups, some of 2–12 players and one above 12', () => {
    const sharing = result.costSharing;
    expect(sharing.players.length).toBe(PLAYERS);
    expect(sharing.game).toBe('facility groups');
    const sizes = sharing.groups.map((group) => group.members.length);
    expect(sizes.some((size) => size >= 2 && size <= 12)).toBe(true);
    expect(sizes.some((size) => size > 12)).toBe(true);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(PLAYERS);
  });

  it('the group bills add up to the plan’s cost, and each bill is its facilities’ cost', () => {
    const sharing = result.costSharing;
    close(
      sharing.groups.reduce((sum, group) => sum + group.bill, 0),
      result.investment.cost,
      'Σ bills vs plan cost',
    );
    close(sharing.grandCost, result.investment.cost, 'grand cost vs plan cost');
    // Groups are closed under the plan: every facility serves players of one group only.
    const groupOf = new Map<number, number>();
    sharing.groups.forEach((group, g) => group.members.forEach((k) => groupOf.set(sharing.players[k], g)));
    for (const facility of result.investment.facilities) expect(new Set(facility.serves.map((s) => groupOf.get(s.municipality))).size).toBe(1);
  });

  it('every rule splits each group’s bill exactly', () => {
    const sharing = result.costSharing;
    for (const group of sharing.groups) {
      for (const shares of [
        sharing.shapley,
        sharing.scrb,
        sharing.byUse,
        sharing.byPopulation,
        ...(group.nucleolus.computed && sharing.nucleolus ? [sharing.nucleolus] : []),
        ...(group.coreAllocation.computed ? [sharing.coreAllocation] : []),
      ]) {
        close(
          group.members.reduce((sum, k) => sum + shares[k], 0),
          group.bill,
          `group of ${group.members.length}`,
        );
      }
    }
  });

  it('the LP-dual allocation is in the core of each group it is computed for (all coalitions ≤ 12 players, sampled above)', () => {
    const sharing = result.costSharing;
    const random = mulberry32(7);
    for (const group of sharing.groups) {
      if (!group.coreAllocation.computed) continue;
      const members = group.members.map((k) => sharing.players[k]);
      const share = (mask: readonly number[]): number => mask.reduce((sum, m) => sum + sharing.coreAllocation[group.members[m]], 0);
      const test = (coalition: number[]): void => {
        const cost = coalitionCost(coalition.map((m) => members[m]));
        expect(share(coalition), `coalition ${coalition.map((m) => members[m]).join(',')}`).toBeLessThanOrEqual(cost + RELATIVE * Math.max(1, cost));
      };
      const n = members.length;
      if (n <= 12) {
        for (let mask = 1; mask < (1 << n) - 1; mask++) test(Array.from({ length: n }, (_, m) => m).filter((m) => mask & (1 << m)));
      } else {
        for (let m = 0; m < n; m++) test([m]);
        for (let m = 0; m < n; m++) test(Array.from({ length: n }, (_, k) => k).filter((k) => k !== m));
        for (let s = 0; s < 300; s++)
          test(
            Array.from({ length: n }, (_, k) => k)
              .filter(() => random() < 0.5)
              .slice(0, n - 1),
          );
      }
    }
    // Under issue 14's game (whole places, capped expansions, the residents the plan serves) the groups of
    // this instance (12–17 players) all have fractional relaxations, so no group of two or more gets the
    // allocation here (the bundled sample's two-player nursery group does: reports/summary.json). Each
    // group without it says why, and a fractional relaxation's bound lies below the bill.
    // A one-player group always gets it: its bill.
    for (const group of sharing.groups) if (group.members.length === 1) expect(group.coreAllocation.computed).toBe(true);
    for (const group of sharing.groups) {
      if (group.coreAllocation.computed) continue;
      const reason = group.coreAllocation.reason;
      expect(reason).toMatch(/^not computed: /);
      const bound = /bound (\d+) below the cost (\d+)/.exec(reason);
      if (bound) expect(Number(bound[1])).toBeLessThan(Number(bound[2]));
      if (bound) close(Number(bound[2]), group.bill, 'the cost in the reason is the bill');
    }
  }, 900_000);
});

describe('facilityGroups', () => {
  it('links players through shared facilities; a player no facility serves is a group of its own', () => {
    expect(facilityGroups(6, [[0, 2], [2, 4], [5]])).toEqual([[0, 2, 4], [1], [3], [5]]);
    expect(facilityGroups(3, [])).toEqual([[0], [1], [2]]);
  });
});

describe('billGame and its rules', () => {
  // c(T) = 10·|T| for a proper coalition, but the bill of all four is 30: a saving of 10 to split.
  const game = billGame(4, 30, (coalition) => 10 * coalition.length);
  it('the grand coalition costs the bill; other coalitions their cost, each evaluated once', () => {
    expect(game.cost([0, 1, 2, 3])).toBe(30);
    expect(game.cost([1, 2])).toBe(20);
    game.cost([1, 2]);
    expect(game.cost.evaluations()).toBe(2);
  });
  it('the Shapley value splits the bill (exact: 7.5 each) and is in the core, every coalition checked', () => {
    const value = billShapley(game, mulberry32(1));
    expect(value.exact).toBe(true);
    value.value.forEach((share) => expect(share).toBeCloseTo(7.5, 12));
    expect(billCoreCheck(game, value.value, () => [])).toMatchObject({ complete: true, checked: 14, violations: [] });
  });
  it('a rule limited to small games says why it was not computed', () => {
    expect(
      tooLarge(
        billGame(40, 1, () => 1),
        12,
      ),
    ).toEqual({ computed: false, reason: 'not computed: 40 players' });
    expect(tooLarge(game, 12)).toBeUndefined();
  });
});
