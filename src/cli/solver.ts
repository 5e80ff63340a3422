/** Loading HiGHS (WebAssembly, asynchronous) for the commands that optimise (§5–§6). */
import loadHighsModule from 'highs';
import { highsSolver, type Solver } from '../analysis/linear-program.js';

// The package's types are CommonJS; at run time the ES module's default export is the loader.
const loadHighs = loadHighsModule as unknown as typeof loadHighsModule.default;

export async function loadSolver(): Promise<Solver> {
  return highsSolver(await loadHighs());
}
