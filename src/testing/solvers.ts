/**
 * The two solvers tests compare: HiGHS alone (every program a HiGHS model),
 * and the command line's, with open programs of a partnership's size on our
 * dual simplex (src/cli/solver.ts `withOwnSimplex`). Every test file that
 * solves loads them from here, once (in its `beforeAll`, or at the top).
 */
import loadHighsModule from 'highs';
import { withOwnSimplex } from '../cli/solver.js';
import { highsSolver, type Solver } from '../engines/linear-program.js';

// The package's types are CommonJS; at run time the ES module's default export is the loader (as in src/cli/solver.ts).
const loadHighs = loadHighsModule as unknown as typeof loadHighsModule.default;

export async function testSolvers(): Promise<{ readonly highs: Solver; readonly own: Solver }> {
  const highs = highsSolver(await loadHighs());
  return { highs, own: withOwnSimplex(highs) };
}
