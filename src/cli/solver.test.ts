/**
 * The command line's solver (solver.ts `withOwnSimplex`): open programs up to
 * OWN_SIMPLEX_ROWS rows and OWN_SIMPLEX_COLUMNS columns go to our dual
 * simplex, larger ones and every fresh solve to the solver it wraps (a
 * 2,553-column §6 search took 6.3 s on ours against 1 s on HiGHS).
 */
import { describe, expect, it } from 'vitest';
import { INFINITY, type LinearProgram, type OpenProgram, type Solver } from '../engines/linear-program.js';
import { loadDataset } from '../io/load-dataset.js';
import type { Dataset } from '../model/types.js';
import { OWN_SIMPLEX_COLUMNS, OWN_SIMPLEX_ROWS, placesShort, withOwnSimplex } from './solver.js';

/** min Σ x, each x ≥ 1 through one row per column (n columns, `rows` rows: the first n bind, the rest free). */
function program(columns: number, rows: number): LinearProgram {
  const starts = Int32Array.from({ length: rows + 1 }, (_, r) => Math.min(r, columns));
  return {
    numCols: columns,
    numRows: rows,
    colCost: new Float64Array(columns).fill(1),
    colLower: new Float64Array(columns),
    colUpper: new Float64Array(columns).fill(INFINITY),
    rowLower: Float64Array.from({ length: rows }, (_, r) => (r < columns ? 1 : -INFINITY)),
    rowUpper: new Float64Array(rows).fill(INFINITY),
    starts,
    indices: Int32Array.from({ length: Math.min(rows, columns) }, (_, r) => r),
    values: new Float64Array(Math.min(rows, columns)).fill(1),
  };
}

/** A stand-in for HiGHS that counts what it is given. */
function counting(): Solver & { opened: number; solved: number } {
  const fake = {
    opened: 0,
    solved: 0,
    solve(): ReturnType<Solver['solve']> {
      fake.solved++;
      return { status: 'optimal', objective: 0, values: new Float64Array(0), bound: 0 };
    },
    open(program: LinearProgram): OpenProgram {
      fake.opened++;
      return { numCols: program.numCols } as OpenProgram;
    },
  };
  return fake;
}

describe('withOwnSimplex', () => {
  it('opens a program within both limits on our dual simplex (it solves: n columns at 1 each cost n)', () => {
    const base = counting();
    const solver = withOwnSimplex(base);
    const result = solver.open(program(OWN_SIMPLEX_COLUMNS, OWN_SIMPLEX_COLUMNS)).solve();
    expect(base.opened).toBe(0);
    expect(result.status).toBe('optimal');
    expect(result.objective).toBe(OWN_SIMPLEX_COLUMNS);
  });

  it('leaves a program with a column or a row too many, and every fresh solve, to the solver it wraps', () => {
    const base = counting();
    const solver = withOwnSimplex(base);
    solver.open(program(OWN_SIMPLEX_COLUMNS + 1, OWN_SIMPLEX_COLUMNS + 1));
    solver.open(program(10, OWN_SIMPLEX_ROWS + 1));
    solver.solve(program(3, 3));
    expect(base.opened).toBe(2);
    expect(base.solved).toBe(1);
  });
});

describe('placesShort: some service short of places over its partners (HiGHS then keeps its optimising compiler)', () => {
  it('the bundled datasets: data/poland has places for everyone, the shortage scenarios and the sample have not', () => {
    expect(placesShort(loadDataset('data/poland').dataset)).toBe(false);
    expect(placesShort(loadDataset('data/scenarios/poland-nursery-shortage').dataset)).toBe(true);
    expect(placesShort(loadDataset('data/scenarios/mazowieckie-shortage').dataset)).toBe(true);
    // the sample: preschool 3,283 residents in need, 3,230 places
    expect(placesShort(loadDataset('data').dataset)).toBe(true);
  });

  // Two municipalities, two services: partner flags; places and residents in need as
  // [service 1 at m1, at m2, service 2 at m1, at m2]; and the answer.
  const cases: [string, boolean[], number[], number[], boolean][] = [
    ['partners 10 + 5 places against 8 + 7 residents: exactly enough', [true, true], [10, 5, 0, 0], [8, 7, 0, 0], false],
    ['one resident more', [true, true], [10, 5, 0, 0], [8, 8, 0, 0], true],
    ['the short one is no partner', [true, false], [10, 0, 0, 0], [8, 50, 0, 0], false],
    ['the second service short although the first has places to spare', [true, true], [100, 100, 1, 0], [1, 1, 1, 1], true],
  ];
  const { dataset } = loadDataset('data/poland');
  for (const [why, partner, supply, demand, short] of cases) {
    it(`by hand: ${why}`, () => {
      const two: Dataset = {
        ...dataset,
        municipalities: dataset.municipalities.slice(0, 2).map((municipality, i) => ({ ...municipality, partner: partner[i] })),
        services: dataset.services.slice(0, 2),
        supply: [Float64Array.from(supply.slice(0, 2)), Float64Array.from(supply.slice(2))],
        demand: [Float64Array.from(demand.slice(0, 2)), Float64Array.from(demand.slice(2))],
      };
      expect(placesShort(two)).toBe(short);
    });
  }
});
