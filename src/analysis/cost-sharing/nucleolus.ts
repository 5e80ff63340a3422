/**
 * The nucleolus of a cost game (Schmeidler 1969): among imputations
 * (x_i ≤ c({i}), Σ x_i = c(N)) the one that lexicographically minimises the
 * excesses e(S, x) = x(S) − c(S), largest first — what a group pays above
 * going alone. Sequential linear programs (Maschler, Peleg & Shapley 1979),
 * each solved with HiGHS:
 *
 *   level k:  minimise t  s.t.  x(S) − c(S) ≤ t  for every S still free,
 *             x(S) − c(S) = t_j for S fixed at an earlier level j,
 *             x_i ≤ c({i}),  Σ x_i = c(N);
 *
 * then, at t = t_k, which free coalitions are tight at every optimum: one
 * LP maximises Σ σ_S (0 ≤ σ_S ≤ 1) with x(S) − c(S) + σ_S ≤ t_k, and every
 * coalition it loosens (σ_S > 0) is not fixed; each one left at σ_S = 0 is
 * then tested on its own (maximise its σ_S alone) and fixed at t_k when
 * even that leaves it tight — unless the coalitions fixed so far already
 * determine x(S) (it is then tight at every optimum, no test needed; so a
 * game with little synergy, where most coalitions tie, needs about n tests
 * per level, not 2ⁿ). Coalitions whose x(S) the fixed ones already determine (their indicator lies in the
 * span) leave the program. It ends when the fixed coalitions determine x.
 * Costs are scaled to at most 1 for the solver and scaled back.
 *
 * All 2ⁿ − 2 proper coalitions enter each program, so the nucleolus is
 * computed up to NUCLEOLUS_PLAYERS players and reported as not computed
 * above that.
 */
import { INFINITY, RowBuilder, type OpenProgram, type Solver } from '../../engines/linear-program.js';
import type { CostFunction } from './shapley.js';

export const NUCLEOLUS_PLAYERS = 12;

/** Tolerance of "tight" and "in the span", on costs scaled to at most 1. */
const TOLERANCE = 1e-9;

/** A slack at least this large (scaled costs) loosens a coalition. */
const LOOSE = 1e-7;

export interface NucleolusResult {
  readonly value: Float64Array;
  /** Linear programs solved. */
  readonly programs: number;
}

/**
 * The nucleolus, or undefined when there are more than NUCLEOLUS_PLAYERS
 * players or the game has no imputation (Σ c({i}) < c(N)).
 */
export function nucleolus(n: number, cost: CostFunction, solver: Solver): NucleolusResult | undefined {
  if (n === 0 || n > NUCLEOLUS_PLAYERS) return undefined;
  const full = (1 << n) - 1;
  const members = (mask: number): number[] => Array.from({ length: n }, (_, i) => i).filter((i) => mask & (1 << i));
  const raw = new Float64Array(full + 1);
  for (let mask = 1; mask <= full; mask++) raw[mask] = cost(members(mask));
  const scale = Math.max(1, ...Array.from(raw, Math.abs));
  const c = Float64Array.from(raw, (value) => value / scale);
  const singles = Array.from({ length: n }, (_, i) => c[1 << i]);
  if (singles.reduce((a, b) => a + b, 0) < c[full] - TOLERANCE) return undefined;
  if (n === 1) return { value: Float64Array.of(raw[full]), programs: 0 };
  const fixed = new Map<number, number>();
  const span = new Span(n);
  span.add(full);
  let free = Array.from({ length: full - 1 }, (_, k) => k + 1);
  let programs = 0;
  let x = new Float64Array(n);
  while (!span.complete()) {
    // Level k: the least largest excess of the free coalitions.
    const level = program(n, c, fixed, free, undefined);
    const first = solver.solve(level.lp);
    programs++;
    if (first.status !== 'optimal') return undefined;
    const t = first.values[n];
    // Which free coalitions stay tight at every optimum.
    const second = program(n, c, fixed, free, t);
    const slack = solver.solve(second.lp);
    programs++;
    if (slack.status !== 'optimal') return undefined;
    x = slack.values.slice(0, n);
    let progress = false;
    // The tests share the slack LP but for the objective: one open program, each test a change of two costs
    // re-solved from the last basis (measured: nationally 3,866 fresh LPs of up to 4,094 rows took 18.6 s).
    let tests: OpenProgram | undefined;
    let testing = -1;
    try {
      for (let k = 0; k < free.length; k++) {
        if (slack.values[n + k] >= LOOSE) continue;
        // Tight here and determined by coalitions already fixed: its excess is t at every optimum.
        if (span.contains(free[k])) continue;
        if (!tests) {
          tests = solver.open({ ...second.lp, colCost: new Float64Array(second.lp.numCols) });
        }
        const columns = testing < 0 ? Int32Array.of(n + k) : Int32Array.of(testing, n + k);
        tests.setColumnCosts(columns, testing < 0 ? Float64Array.of(1) : Float64Array.of(0, 1));
        testing = n + k;
        const single = tests.solve();
        programs++;
        if (single.status !== 'optimal') return undefined;
        if (single.values[n + k] >= LOOSE) continue;
        fixed.set(free[k], t);
        span.add(free[k]);
        progress = true;
      }
    } finally {
      tests?.dispose();
    }
    if (!progress) return undefined;
    free = free.filter((mask) => !fixed.has(mask) && !span.contains(mask));
  }
  return { value: Float64Array.from(x, (value) => value * scale), programs };
}

/**
 * Variables x_0 … x_{n−1}, then t (level LP) or σ per free coalition (slack
 * LP at t = `level`).
 */
function program(n: number, c: Float64Array, fixed: ReadonlyMap<number, number>, free: readonly number[], level: number | undefined): { lp: Parameters<Solver['solve']>[0] } {
  const full = (1 << n) - 1;
  const rows = new RowBuilder();
  const players = (mask: number): number[] => Array.from({ length: n }, (_, i) => i).filter((i) => mask & (1 << i));
  const ones = (count: number): number[] => new Array<number>(count).fill(1);
  const all = players(full);
  rows.add(all, ones(n), c[full], c[full]);
  for (const [mask, t] of fixed) {
    const s = players(mask);
    rows.add(s, ones(s.length), c[mask] + t, c[mask] + t);
  }
  const columns = n + (level === undefined ? 1 : free.length);
  free.forEach((mask, k) => {
    const s = players(mask);
    if (level === undefined) rows.add([...s, n], [...ones(s.length), -1], -INFINITY, c[mask]);
    else rows.add([...s, n + k], [...ones(s.length + 1)], -INFINITY, c[mask] + level);
  });
  const colLower = new Float64Array(columns).fill(-INFINITY);
  const colUpper = new Float64Array(columns).fill(INFINITY);
  for (let i = 0; i < n; i++) colUpper[i] = c[1 << i];
  const colCost = new Float64Array(columns);
  if (level === undefined) colCost[n] = 1;
  else
    for (let k = n; k < columns; k++) {
      colLower[k] = 0;
      colUpper[k] = 1;
      colCost[k] = 1;
    }
  return { lp: { numCols: columns, ...rows.build(), maximize: level !== undefined, colCost, colLower, colUpper } };
}

/** The span of coalition indicator vectors fixed so far (row echelon form, exact enough for 0/1 rows). */
class Span {
  private readonly basis: { pivot: number; row: Float64Array }[] = [];

  constructor(private readonly n: number) {}

  private reduce(mask: number): Float64Array {
    const row = Float64Array.from({ length: this.n }, (_, i) => ((mask >> i) & 1 ? 1 : 0));
    for (const { pivot, row: b } of this.basis) {
      const factor = row[pivot];
      if (factor !== 0) for (let i = 0; i < this.n; i++) row[i] -= factor * b[i];
    }
    return row;
  }

  add(mask: number): void {
    const row = this.reduce(mask);
    const pivot = row.findIndex((value) => Math.abs(value) > TOLERANCE);
    if (pivot < 0) return;
    const scaled = Float64Array.from(row, (value) => value / row[pivot]);
    for (const entry of this.basis) {
      const factor = entry.row[pivot];
      if (factor !== 0) for (let i = 0; i < this.n; i++) entry.row[i] -= factor * scaled[i];
    }
    this.basis.push({ pivot, row: scaled });
  }

  contains(mask: number): boolean {
    return this.reduce(mask).every((value) => Math.abs(value) <= TOLERANCE);
  }

  complete(): boolean {
    return this.basis.length === this.n;
  }
}
