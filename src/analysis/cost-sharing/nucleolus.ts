/**
 * The nucleolus of a cost game (Schmeidler 1969): among imputations
 * (x_i ≤ c({i}), Σ x_i = c(N)) the one that lexicographically minimises the
 * excesses e(S, x) = x(S) − c(S), largest first — what a group pays above
 * going alone. Sequential linear programs (Maschler, Peleg & Shapley 1979)
 * on one open program (LevelPrograms, below: warm-started level to level,
 * coalitions by row generation above ALL_ROWS_UP_TO players):
 *
 *   minimise t  s.t.  x(S) − c(S) ≤ t  for every S still free,
 *                     x(S) − c(S) = t_S for S fixed earlier,
 *                     x_i ≤ c({i}),  Σ x_i = c(N).
 *
 * A free coalition whose row has a nonzero dual is tight at every optimum
 * (complementary slackness), so it is fixed at t. The duals of the free
 * rows add up to 1 (t's cost): each program fixes at least one coalition.
 * Coalitions whose x(S) the fixed ones already determine (their indicator
 * lies in the span) leave the program, so each program adds a dimension:
 * at most n − 1 programs. The next program's t is the same level again
 * (more coalitions tight at every optimum) or a lower one. It ends when the
 * fixed coalitions determine x. Costs are scaled to at most 1 for the
 * solver and scaled back.
 *
 * Until December 2026 each level also solved a "maximise total slack" LP
 * over every free coalition and tested the tight ones one by one: on the
 * national shortage scenario's 22 games of 9–12 players that took 5–15 ×
 * longer (2.8 s against 0.27 s on one 12-player game), and on one game it
 * found no coalition to fix and gave no nucleolus, where this finds the
 * one scipy's reference finds (nucleolus.test.ts).
 *
 * Each level was a fresh HiGHS solve over every free coalition until then
 * too: nationally 768 solves, 870 ms of CPU, now 205 ms.
 *
 * Every one of the 2ⁿ − 2 proper coalitions is checked at each level, so
 * the nucleolus is computed up to NUCLEOLUS_PLAYERS players and reported
 * as not computed above that.
 */
import { INFINITY, RowBuilder, type OpenProgram, type Solver } from '../../engines/linear-program.js';
import type { CostFunction } from './shapley.js';

export const NUCLEOLUS_PLAYERS = 12;

/** Tolerance of "tight" and "in the span", on costs scaled to at most 1. */
const TOLERANCE = 1e-9;

export interface NucleolusResult {
  readonly value: Float64Array;
  /** Level programs solved (at most n − 1). */
  readonly programs: number;
  /** LP solves over them (row generation re-solves a level). */
  readonly solves: number;
}

/**
 * The nucleolus, or undefined when there are more than NUCLEOLUS_PLAYERS
 * players or the game has no imputation (Σ c({i}) < c(N)).
 */
export function nucleolus(n: number, cost: CostFunction, solver: Solver): NucleolusResult | undefined {
  if (n === 0 || n > NUCLEOLUS_PLAYERS) return undefined;
  const full = (1 << n) - 1;
  // Each coalition's players, listed once (the level programs list them again at every level).
  const members: number[][] = [];
  for (let mask = 0; mask <= full; mask++) {
    const list: number[] = [];
    for (let i = 0; i < n; i++) if (mask & (1 << i)) list.push(i);
    members.push(list);
  }
  const raw = new Float64Array(full + 1);
  for (let mask = 1; mask <= full; mask++) raw[mask] = cost(members[mask]);
  const scale = Math.max(1, ...Array.from(raw, Math.abs));
  const c = Float64Array.from(raw, (value) => value / scale);
  const singles = Array.from({ length: n }, (_, i) => c[1 << i]);
  if (singles.reduce((a, b) => a + b, 0) < c[full] - TOLERANCE) return undefined;
  if (n === 1) return { value: Float64Array.of(raw[full]), programs: 0, solves: 0 };
  // Two players: each pays its own cost less half the saving (the excesses of {1} and {2} equal), in closed form.
  if (n === 2) {
    const first = (raw[1] - raw[2] + raw[3]) / 2;
    return { value: Float64Array.of(first, raw[3] - first), programs: 0, solves: 0 };
  }
  const span = new Span(n);
  span.add(full);
  let free = Array.from({ length: full - 1 }, (_, k) => k + 1);
  const levels = new LevelPrograms(n, c, members, solver);
  let programs = 0;
  try {
    let x: Float64Array = new Float64Array(n);
    while (!span.complete()) {
      // The least largest excess t of the free coalitions; a coalition whose row has a positive dual is tight
      // at every optimum (complementary slackness), so it is fixed at t. The duals of the free rows add up
      // to 1 (t's cost), so each program fixes at least one coalition outside the span of the fixed ones.
      const level = levels.solve(free);
      programs++;
      if (!level) return undefined;
      x = level.x;
      let progress = false;
      for (const [mask, dual] of level.duals) {
        if (Math.abs(dual) <= TOLERANCE || span.contains(mask)) continue;
        levels.fix(mask, level.t);
        span.add(mask);
        progress = true;
      }
      if (!progress) return undefined;
      const left: number[] = [];
      for (const mask of free) {
        if (levels.isFixed(mask)) continue;
        if (span.contains(mask)) levels.drop(mask);
        else left.push(mask);
      }
      free = left;
    }
    return { value: Float64Array.from(x, (value) => value * scale), programs, solves: levels.solves };
  } finally {
    levels.dispose();
  }
}

/** Coalitions up to this many players enter every level program in full; above, by row generation. */
const ALL_ROWS_UP_TO = 6;
/** Most violated coalitions added per round of row generation. */
const ADDED_PER_ROUND = 32;

/**
 * The level programs on one open program (warm-started from level to
 * level). Variables x_0 … x_{n−1} and t; rows: x(N) = c(N), x(S) − t ≤ c(S)
 * for free coalitions in the working set, x(S) = c(S) + t_S for fixed ones
 * (a fixed or dropped coalition's free row is made free of bounds). Above
 * ALL_ROWS_UP_TO players the working set starts with the singletons and
 * the complements of singletons and grows by the most violated free
 * coalitions until none is violated: the optimum of the full program, and
 * its duals (a coalition outside the working set has dual 0, a feasible
 * choice). Each x_i lies in [c(N) − Σ_{j≠i} c({j}), c({i})] (the lower bound
 * is implied), t above a bound no excess reaches: the slack basis is then
 * dual feasible (costs ≥ 0, lower bounds finite).
 */
class LevelPrograms {
  solves = 0;
  private readonly model: OpenProgram;
  private readonly rowOf = new Map<number, number>();
  private readonly fixedAt = new Map<number, number>();
  private rows = 1;
  private readonly sums: Float64Array;

  constructor(
    private readonly n: number,
    private readonly c: Float64Array,
    private readonly members: readonly (readonly number[])[],
    solver: Solver,
  ) {
    const full = (1 << n) - 1;
    const rows = new RowBuilder();
    rows.add(members[full], new Array<number>(n).fill(1), c[full], c[full]);
    const singles = Array.from({ length: n }, (_, i) => c[1 << i]);
    const total = singles.reduce((a, b) => a + b, 0);
    const colLower = Float64Array.from({ length: n + 1 }, (_, i) => (i < n ? c[full] - (total - singles[i]) : -(n * n + n + 2) * Math.max(1, total)));
    const colUpper = Float64Array.from({ length: n + 1 }, (_, i) => (i < n ? singles[i] : INFINITY));
    const colCost = new Float64Array(n + 1);
    colCost[n] = 1;
    this.model = solver.open({ numCols: n + 1, ...rows.build(), colCost, colLower, colUpper });
    this.sums = new Float64Array(full + 1);
    const start = n <= ALL_ROWS_UP_TO ? Array.from({ length: full - 1 }, (_, k) => k + 1) : [...Array.from({ length: n }, (_, i) => 1 << i), ...Array.from({ length: n }, (_, i) => full ^ (1 << i))];
    this.addFree(start);
  }

  isFixed(mask: number): boolean {
    return this.fixedAt.has(mask);
  }

  /** The level's optimum over every coalition in `free`: t, x and the duals of the free rows in the working set. */
  solve(free: readonly number[]): { t: number; x: Float64Array; duals: [number, number][] } | undefined {
    const n = this.n;
    for (;;) {
      const solved = this.model.solve();
      this.solves++;
      if (solved.status !== 'optimal') return undefined;
      const x = solved.values.slice(0, n);
      const t = solved.values[n];
      // x(S) of every coalition from its lowest player and the rest.
      for (let mask = 1; mask < this.sums.length; mask++) this.sums[mask] = this.sums[mask & (mask - 1)] + x[31 - Math.clz32(mask & -mask)];
      const violated = free.filter((mask) => !this.rowOf.has(mask) && this.sums[mask] - t - this.c[mask] > TOLERANCE);
      if (violated.length === 0) {
        const { rowDual } = this.model.duals();
        return { t, x, duals: free.filter((mask) => this.rowOf.has(mask)).map((mask) => [mask, rowDual[this.rowOf.get(mask)!]]) };
      }
      violated.sort((a, b) => this.sums[b] - this.c[b] - (this.sums[a] - this.c[a]) || a - b);
      this.addFree(violated.slice(0, ADDED_PER_ROUND));
    }
  }

  /** Coalition `mask` fixed at excess t: x(S) = c(S) + t, its free row released. */
  fix(mask: number, t: number): void {
    this.fixedAt.set(mask, t);
    const s = this.members[mask];
    this.append([s], [new Array<number>(s.length).fill(1)], [this.c[mask] + t], [this.c[mask] + t]);
    this.drop(mask);
  }

  /** Coalition `mask` leaves the program (fixed, or in the span of the fixed ones). */
  drop(mask: number): void {
    const row = this.rowOf.get(mask);
    if (row === undefined) return;
    this.model.setRowBounds(Int32Array.of(row), Float64Array.of(-INFINITY), Float64Array.of(INFINITY));
    this.rowOf.delete(mask);
  }

  dispose(): void {
    this.model.dispose();
  }

  private addFree(masks: readonly number[]): void {
    const n = this.n;
    masks.forEach((mask, k) => this.rowOf.set(mask, this.rows + k));
    this.append(
      masks.map((mask) => [...this.members[mask], n]),
      masks.map((mask) => [...new Array<number>(this.members[mask].length).fill(1), -1]),
      masks.map(() => -INFINITY),
      masks.map((mask) => this.c[mask]),
    );
  }

  private append(columns: readonly (readonly number[])[], values: readonly (readonly number[])[], lower: readonly number[], upper: readonly number[]): void {
    const starts = new Int32Array(columns.length + 1);
    columns.forEach((list, k) => (starts[k + 1] = starts[k] + list.length));
    this.model.addRows(Float64Array.from(lower), Float64Array.from(upper), starts, Int32Array.from(columns.flat()), Float64Array.from(values.flat()));
    this.rows += columns.length;
  }
}

/** The span of coalition indicator vectors fixed so far (row echelon form, exact enough for 0/1 rows). */
class Span {
  private readonly basis: { pivot: number; row: Float64Array }[] = [];

  constructor(private readonly n: number) {
    this.scratch = new Float64Array(n);
  }

  /** A scratch row: `reduce` writes into it (`add` copies what it keeps). */
  private readonly scratch: Float64Array;

  private reduce(mask: number): Float64Array {
    const row = this.scratch;
    for (let i = 0; i < this.n; i++) row[i] = (mask >> i) & 1 ? 1 : 0;
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
    const row = this.reduce(mask);
    for (let i = 0; i < this.n; i++) if (Math.abs(row[i]) > TOLERANCE) return false;
    return true;
  }

  complete(): boolean {
    return this.basis.length === this.n;
  }
}
