/**
 * The nucleolus of a cost game (Schmeidler 1969): among imputations
 * (x_i ≤ c({i}), Σ x_i = c(N)) the one that lexicographically minimises the
 * excesses e(S, x) = x(S) − c(S), largest first — what a group pays above
 * going alone. Sequential linear programs (Maschler, Peleg & Shapley 1979),
 * each solved with HiGHS:
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
 * All 2ⁿ − 2 proper coalitions enter each program, so the nucleolus is
 * computed up to NUCLEOLUS_PLAYERS players and reported as not computed
 * above that.
 */
import { INFINITY, RowBuilder, type Solver } from '../../engines/linear-program.js';
import type { CostFunction } from './shapley.js';

export const NUCLEOLUS_PLAYERS = 12;

/** Tolerance of "tight" and "in the span", on costs scaled to at most 1. */
const TOLERANCE = 1e-9;

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
  if (n === 1) return { value: Float64Array.of(raw[full]), programs: 0 };
  const fixed = new Map<number, number>();
  const span = new Span(n);
  span.add(full);
  let free = Array.from({ length: full - 1 }, (_, k) => k + 1);
  let programs = 0;
  let x = new Float64Array(n);
  while (!span.complete()) {
    // The least largest excess t of the free coalitions; a coalition whose row has a positive dual is tight
    // at every optimum (complementary slackness), so it is fixed at t. The duals of the free rows add up
    // to 1 (t's cost), so each program fixes at least one coalition outside the span of the fixed ones.
    const level = program(n, c, fixed, free, members);
    // Without presolve (measured on the national scenario's 768 level LPs, two runs each: 1.11–1.24 → 0.71–0.78 s;
    // the shares equal to the last digit or two, the sample's the same bytes).
    const solved = solver.solve(level.lp, { presolve: false });
    programs++;
    if (solved.status !== 'optimal' || !solved.rowDual) return undefined;
    const t = solved.values[n];
    x = solved.values.slice(0, n);
    const firstFree = 1 + fixed.size;
    let progress = false;
    free.forEach((mask, k) => {
      if (Math.abs(solved.rowDual![firstFree + k]) <= TOLERANCE || span.contains(mask)) return;
      fixed.set(mask, t);
      span.add(mask);
      progress = true;
    });
    if (!progress) return undefined;
    free = free.filter((mask) => !fixed.has(mask) && !span.contains(mask));
  }
  return { value: Float64Array.from(x, (value) => value * scale), programs };
}

/** Variables x_0 … x_{n−1} and t; rows: the grand coalition, the fixed coalitions, then the free ones in order. */
function program(n: number, c: Float64Array, fixed: ReadonlyMap<number, number>, free: readonly number[], members: readonly (readonly number[])[]): { lp: Parameters<Solver['solve']>[0] } {
  const full = (1 << n) - 1;
  const rows = new RowBuilder();
  const players = (mask: number): readonly number[] => members[mask];
  const ones = (count: number): number[] => new Array<number>(count).fill(1);
  rows.add(players(full), ones(n), c[full], c[full]);
  for (const [mask, t] of fixed) {
    const s = players(mask);
    rows.add(s, ones(s.length), c[mask] + t, c[mask] + t);
  }
  for (const mask of free) {
    const s = players(mask);
    rows.add([...s, n], [...ones(s.length), -1], -INFINITY, c[mask]);
  }
  const colLower = new Float64Array(n + 1).fill(-INFINITY);
  const colUpper = new Float64Array(n + 1).fill(INFINITY);
  for (let i = 0; i < n; i++) colUpper[i] = c[1 << i];
  const colCost = new Float64Array(n + 1);
  colCost[n] = 1;
  return { lp: { numCols: n + 1, ...rows.build(), colCost, colLower, colUpper } };
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
