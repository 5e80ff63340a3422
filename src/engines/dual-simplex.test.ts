/**
 * The dual simplex (dual-simplex.ts): small LPs worked by hand, then every
 * number against HiGHS (linear-program.ts) — fresh solves of random LPs,
 * a warm-started sequence of bound changes, added rows and cost changes
 * against fresh solves of the program as it stands, and the location
 * game's programs (fixtures/share/dual-simplex/: a 10-point game) against
 * HiGHS's open program fed the same calls. Objectives agree within 1e-9
 * relative (1e-7 absolute floor); statuses are equal.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { openLocationGame } from '../analysis/cost-sharing/location-game.js';
import type { LocationInstance } from '../analysis/location/location.js';
import { openDualSimplex } from './dual-simplex.js';
import { INFINITY, RowBuilder, type LinearProgram, type OpenProgram, type SolveResult, type Solver } from './linear-program.js';
import { mulberry32, type Random } from './random.js';
import { testSolvers } from '../testing/solvers.js';

let highs: Solver;
beforeAll(async () => {
  highs = (await testSolvers()).highs;
});

/** The same status, and for an optimum the same objective within 1e-9 relative (1e-7 absolute). */
function expectSame(ours: SolveResult, reference: SolveResult, where = ''): void {
  expect(ours.status, where).toBe(reference.status);
  if (reference.status !== 'optimal') return;
  expect(Math.abs(ours.objective - reference.objective), where).toBeLessThanOrEqual(Math.max(1e-7, 1e-9 * Math.abs(reference.objective)));
  expect(ours.bound).toBe(ours.objective);
}

/** A program from rows (columns, coefficients, lower, upper) and columns (cost, lower, upper). */
function lp(rows: [number[], number[], number, number][], cost: number[], lower: number[], upper: number[], maximize = false): LinearProgram {
  const builder = new RowBuilder();
  for (const [columns, values, low, high] of rows) builder.add(columns, values, low, high);
  return { numCols: cost.length, ...builder.build(), colCost: Float64Array.from(cost), colLower: Float64Array.from(lower), colUpper: Float64Array.from(upper), maximize };
}

const values = (result: SolveResult): number[] => Array.from(result.values, (value) => Math.round(value * 1e9) / 1e9 + 0);

/** min x + y, x + 2y ≥ 4, 3x + y ≥ 6: the rows cross at (1.6, 1.2), 2.8. */
const crossing = (): LinearProgram =>
  lp(
    [
      [[0, 1], [1, 2], 4, INFINITY],
      [[0, 1], [3, 1], 6, INFINITY],
    ],
    [1, 1],
    [0, 0],
    [INFINITY, INFINITY],
  );

describe('openDualSimplex on LPs worked by hand', () => {
  it('min x + y, x + 2y ≥ 4, 3x + y ≥ 6: the rows cross at (1.6, 1.2), 2.8 (the axes give (4, 0) = 4 and (0, 6) = 6)', () => {
    const result = openDualSimplex(crossing()).solve();
    expect(result.status).toBe('optimal');
    expect(result.objective).toBeCloseTo(2.8, 12);
    expect(values(result)).toEqual([1.6, 1.2]);
  });

  it('min x, 0.1x ≥ 0.3: x = 3 exactly, not the 2.9999999999999996 that 0.3 / 0.1 gives in floating point (values within 1e-11 of a whole number are whole)', () => {
    for (const [a, b] of [
      [0.1, 0.3],
      [0.7, 2.1],
      [0.07, 0.21],
    ]) {
      const result = openDualSimplex(lp([[[0], [a], b, INFINITY]], [1], [0], [INFINITY])).solve();
      expect(result.values[0], `${a}x ≥ ${b}`).toBe(3);
      expect(result.objective, `${a}x ≥ ${b}`).toBe(3);
    }
    // A fractional optimum stays as it is: x + 3y ≥ 1 with y ≤ 1/3 costs 1/3 at y = 1/3 (cost of x 1, of y 1).
    const fractional = openDualSimplex(lp([[[0, 1], [1, 3], 1, INFINITY]], [1, 1], [0, 0], [INFINITY, 1 / 3])).solve();
    expect(fractional.objective).toBeCloseTo(1 / 3, 15);
    expect(fractional.values[1]).toBeCloseTo(1 / 3, 15);
  });

  it('min 2x + 3y, x + y = 10, x ≤ 4: the cheaper x at its bound, y the rest: 8 + 18 = 26', () => {
    const result = openDualSimplex(lp([[[0, 1], [1, 1], 10, 10]], [2, 3], [0, 0], [4, INFINITY])).solve();
    expect(result).toMatchObject({ status: 'optimal', objective: expect.closeTo(26, 12) });
    expect(values(result)).toEqual([4, 6]);
  });

  it('x + y ≥ 3 with x, y ≤ 1 is infeasible; with x ≤ 2 it costs 3 (x = 2, y = 1)', () => {
    const model = openDualSimplex(lp([[[0, 1], [1, 1], 3, INFINITY]], [1, 1], [0, 0], [1, 1]));
    expect(model.solve().status).toBe('infeasible');
    model.setColumnBounds(Int32Array.of(0), Float64Array.of(0), Float64Array.of(2));
    expect(model.solve()).toMatchObject({ status: 'optimal', objective: expect.closeTo(3, 12) });
  });

  it('max 5a + 4b + 3c, 2a + 3b + c ≤ 5, a, b, c ∈ [0, 1]: a = c = 1 (best value per weight), b = 2/3: 5 + 8/3 + 3', () => {
    const result = openDualSimplex(lp([[[0, 1, 2], [2, 3, 1], -INFINITY, 5]], [5, 4, 3], [0, 0, 0], [1, 1, 1], true)).solve();
    expect(result.objective).toBeCloseTo(5 + 8 / 3 + 3, 12);
    expect(values(result)).toEqual([1, 0.666666667, 1]);
  });

  it('min −x − 2y, x + y ≤ 3, x, y ∈ [0, 2]: negative costs start at their upper bounds; y = 2, x = 1: −5', () => {
    const result = openDualSimplex(lp([[[0, 1], [1, 1], -INFINITY, 3]], [-1, -2], [0, 0], [2, 2])).solve();
    expect(result.objective).toBeCloseTo(-5, 12);
    expect(values(result)).toEqual([1, 2]);
  });

  it('min −x, x − y ≤ 1, x, y ≥ 0 is unbounded: an error, not a loop', () => {
    expect(openDualSimplex(lp([[[0, 1], [1, -1], -INFINITY, 1]], [-1, 0], [0, 0], [INFINITY, INFINITY])).solve().status).toBe('error');
  });

  it('warm starts through a bound, a freed row, an added row and a new cost', () => {
    // min x + y, x + 2y ≥ 4, 3x + y ≥ 6 (above: 2.8).
    const model = openDualSimplex(crossing());
    expect(model.solve().objective).toBeCloseTo(2.8, 12);
    // x ≤ 1: y ≥ 6 − 3x binds, x + y = 6 − 2x is least at x = 1: 4.
    model.setColumnBounds(Int32Array.of(0), Float64Array.of(0), Float64Array.of(1));
    expect(values(model.solve())).toEqual([1, 3]);
    // The binding row freed: only x + 2y ≥ 4, cheapest with y alone, y = 2: 2.
    model.setRowBounds(Int32Array.of(1), Float64Array.of(-INFINITY), Float64Array.of(INFINITY));
    expect(model.solve()).toMatchObject({ objective: expect.closeTo(2, 12) });
    // y ≤ 1.5 as a row: x ≥ 4 − 2y = 1: (1, 1.5), 2.5.
    model.addRows(Float64Array.of(-INFINITY), Float64Array.of(1.5), Int32Array.of(0, 1), Int32Array.of(1), Float64Array.of(1));
    expect(values(model.solve())).toEqual([1, 1.5]);
    // x's cost 10 changes nothing there (x is forced to 1): 10 + 1.5.
    model.setColumnCosts(Int32Array.of(0), Float64Array.of(10));
    expect(model.solve().objective).toBeCloseTo(11.5, 12);
    // The row back: 3x + y ≥ 6 with x ≤ 1, y ≤ 1.5 is infeasible.
    model.setRowBounds(Int32Array.of(1), Float64Array.of(6), Float64Array.of(INFINITY));
    expect(model.solve().status).toBe('infeasible');
  });
});

/**
 * A random LP around a random point x⁰ (so that it is feasible unless
 * `stretched`): about a third of the matrix filled, rows of every kind
 * (≥, ≤, =, ranged, free) a few units from a·x⁰, columns in [0, u] or
 * [0, ∞), costs ≥ 0 or (`negative`) some negative on bounded columns, and
 * then half the time maximised.
 */
/**
 * The duals are an optimality certificate in HiGHS's signs (minimising):
 * d = c − Aᵀy for every column; a column with d > 0 at its lower bound, with
 * d < 0 at its upper; a row with y > 0 at its lower bound, with y < 0 at its
 * upper (tolerance 1e-7 relative to the largest term).
 */
function expectDualCertificate(program: LinearProgram, values: Float64Array, duals: { rowDual: Float64Array; colDual: Float64Array }, where: string): void {
  const { rowDual, colDual } = duals;
  const priced = Float64Array.from(program.colCost);
  const activity = new Float64Array(program.numRows);
  for (let i = 0; i < program.numRows; i++) {
    for (let k = program.starts[i]; k < program.starts[i + 1]; k++) {
      priced[program.indices[k]] -= rowDual[i] * program.values[k];
      activity[i] += program.values[k] * values[program.indices[k]];
    }
  }
  const tolerance = 1e-7 * Math.max(1, ...Array.from(program.colCost, Math.abs), ...Array.from(rowDual, Math.abs));
  for (let j = 0; j < program.numCols; j++) {
    expect(Math.abs(priced[j] - colDual[j]), `${where}: d of column ${j}`).toBeLessThanOrEqual(tolerance);
    if (colDual[j] > tolerance) expect(values[j], `${where}: column ${j} at its lower bound`).toBeCloseTo(program.colLower[j], 6);
    if (colDual[j] < -tolerance) expect(values[j], `${where}: column ${j} at its upper bound`).toBeCloseTo(program.colUpper[j], 6);
  }
  for (let i = 0; i < program.numRows; i++) {
    if (rowDual[i] > tolerance) expect(activity[i], `${where}: row ${i} at its lower bound`).toBeCloseTo(program.rowLower[i], 6);
    if (rowDual[i] < -tolerance) expect(activity[i], `${where}: row ${i} at its upper bound`).toBeCloseTo(program.rowUpper[i], 6);
  }
}

describe('openDualSimplex duals', () => {
  it('min x + y, x + 2y ≥ 4, 3x + y ≥ 6: y₁ + 3y₂ = 1 and 2y₁ + y₂ = 1 give y = (0.4, 0.2), reduced costs 0 (as HiGHS gives them)', async () => {
    const model = openDualSimplex(crossing());
    model.solve();
    const { rowDual, colDual } = model.duals();
    expect(Array.from(rowDual, (v) => Math.round(v * 1e12) / 1e12)).toEqual([0.4, 0.2]);
    expect(Array.from(colDual, (v) => Math.round(v * 1e12) / 1e12 + 0)).toEqual([0, 0]);
    const reference = highs.solve(crossing());
    expect(Array.from(reference.rowDual!, (v) => Math.round(v * 1e12) / 1e12)).toEqual([0.4, 0.2]);
    // HiGHS's open program gives the same (its duals() reads the solution's).
    const open = highs.open(crossing());
    open.solve();
    expect(Array.from(open.duals().rowDual, (v) => Math.round(v * 1e12) / 1e12)).toEqual([0.4, 0.2]);
    open.dispose();
  });

  it('min 2x + 3y, x + y = 10, x ≤ 4: the row prices y at 3, x at its bound has reduced cost 2 − 3 = −1', () => {
    const program = lp([[[0, 1], [1, 1], 10, 10]], [2, 3], [0, 0], [4, INFINITY]);
    const model = openDualSimplex(program);
    model.solve();
    const { rowDual, colDual } = model.duals();
    expect(rowDual[0]).toBeCloseTo(3, 12);
    expect(Array.from(colDual, (v) => Math.round(v * 1e12) / 1e12 + 0)).toEqual([-1, 0]);
  });

  it('on 50 random LPs minimised, fresh and after bound changes: an optimality certificate each time', () => {
    const random = mulberry32(20261208);
    let certified = 0;
    for (let k = 0; k < 50; k++) {
      const program = randomProgram(random, 2 + Math.floor(random() * 29), 1 + Math.floor(random() * 30), { stretched: k % 4 === 3 });
      if (program.maximize) continue;
      const model = openDualSimplex(program);
      for (let change = 0; change < 3; change++) {
        const result = model.solve();
        if (result.status === 'optimal') {
          expectDualCertificate(program, result.values, model.duals(), `LP ${k}, change ${change}`);
          certified++;
        }
        const column = Math.floor(random() * program.numCols);
        const upper = Math.floor(random() * 5);
        model.setColumnBounds(Int32Array.of(column), Float64Array.of(0), Float64Array.of(upper));
        (program.colUpper as Float64Array)[column] = upper;
      }
    }
    expect(certified).toBeGreaterThan(40);
  });
});

function randomProgram(random: Random, numCols: number, numRows: number, options: { negative?: boolean; stretched?: boolean } = {}): LinearProgram {
  const upper = Array.from({ length: numCols }, () => (random() < 0.5 ? 1 + Math.floor(random() * 10) : INFINITY));
  const point = upper.map((u) => Math.floor(random() * Math.min(u, 6)));
  const rows: [number[], number[], number, number][] = [];
  for (let i = 0; i < numRows; i++) {
    const columns: number[] = [];
    const coefficients: number[] = [];
    for (let j = 0; j < numCols; j++) {
      if (random() < 0.35) {
        columns.push(j);
        coefficients.push(Math.round((random() * 10 - 3) * 4) / 4);
      }
    }
    const level = columns.reduce((sum, j, k) => sum + coefficients[k] * point[j], 0) + (options.stretched && random() < 0.2 ? 40 : 0);
    const slack = Math.floor(random() * 4);
    const kind = random();
    const [low, high] =
      kind < 0.3 ? [level - slack, INFINITY] : kind < 0.6 ? [-INFINITY, level + slack] : kind < 0.7 ? [level, level] : kind < 0.85 ? [level - slack, level + 3] : [-INFINITY, INFINITY];
    rows.push([columns, coefficients, low, high]);
  }
  const cost = upper.map((u) => Math.round(random() * 20) / 2 - (options.negative && u < INFINITY ? 5 : 0));
  return lp(rows, cost, new Array(numCols).fill(0), upper, options.negative === true && random() < 0.5);
}

describe('openDualSimplex against HiGHS on random LPs', () => {
  it('50 fresh LPs of 2–30 columns and 1–30 rows: the same status and objective', () => {
    const random = mulberry32(20261207);
    const statuses = new Set<string>();
    for (let k = 0; k < 50; k++) {
      const program = randomProgram(random, 2 + Math.floor(random() * 29), 1 + Math.floor(random() * 30), { negative: k % 3 === 2, stretched: k % 4 === 3 });
      const reference = highs.solve(program);
      statuses.add(reference.status);
      expectSame(openDualSimplex(program).solve(), reference, `LP ${k}`);
    }
    // (A maximised LP may be unbounded: HiGHS's and our status is then 'error'.)
    expect(statuses).toContain('optimal');
    expect(statuses).toContain('infeasible');
  });

  it('one open LP through 200 changes (bounds tightened, fixed, relaxed, rows freed and restored, rows added, costs): each solve as HiGHS solves the program afresh', () => {
    const random = mulberry32(7);
    const start = randomProgram(random, 24, 20);
    const model = openDualSimplex(start);
    const current = {
      ...start,
      colCost: start.colCost.slice(),
      colLower: start.colLower.slice(),
      colUpper: start.colUpper.slice(),
      rowLower: start.rowLower.slice(),
      rowUpper: start.rowUpper.slice(),
    };
    let program: LinearProgram = current;
    const statuses = new Map<string, number>();
    for (let step = 0; step < 200; step++) {
      const change = random();
      if (change < 0.4) {
        const j = Math.floor(random() * program.numCols);
        const how = random();
        const level = Math.round(random() * 6);
        const [low, high] = how < 0.25 ? [0, 0] : how < 0.5 ? [start.colLower[j], start.colUpper[j]] : how < 0.7 ? [level, level] : how < 0.85 ? [0, level] : [0, INFINITY];
        current.colLower[j] = low;
        current.colUpper[j] = high;
        model.setColumnBounds(Int32Array.of(j), Float64Array.of(low), Float64Array.of(high));
      } else if (change < 0.85) {
        const i = Math.floor(random() * program.numRows);
        const how = random();
        const original = i < start.numRows ? [start.rowLower[i], start.rowUpper[i]] : [-INFINITY, INFINITY];
        const moved = original.map((bound) => (Math.abs(bound) < INFINITY ? bound + Math.round(random() * 6 - 3) : bound));
        const level = Math.abs(moved[0]) < INFINITY ? moved[0] : Math.abs(moved[1]) < INFINITY ? moved[1] : 0;
        const [low, high] = how < 0.3 ? [-INFINITY, INFINITY] : how < 0.7 ? original : how < 0.8 ? [moved[0], Math.max(moved[0], moved[1])] : [level, level];
        program.rowLower[i] = low;
        program.rowUpper[i] = high;
        model.setRowBounds(Int32Array.of(i), Float64Array.of(low), Float64Array.of(high));
      } else if (change < 0.93) {
        const columns = Array.from({ length: program.numCols }, (_, j) => j).filter(() => random() < 0.3);
        const coefficients = columns.map(() => Math.round(random() * 4 - 1));
        const [low, high] = random() < 0.5 ? [-INFINITY, Math.round(random() * 30)] : [Math.round(random() * 5), INFINITY];
        model.addRows(Float64Array.of(low), Float64Array.of(high), Int32Array.of(0, columns.length), Int32Array.from(columns), Float64Array.from(coefficients));
        program = withRow(program, columns, coefficients, low, high);
      } else {
        const j = Math.floor(random() * program.numCols);
        program.colCost[j] = Math.round(random() * 20) / 2;
        model.setColumnCosts(Int32Array.of(j), Float64Array.of(program.colCost[j]));
      }
      const reference = highs.solve(program);
      statuses.set(reference.status, (statuses.get(reference.status) ?? 0) + 1);
      expectSame(model.solve(), reference, `step ${step}`);
    }
    expect(statuses.get('optimal')).toBeGreaterThan(40);
    expect(statuses.get('infeasible')).toBeGreaterThan(20);
  });
});

/** `program` with the row low ≤ Σ coefficients·x[columns] ≤ high appended (its arrays shared where unchanged). */
function withRow(program: LinearProgram, columns: number[], coefficients: number[], low: number, high: number): LinearProgram {
  const end = program.starts[program.numRows];
  return {
    ...program,
    numRows: program.numRows + 1,
    rowLower: Float64Array.from([...program.rowLower, low]),
    rowUpper: Float64Array.from([...program.rowUpper, high]),
    starts: Int32Array.from([...program.starts, end + columns.length]),
    indices: Int32Array.from([...program.indices.subarray(0, end), ...columns]),
    values: Float64Array.from([...program.values.subarray(0, end), ...coefficients]),
  };
}

/**
 * An open program that forwards every call to ours and to HiGHS's, and
 * checks each of our solves against HiGHS's on the same sequence.
 */
function teeOpen(program: LinearProgram, reference: OpenProgram, checked: { solves: number; optimal: number }): OpenProgram {
  const ours = openDualSimplex(program);
  return {
    numCols: program.numCols,
    setColumnBounds(columns, lower, upper) {
      ours.setColumnBounds(columns, lower, upper);
      reference.setColumnBounds(columns, lower, upper);
    },
    setRowBounds(rows, lower, upper) {
      ours.setRowBounds(rows, lower, upper);
      reference.setRowBounds(rows, lower, upper);
    },
    duals: () => ours.duals(),
    addRows(lower, upper, starts, indices, coefficients) {
      ours.addRows(lower, upper, starts, indices, coefficients);
      reference.addRows(lower, upper, starts, indices, coefficients);
    },
    setColumnCosts(columns, costs) {
      ours.setColumnCosts(columns, costs);
      reference.setColumnCosts(columns, costs);
    },
    solve() {
      const result = ours.solve();
      expectSame(result, reference.solve(), `solve ${checked.solves}`);
      checked.solves++;
      if (result.status === 'optimal') checked.optimal++;
      return result;
    },
    dispose() {
      ours.dispose();
      reference.dispose();
    },
  };
}

describe('openDualSimplex in the location game (fixtures/share/dual-simplex/game-10-points.json)', () => {
  const instance = JSON.parse(readFileSync('fixtures/share/dual-simplex/game-10-points.json', 'utf8')) as LocationInstance;
  /** Every coalition of the 10 points, with the sites of their municipalities. */
  const coalitions = Array.from({ length: 1023 }, (_, k) => {
    const points = instance.points.flatMap((_, p) => (((k + 1) >> p) & 1 ? [p] : []));
    const municipalities = new Set(points.map((p) => instance.points[p].municipality));
    return { points, sites: instance.sites.flatMap((site, j) => (municipalities.has(site.municipality) ? [j] : [])) };
  });

  it('every LP of branch and bound over all 1,023 coalitions (bound changes, cover rows added) solves as HiGHS’s open program on the same calls', () => {
    const checked = { solves: 0, optimal: 0 };
    const solver: Solver = { ...highs, open: (program) => teeOpen(program, highs.open(program), checked) };
    const game = openLocationGame(instance, solver);
    for (const { points, sites } of coalitions) game.cost(points, sites);
    game.dispose();
    expect(checked.solves).toBeGreaterThan(1000);
    expect(checked.optimal).toBeGreaterThan(400);
    expect(game.covers()).toBeGreaterThan(0);
  });

  it('gives every coalition the cost HiGHS gives it (1e-9 relative), undefined for the same ones', () => {
    const ours = openLocationGame(instance, { ...highs, open: (program) => openDualSimplex(program) });
    const reference = openLocationGame(instance, highs);
    let undefinedCount = 0;
    for (const { points, sites } of coalitions) {
      const expected = reference.cost(points, sites);
      const cost = ours.cost(points, sites);
      if (expected === undefined) {
        undefinedCount++;
        expect(cost).toBeUndefined();
      } else expect(Math.abs(cost! - expected)).toBeLessThanOrEqual(1e-9 * Math.abs(expected));
    }
    expect(undefinedCount).toBeGreaterThan(0);
    expect(undefinedCount).toBeLessThan(coalitions.length);
  });
});
