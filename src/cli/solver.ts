/** Loading HiGHS (WebAssembly, asynchronous) for the commands that optimise (§5–§6). */
import { setFlagsFromString } from 'node:v8';
import loadHighsModule from 'highs';
import { highsSolver, type Solver } from '../engines/linear-program.js';

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
  return highsSolver(await loadHighs());
}
