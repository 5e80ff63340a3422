/** Loading HiGHS (WebAssembly, asynchronous) for the commands that optimise (§5–§7), with our dual simplex for small open programs. */
import { setFlagsFromString } from 'node:v8';
import loadHighsModule from 'highs';
import { openDualSimplex } from '../engines/dual-simplex.js';
import { highsSolver, type LinearProgram, type Solver } from '../engines/linear-program.js';
import type { Dataset } from '../model/types.js';

// The package's types are CommonJS; at run time the ES module's default export is the loader.
const loadHighs = loadHighsModule as unknown as typeof loadHighsModule.default;

/** Municipalities below which the optimisation problems are partnership- or voivodeship-sized (see loadSolver). */
export const SMALL_PROBLEMS_BELOW = 1000;

/**
 * HiGHS, for problems over `municipalities` municipalities. V8 runs
 * WebAssembly first as quickly compiled baseline code and recompiles the
 * busiest functions with its optimising compiler as they run. Where HiGHS
 * solves no large program, that second compilation of the 3.5 MB HiGHS
 * module costs more than it ever saves — on this 2-core machine it also
 * takes a core from the analysis — so below SMALL_PROBLEMS_BELOW
 * municipalities V8 is told to keep the baseline code. Measured in process
 * (docs/performance.md, "WebAssembly tiers"), optimising compiler against
 * baseline only: the sample 0.95 against 0.48 s; the shortage scenarios'
 * mazowieckie (314 municipalities) 3.51–3.67 against 3.26–3.32 s; three
 * voivodeships (645) 3.29–3.33 against 3.06–3.12 s; eight (1,307) 5.89–6.10
 * against 5.79–6.20 s, even; the whole country (2,477; a 19,800-column §6
 * program) 10.9–11.3 against 11.7–12.2 s. (With HiGHS re-solving every §7
 * coalition, before our dual simplex did, the optimising compiler paid from
 * 100 municipalities on.) HiGHS's large programs are §6's, over the demand
 * that sharing leaves unmet: with `shortage` false (no service short of
 * places overall, see placesShort) the baseline code is kept at any size —
 * `data/poland`, whose every resident finds a place, 3.65–3.79 against
 * 3.47–3.54 s end to end (four alternating runs). The setting holds for the
 * rest of the process.
 */
export async function loadSolver(municipalities = Number.POSITIVE_INFINITY, shortage = true): Promise<Solver> {
  setFlagsFromString(municipalities < SMALL_PROBLEMS_BELOW || !shortage ? '--liftoff-only' : `--wasm-tiering-budget=${WASM_TIERING_BUDGET}`);
  return withOwnSimplex(highsSolver(await loadHighs()));
}

/** HiGHS for analysing `dataset`: loadSolver for its size and for whether its services are short of places. */
export function loadSolverFor(dataset: Dataset): Promise<Solver> {
  return loadSolver(dataset.municipalities.length, placesShort(dataset));
}

/**
 * Where the optimising compiler is kept, it recompiles a HiGHS function
 * once that function has run about this much code (V8's default is
 * 1,800,000): ten times the default leaves the lukewarm ones as baseline
 * code and compiles the hot ones all the same. The national shortage
 * scenario end to end, five alternating runs: 4.75–4.86 s against
 * 4.86–4.99 s with the default, 0.15 s less CPU; 40 and 100 million gave
 * the same as 18 (docs/performance.md, "The seventh session").
 */
export const WASM_TIERING_BUDGET = 18_000_000;

/**
 * Whether some service's partners need more places than they have between
 * them: then sharing (§5) leaves demand unmet whatever the distances, and
 * §6 plans for it. Otherwise unmet demand after sharing is only where
 * places are out of reach, and §6's programs are small.
 */
export function placesShort(dataset: Dataset): boolean {
  return dataset.services.some((_, s) => {
    let short = 0;
    dataset.municipalities.forEach((municipality, i) => {
      if (municipality.partner) short += dataset.demand[s][i] - dataset.supply[s][i];
    });
    return short > 0;
  });
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
