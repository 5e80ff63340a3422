/** Loading HiGHS (WebAssembly, asynchronous) for the commands that optimise (§5–§7), with our dual simplex for small open programs. */
import { setFlagsFromString } from 'node:v8';
import loadHighsModule from 'highs';
import { openDualSimplex } from '../engines/dual-simplex.js';
import { highsSolver, type LinearProgram, type Solver } from '../engines/linear-program.js';

// The package's types are CommonJS; at run time the ES module's default export is the loader.
const loadHighs = loadHighsModule as unknown as typeof loadHighsModule.default;

/** Municipalities below which the optimisation problems are partnership-sized (see loadSolver). */
export const SMALL_PROBLEMS_BELOW = 100;

/**
 * HiGHS, for problems over `municipalities` municipalities. V8 runs
 * WebAssembly first as quickly compiled baseline code and recompiles the
 * busiest functions with its optimising compiler as they run. For a
 * partnership's small programs that second compilation of the 3.5 MB HiGHS
 * module costs more than it ever saves (measured: `servflow analyze` on
 * the sample takes 0.95 s with it, 0.48 s without), so below
 * SMALL_PROBLEMS_BELOW municipalities V8 is told to keep the baseline code.
 * Larger datasets keep the optimising compiler: a national LP solves about
 * 1.6 times faster with it, and mazowieckie's shortage scenario (314
 * municipalities, §7 on thousands of coalition programs) took 108 s with
 * it against 149–177 s without (same machine and load). The setting holds for the rest of the process.
 */
export async function loadSolver(municipalities = Number.POSITIVE_INFINITY): Promise<Solver> {
  if (municipalities < SMALL_PROBLEMS_BELOW) setFlagsFromString('--liftoff-only');
  return withOwnSimplex(highsSolver(await loadHighs()));
}

/**
 * Rows up to which an open program (re-solved after each change of bounds:
 * branch and bound, the coalitions of §7) goes to our dual simplex
 * (src/engines/dual-simplex.ts) instead of HiGHS. HiGHS spends about
 * 0.17 ms on every re-solve before its first iteration; ours has no such
 * cost, and its dense basis inverse (rows² numbers) stays small up to here.
 * Measured per re-solve on the location games of national and Siedlce
 * groups (16–23 players, 70–103 links): HiGHS 0.32–0.48 ms (0.44–0.84 ms
 * as baseline WebAssembly, below SMALL_PROBLEMS_BELOW), ours 0.04–0.12 ms,
 * every coalition cost equal to 1e-14. Fresh solves stay HiGHS's.
 */
export const OWN_SIMPLEX_ROWS = 2000;
/** Columns up to which it does (a §6 search over thousands of sites stays HiGHS's: 1 → 6 s on ours, measured on mazowieckie). */
export const OWN_SIMPLEX_COLUMNS = 1000;

/** `solver` with open programs of at most OWN_SIMPLEX_ROWS rows and OWN_SIMPLEX_COLUMNS columns on our dual simplex. */
export function withOwnSimplex(solver: Solver): Solver {
  const fits = (program: LinearProgram): boolean => program.numRows <= OWN_SIMPLEX_ROWS && program.numCols <= OWN_SIMPLEX_COLUMNS;
  return { ...solver, open: (program) => (fits(program) ? openDualSimplex(program) : solver.open(program)) };
}
