/**
 * A solver that counts its work, for tests that check how a result was
 * reached (no MILP, at most so many LP solves): fresh solves (`solve`, the
 * MILPs of the location game) and re-solves of open programs.
 */
import type { Solver } from '../engines/linear-program.js';

export interface CountingSolver {
  readonly solver: Solver;
  /** Fresh solves so far. */
  readonly fresh: () => number;
  /** Re-solves of open programs so far. */
  readonly solves: () => number;
}

export function countingSolver(solver: Solver): CountingSolver {
  let fresh = 0;
  let solves = 0;
  return {
    solver: {
      ...solver,
      solve(program, options) {
        fresh++;
        return solver.solve(program, options);
      },
      open(program) {
        const model = solver.open(program);
        return {
          ...model,
          numCols: model.numCols,
          solve() {
            solves++;
            return model.solve();
          },
        };
      },
    },
    fresh: () => fresh,
    solves: () => solves,
  };
}
