/**
 * Branch and bound on rows of whole columns (branchRows), worked by hand;
 * the rest of branchAndBound is checked in the location game's tests
 * (src/analysis/cost-sharing/location-game.test.ts).
 */
import loadHighsModule from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { branchAndBound } from './branch-and-bound.js';
import { highsSolver, INFINITY, RowBuilder, type Solver } from './linear-program.js';
import { countingSolver } from '../testing/counting-solver.js';

const loadHighs = loadHighsModule as unknown as typeof loadHighsModule.default;

let solver: Solver;
beforeAll(async () => {
  solver = highsSolver(await loadHighs());
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
