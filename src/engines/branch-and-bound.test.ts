/**
 * Branch and bound on rows of whole columns (branchRows) and rounding to the nearest (roundNearest), worked by hand;
 * the rest of branchAndBound is checked in the location game's tests
 * (src/analysis/cost-sharing/location-game.test.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { branchAndBound } from './branch-and-bound.js';
import { INFINITY, RowBuilder, type Solver } from './linear-program.js';
import { countingSolver } from '../testing/counting-solver.js';
import { testSolvers } from '../testing/solvers.js';

let solver: Solver;
beforeAll(async () => {
  solver = (await testSolvers()).highs;
});

describe('branchAndBound on a row of whole columns (branchRows), worked by hand', () => {
  // min 10a + 10b + 10c  s.t. 2a + 2b + 2c ≥ 3, a, b, c ∈ {0, 1}; row 0 is a + b + c (free). The relaxation
  // opens 1.5 (15); every whole plan opens 2 (20). Branched on the row: a + b + c ≤ 1 is infeasible, and
  // a + b + c ≥ 2 has only whole vertices (two of a, b, c at 1, the third at 0): 20 in three solves.
  // Branched on columns instead, each child of a fractional column can put the half on another column (15)
  // until two columns are fixed: more solves.
  const open = (): { model: ReturnType<Solver['open']>; solves: () => number } => {
    const rows = new RowBuilder();
    rows.add([0, 1, 2], [1, 1, 1], -INFINITY, INFINITY);
    rows.add([0, 1, 2], [2, 2, 2], 3, INFINITY);
    const counting = countingSolver(solver);
    const model = counting.solver.open({ numCols: 3, ...rows.build(), colCost: Float64Array.of(10, 10, 10), colLower: new Float64Array(3), colUpper: Float64Array.of(1, 1, 1) });
    return { model, solves: counting.solves };
  };
  const integer = Int32Array.of(0, 1, 2);
  it('proves 20 in three solves (root, ≤ 1 infeasible, ≥ 2 whole), and restores the row', () => {
    const { model, solves } = open();
    try {
      const row = { row: 0, columns: integer, lower: -INFINITY, upper: INFINITY };
      const result = branchAndBound(model, integer, new Float64Array(3), Float64Array.of(1, 1, 1), { branchRows: [row], roundUp: false });
      expect(result).toMatchObject({ status: 'optimal', objective: expect.closeTo(20, 9), nodes: 3 });
      expect(solves()).toBe(3);
      expect(model.solve().objective).toBeCloseTo(15, 9);
    } finally {
      model.dispose();
    }
  });
  it('needs more solves for the same 20 when it branches on columns only', () => {
    const { model, solves } = open();
    try {
      const result = branchAndBound(model, integer, new Float64Array(3), Float64Array.of(1, 1, 1), { roundUp: false });
      expect(result).toMatchObject({ status: 'optimal', objective: expect.closeTo(20, 9) });
      expect(solves()).toBeGreaterThan(3);
    } finally {
      model.dispose();
    }
  });
});

describe('branchAndBound rounding to the nearest (roundNearest), worked by hand', () => {
  // Point 1 (6 places) reaches only site B; point 2 (3 places) reaches B (2 per place) and C (0). A facility
  // holds 10 places and costs 10. Columns z1B, z2B, z2C, y_B, y_C. The relaxation serves point 2 at C:
  // y = (0.6, 0.3), 6 + 3 = 9. Rounded up, both open: 20. Rounded to the nearest, B alone holds all 9: 10 + 2·3 = 16,
  // the optimum (C alone cannot serve point 1).
  const open = (demand1: number, demand2: number) => {
    const rows = new RowBuilder();
    rows.add([0], [1], demand1, demand1);
    rows.add([1, 2], [1, 1], demand2, demand2);
    rows.add([0, 1, 3], [1, 1, -10], -INFINITY, 0);
    rows.add([2, 4], [1, -10], -INFINITY, 0);
    return solver.open({ numCols: 5, ...rows.build(), colCost: Float64Array.of(0, 2, 0, 10, 10), colLower: new Float64Array(5), colUpper: Float64Array.of(INFINITY, INFINITY, INFINITY, 1, 1) });
  };
  const integer = Int32Array.of(3, 4);
  const search = (model: ReturnType<typeof open>, roundNearest: boolean) => branchAndBound(model, integer, new Float64Array(2), Float64Array.of(1, 1), { maxNodes: 2, roundNearest });

  it('finds 16 in its first rounding where rounding up finds 20 (two solves each: the root and one rounding)', () => {
    const model = open(6, 3);
    try {
      expect(search(model, true)).toMatchObject({ objective: expect.closeTo(16, 9), bound: expect.closeTo(9, 9), nodes: 2 });
      expect(search(model, false)).toMatchObject({ objective: expect.closeTo(20, 9), nodes: 2 });
    } finally {
      model.dispose();
    }
  });

  it('where every fraction is below a half and the nearest leaves too little room, rounds up the largest alone and solves again: 12 where rounding all up gives 30', () => {
    // Three points of 4 places, each at 0 from its own site and 0.25 a place from the two others; a facility
    // holds 20 and costs 10. The relaxation opens 0.2 at each site (6). Rounded to the nearest, none opens:
    // infeasible. Site 0 rounded up alone, the others come to it (0.25 a place against 0.5 a place for a
    // fraction of a facility of their own): 10 + 8 × 0.25 = 12, the optimum; every fraction rounded up
    // opens all three (30).
    const rows = new RowBuilder();
    for (let p = 0; p < 3; p++) rows.add([3 * p, 3 * p + 1, 3 * p + 2], [1, 1, 1], 4, 4);
    for (let j = 0; j < 3; j++) rows.add([j, 3 + j, 6 + j, 9 + j], [1, 1, 1, -20], -INFINITY, 0);
    const cost = Float64Array.from({ length: 12 }, (_, k) => (k >= 9 ? 10 : Math.floor(k / 3) === k % 3 ? 0 : 0.25));
    const model = solver.open({ numCols: 12, ...rows.build(), colCost: cost, colLower: new Float64Array(12), colUpper: Float64Array.from({ length: 12 }, (_, k) => (k >= 9 ? 1 : INFINITY)) });
    const counts = Int32Array.of(9, 10, 11);
    try {
      const search = (roundNearest: boolean) => branchAndBound(model, counts, new Float64Array(3), Float64Array.of(1, 1, 1), { maxNodes: 2, roundNearest });
      expect(search(true)).toMatchObject({ objective: expect.closeTo(12, 9), bound: expect.closeTo(6, 9) });
      expect(search(false).objective).toBeCloseTo(30, 9);
    } finally {
      model.dispose();
    }
  });

  it('rounds up where the nearest leaves too little room: 4 places at B alone, y_B = 0.4 (4), is one facility (10) — root, nearest infeasible, rounded up', () => {
    const model = open(4, 0);
    try {
      expect(search(model, true)).toMatchObject({ objective: expect.closeTo(10, 9), bound: expect.closeTo(4, 9), nodes: 3 });
    } finally {
      model.dispose();
    }
  });
});
