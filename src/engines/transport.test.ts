/**
 * solveTransport, the lexicographic transportation problem of METHODS.md §5
 * (most served, then fewest person-km): bad input first, then small cases
 * worked by hand, then 240 seeded random instances against HiGHS's
 * two-stage LP, then a 40-node instance against networkx 2.8.8
 * (fixtures/sharing/networkx-transport/: reference.py → reference.json).
 *
 * Tolerances: served and person-km within 1e-9 relative (of max(1, |value|))
 * of HiGHS; flows within demand and capacity to 1e-9 absolute. Against
 * networkx (integer data) served and the cost in hundredths of a km must be
 * equal exactly.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { INFINITY, RowBuilder, type Solver } from './linear-program.js';
import type { Neighbours } from '../analysis/accessibility/neighbours.js';
import { mulberry32, type Random } from './random.js';
import { shareCapacity } from '../analysis/sharing/sharing.js';
import { solveTransport, type TransportProblem, type TransportSolution } from './transport.js';
import { testSolvers } from '../testing/solvers.js';

let solver: Solver;
beforeAll(async () => {
  solver = (await testSolvers()).highs;
});

type Arc = readonly [row: number, column: number, cost: number];

function problemOf(demand: readonly number[], supply: readonly number[], arcs: readonly Arc[]): TransportProblem {
  return {
    demand: Float64Array.from(demand),
    supply: Float64Array.from(supply),
    row: Int32Array.from(arcs, (a) => a[0]),
    column: Int32Array.from(arcs, (a) => a[1]),
    cost: Float64Array.from(arcs, (a) => a[2]),
  };
}

function close(actual: number, expected: number, where: string): void {
  expect(Math.abs(actual - expected), `${where}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
}

/** x ≥ 0, Σ_j x_ij ≤ D_i, Σ_i x_ij ≤ S_j (to 1e-9), and the reported totals are those of x. */
function expectFeasible(problem: TransportProblem, solution: TransportSolution): void {
  const taken = new Float64Array(problem.demand.length);
  const given = new Float64Array(problem.supply.length);
  let served = 0;
  let cost = 0;
  solution.flow.forEach((x, k) => {
    expect(x, `x_${k}`).toBeGreaterThanOrEqual(0);
    taken[problem.row[k]] += x;
    given[problem.column[k]] += x;
    served += x;
    cost += x * problem.cost[k];
  });
  taken.forEach((sum, i) => expect(sum, `row ${i}`).toBeLessThanOrEqual(problem.demand[i] + 1e-9));
  given.forEach((sum, j) => expect(sum, `column ${j}`).toBeLessThanOrEqual(problem.supply[j] + 1e-9));
  close(solution.served, served, 'served = Σx');
  close(solution.cost, cost, 'cost = Σcx');
}

/** HiGHS: maximise Σx, then minimise Σcx with Σx held at its maximum (slack 0). */
function highsReference(problem: TransportProblem): { served: number; cost: number } {
  const count = problem.row.length;
  if (count === 0) return { served: 0, cost: 0 };
  const rows = new RowBuilder();
  const byRow = new Map<number, number[]>();
  const byColumn = new Map<number, number[]>();
  for (let k = 0; k < count; k++) {
    (byRow.get(problem.row[k]) ?? byRow.set(problem.row[k], []).get(problem.row[k])!).push(k);
    (byColumn.get(problem.column[k]) ?? byColumn.set(problem.column[k], []).get(problem.column[k])!).push(k);
  }
  for (const [i, ks] of byRow)
    rows.add(
      ks,
      ks.map(() => 1),
      -INFINITY,
      problem.demand[i],
    );
  for (const [j, ks] of byColumn)
    rows.add(
      ks,
      ks.map(() => 1),
      -INFINITY,
      problem.supply[j],
    );
  const bounds = { numCols: count, colLower: new Float64Array(count), colUpper: new Float64Array(count).fill(INFINITY) };
  const first = solver.solve({ ...bounds, ...rows.build(), maximize: true, colCost: new Float64Array(count).fill(1) }, { strategy: 'primal' });
  expect(first.status).toBe('optimal');
  // second stage, solved afresh: Σx held at the first stage's maximum, minimise Σcx
  rows.add(
    Array.from({ length: count }, (_, k) => k),
    new Array<number>(count).fill(1),
    first.objective,
    INFINITY,
  );
  const second = solver.solve({ ...bounds, ...rows.build(), maximize: false, colCost: problem.cost }, { strategy: 'primal' });
  expect(second.status).toBe('optimal');
  return { served: first.objective, cost: second.objective };
}

describe('solveTransport: bad input', () => {
  const good = (): TransportProblem => problemOf([5], [5], [[0, 0, 1]]);

  it('rejects negative or non-finite demand and supply', () => {
    expect(() => solveTransport({ ...good(), demand: Float64Array.of(-1) })).toThrow(/^solveTransport: demand 0 is -1$/);
    expect(() => solveTransport({ ...good(), supply: Float64Array.of(NaN) })).toThrow(/^solveTransport: supply 0 is NaN$/);
    expect(() => solveTransport({ ...good(), supply: Float64Array.of(Infinity) })).toThrow(/supply 0 is Infinity/);
  });

  it('rejects arcs out of range, non-finite costs and ragged arc arrays', () => {
    expect(() => solveTransport({ ...good(), row: Int32Array.of(1) })).toThrow(/arc 0 has row 1 out of range/);
    expect(() => solveTransport({ ...good(), column: Int32Array.of(-1) })).toThrow(/arc 0 has column -1 out of range/);
    expect(() => solveTransport({ ...good(), cost: Float64Array.of(NaN) })).toThrow(/arc 0 has cost NaN/);
    expect(() => solveTransport({ ...good(), cost: Float64Array.of(1, 2) })).toThrow(/same length/);
  });

  it('rejects a unit that is not a positive number, and totals too large to count exactly', () => {
    expect(() => solveTransport(good(), { unitsPerPlace: 0 })).toThrow(/unitsPerPlace must be positive/);
    expect(() => solveTransport({ ...good(), demand: Float64Array.of(1e12) })).toThrow(/total demand is too large/);
  });
});

describe('solveTransport: by hand', () => {
  it('nothing to do: no rows, no columns, no arcs', () => {
    expect(solveTransport(problemOf([], [], []))).toEqual({ flow: new Float64Array(0), served: 0, cost: 0, pivots: 0 });
    const unreachable = solveTransport(
      problemOf(
        [4, 0],
        [0, 6],
        [
          [0, 0, 1],
          [1, 1, 1],
        ],
      ),
    );
    expect([...unreachable.flow]).toEqual([0, 0]);
    expect(unreachable.served).toBe(0);
  });

  it('served first, then person-km: A (5) reaches P (1 km) and Q (3 km), B (4) only P (2 km); P has 6 places, Q 2', () => {
    // Nearest-first gives A all 5 from P, B the last 1 of P, and leaves Q empty: 6 served.
    // Most served is ΣS = 8, which needs Q's 2 (only A reaches Q): x_AQ = 2. P's 6 go to
    // A (at most 5 − 2 = 3) and B (at most 4): x_AP + x_BP = 6, so
    //   person-km = 1·x_AP + 2·x_BP + 3·2 = x_AP + 2(6 − x_AP) + 6 = 18 − x_AP,
    // least at x_AP = 3, x_BP = 3: 3 + 6 + 6 = 15 person-km; B's 1 unmet.
    const problem = problemOf(
      [5, 4],
      [6, 2],
      [
        [0, 0, 1],
        [0, 1, 3],
        [1, 0, 2],
      ],
    );
    const solution = solveTransport(problem);
    expect([...solution.flow]).toEqual([3, 2, 3]);
    expect(solution.served).toBe(8);
    expect(solution.cost).toBe(15);
    expectFeasible(problem, solution);
  });

  it('fractional need and places: 175.6 in need, 100.25 places at 2 km and 100 at 1 km', () => {
    // All 175.6 can be served; the nearer 100 first, then 75.6 at 2 km: 100·1 + 75.6·2 = 251.2 person-km,
    // with 24.65 places spare at 2 km.
    const problem = problemOf(
      [175.6],
      [100.25, 100],
      [
        [0, 0, 2],
        [0, 1, 1],
      ],
    );
    const solution = solveTransport(problem);
    expect([...solution.flow]).toEqual([75.6, 100]);
    expect(solution.served).toBe(175.6);
    close(solution.cost, 251.2, 'person-km');
  });

  it('counts in whole ten-thousandths: 0.00004 of a place is nothing, 0.00005 is one unit', () => {
    expect(solveTransport(problemOf([0.00004], [1], [[0, 0, 1]])).served).toBe(0);
    expect(solveTransport(problemOf([0.00005], [1], [[0, 0, 1]])).served).toBe(0.0001);
    expect(solveTransport(problemOf([0.00004], [1], [[0, 0, 1]]), { unitsPerPlace: 1e5 }).served).toBe(0.00004);
  });

  it('a local pair costs its intra-municipal km like any other: i = i at 4 km loses to a neighbour at 3 km', () => {
    // Municipality 0 needs 10 and has 10 places (4 km within it); municipality 1 has 10 places 3 km away.
    const problem = problemOf(
      [10, 0],
      [10, 10],
      [
        [0, 0, 4],
        [0, 1, 3],
      ],
    );
    expect([...solveTransport(problem).flow]).toEqual([0, 10]);
  });

  it('does not change its input, and gives the same flows every time', () => {
    const problem = problemOf(
      [3, 8, 6],
      [10, 0, 5],
      [
        [0, 0, 0],
        [1, 0, 4],
        [1, 2, 2],
        [2, 2, 0],
        [2, 0, 5],
      ],
    );
    const copies = [problem.demand, problem.supply, problem.row, problem.column, problem.cost].map((a) => a.slice());
    const first = solveTransport(problem);
    expect([problem.demand, problem.supply, problem.row, problem.column, problem.cost]).toEqual(copies);
    expect(solveTransport(problem)).toEqual(first);
  });
});

// ---------------------------------------------------------------------------
// Random instances shaped like §5's: municipalities in a few clusters, each a
// row (need) and a column (places); i = i always a pair (km ≥ 0), pairs
// within a cluster at random; some need or places zero; some need beyond
// what any place in reach can hold.

/** Places: zero, whole, to one decimal (175.6) or to four. */
function amount(random: Random, scale: number): number {
  const r = random();
  if (r < 0.2) return 0;
  if (r < 0.45) return 1 + Math.floor(random() * scale);
  if (r < 0.7) return Math.round(random() * scale * 10) / 10;
  return Math.round(random() * scale * 1e4) / 1e4;
}

function randomInstance(random: Random): TransportProblem & { pairs: Arc[] } {
  const sizes = [1, 2, 3, 5, 8, 13, 21, 40];
  const n = sizes[Math.floor(random() * sizes.length)];
  const clusters = 1 + Math.floor(random() * 4);
  const cluster = Array.from({ length: n }, () => Math.floor(random() * clusters));
  const density = [0.1, 0.3, 0.7][Math.floor(random() * 3)];
  const shortage = random() < 0.3 ? 3 : 1;
  const demand = Array.from({ length: n }, () => amount(random, 200 * shortage));
  const supply = Array.from({ length: n }, () => amount(random, 200));
  const pairs: Arc[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      // km: sometimes whole or in hundredths, sometimes any double; local pairs at 0–5 km.
      if (i === j) pairs.push([i, i, random() < 0.3 ? 0 : random() * 5]);
      else if (cluster[i] === cluster[j] && random() < density) pairs.push([i, j, random() < 0.5 ? Math.round(random() * 5000) / 100 : random() * 50]);
    }
  }
  return { ...problemOf(demand, supply, pairs), pairs };
}

/** CSR pairs as `neighboursWithin` builds them (sorted by j per i). */
function neighboursOf(n: number, pairs: readonly Arc[]): Neighbours {
  const sorted = [...pairs].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const start = new Int32Array(n + 1);
  for (const [i] of sorted) start[i + 1]++;
  for (let i = 0; i < n; i++) start[i + 1] += start[i];
  return { start, neighbour: Int32Array.from(sorted, (p) => p[1]), km: Float64Array.from(sorted, (p) => p[2]), radiusKm: 50 };
}

describe('solveTransport on 240 seeded random instances, against HiGHS (two-stage LP)', () => {
  it('serves as many as the LP at as few person-km, feasibly, and shareCapacity reports the same', () => {
    const random = mulberry32(20260611);
    let constrained = 0;
    for (let trial = 0; trial < 240; trial++) {
      const instance = randomInstance(random);
      const solution = solveTransport(instance);
      expectFeasible(instance, solution);
      const reference = highsReference(instance);
      close(solution.served, reference.served, `instance ${trial}: served`);
      close(solution.cost, reference.cost, `instance ${trial}: person-km`);
      const sharing = shareCapacity(instance.supply, instance.demand, neighboursOf(instance.demand.length, instance.pairs));
      close(sharing.served, reference.served, `instance ${trial}: shareCapacity served`);
      close(sharing.personKm, reference.cost, `instance ${trial}: shareCapacity person-km`);
      // Count instances where both some need and some places are left over: max flow is not simply min(ΣD, ΣS).
      const totalDemand = instance.demand.reduce((a, b) => a + b, 0);
      const totalSupply = instance.supply.reduce((a, b) => a + b, 0);
      if (reference.served < Math.min(totalDemand, totalSupply) - 1e-6) constrained++;
    }
    expect(constrained).toBeGreaterThan(40);
  }, 120_000);

  it('off the ten-thousandth grid: the exact optimum for need and places rounded to it, within n·0.00005 of the unrounded LP', () => {
    const random = mulberry32(7);
    for (let trial = 0; trial < 40; trial++) {
      const instance = randomInstance(random);
      const jitter = (values: Float64Array): Float64Array => Float64Array.from(values, (v) => (v > 0 ? v + random() * 1e-4 : 0));
      const offGrid = { ...instance, demand: jitter(instance.demand), supply: jitter(instance.supply) };
      const rounded = { ...offGrid, demand: offGrid.demand.map((v) => Math.round(v * 1e4) / 1e4), supply: offGrid.supply.map((v) => Math.round(v * 1e4) / 1e4) };
      const solution = solveTransport(offGrid);
      const reference = highsReference(rounded);
      close(solution.served, reference.served, `instance ${trial}: served (rounded)`);
      close(solution.cost, reference.cost, `instance ${trial}: person-km (rounded)`);
      expect(Math.abs(solution.served - highsReference(offGrid).served)).toBeLessThanOrEqual(offGrid.demand.length * 5e-5 + 1e-9);
    }
  });
});

describe('solveTransport against networkx max_flow_min_cost (fixtures/sharing/networkx-transport)', () => {
  interface Reference {
    readonly networkx: string;
    readonly nodes: number;
    readonly demand: number[];
    readonly supply: number[];
    readonly arcs: [number, number, number][];
    readonly served: number;
    readonly costHundredths: number;
  }
  const reference = JSON.parse(readFileSync('fixtures/sharing/networkx-transport/reference.json', 'utf8')) as Reference;

  it('the same most served and least cost on 19 municipalities (40 network nodes, 97 pairs), exactly', () => {
    expect(reference.networkx).toBe('2.8.8');
    const problem = problemOf(
      reference.demand,
      reference.supply,
      reference.arcs.map(([i, j, hundredths]) => [i, j, hundredths / 100]),
    );
    const solution = solveTransport(problem);
    expectFeasible(problem, solution);
    expect(solution.served).toBe(reference.served);
    // Integer data give whole flows, so the cost in hundredths of a km is an exact integer sum.
    expect(reference.arcs.reduce((sum, [, , hundredths], k) => sum + solution.flow[k] * hundredths, 0)).toBe(reference.costHundredths);
    close(solution.cost, reference.costHundredths / 100, 'person-km');
  });
});
