/**
 * Branch and bound over an open LP (docs/methods.md §7): the exact integer
 * optimum of small facility programs, each node a warm-started dual
 * simplex solve from its parent's basis (about 0.1 ms on a partnership's
 * program, where a fresh MILP solve costs 20–100 ms). Depth first, the
 * most fractional integer column branched on, the rounded-up child first;
 * a node is pruned when its relaxation cannot beat the incumbent by more
 * than the relative gap. Within its node limit the result is optimal;
 * beyond it, the incumbent with the best bound left (deterministic: a count
 * of solves, not a time).
 */
import type { OpenProgram } from './linear-program.js';

export interface BranchAndBoundResult {
  /** 'optimal' within the gap; 'limit': the node limit was reached (the incumbent, if any, and the best bound). */
  readonly status: 'optimal' | 'limit' | 'infeasible';
  /** The incumbent's objective (Infinity without one). */
  readonly objective: number;
  readonly values?: Float64Array;
  /** A lower bound on the optimum (when optimal: within the relative gap of the objective). */
  readonly bound: number;
  readonly nodes: number;
}

export interface BranchAndBoundOptions {
  /** LP solves at most (default 2,000). */
  readonly maxNodes?: number;
  /** Relative optimality gap (default 1e-9, as the MILP solver's). */
  readonly relativeGap?: number;
  /** Try the rounded-up root as the first incumbent (default true). */
  readonly roundUp?: boolean;
  /**
   * Before rounding up, round to the nearest (default false): at the root,
   * without an incumbent, fix every fractional integer column to its
   * nearest whole number (all of them up where that leaves no solution) and
   * re-solve; again for those the solve leaves fractional, until none is —
   * an incumbent in a few solves. Rounding every count up opens a facility
   * for each fraction of one the relaxation spreads over many sites.
   */
  readonly roundNearest?: boolean;
  /**
   * Dive from the root for a first incumbent (default false): fix the
   * fractional column nearest a whole number to that number (else to the
   * other side), re-solve, repeat. Worth it when the node limit is small:
   * the incumbent at the limit is then near the optimum.
   */
  readonly dive?: boolean;
  /**
   * At the root, while it is fractional: add rows the solution violates
   * (valid inequalities; true when it added any) and re-solve, at most
   * SEPARATION_ROUNDS times. The rows stay in the program.
   */
  readonly separate?: (values: Float64Array) => boolean;
  /**
   * Improve an incumbent: the whole values (in the order of `integer`) to
   * fix next, from an incumbent's solution — e.g. fewer facilities where the
   * flows leave room. Applied while it changes the values and lowers the cost.
   */
  readonly improve?: (values: Float64Array) => Float64Array;
  /**
   * Rows Σ x[columns] of integer columns (coefficients 1) — e.g. the count
   * of all facilities — whose activity is therefore whole in every
   * solution; their bounds now, restored on return. A node whose activity
   * of such a row is fractional, a, is branched on the row first
   * (≤ ⌊a⌋ | ≥ ⌈a⌉), before any column: where the fixed costs dominate,
   * the relaxation opens a fraction of a facility spread over many sites,
   * which one row branch prices at once and column branches only one site
   * at a time.
   */
  readonly branchRows?: readonly BranchRow[];
}

export interface BranchRow {
  readonly row: number;
  readonly columns: Int32Array;
  readonly lower: number;
  readonly upper: number;
}

/** Rounds of `separate` at the root. */
const SEPARATION_ROUNDS = 5;

/** A value this close to a whole number counts as whole. */
const INTEGRALITY = 1e-6;

/**
 * The least objective over the open program's current bounds with the
 * `integer` columns whole; their bounds are `lower`/`upper` (restored on
 * return). Depth first; at the node limit, the incumbent and the least
 * bound of the nodes left open.
 */
export function branchAndBound(model: OpenProgram, integer: Int32Array, lower: Float64Array, upper: Float64Array, options: BranchAndBoundOptions = {}): BranchAndBoundResult {
  const maxNodes = options.maxNodes ?? 2000;
  const gap = options.relativeGap ?? 1e-9;
  const branchRows = options.branchRows ?? [];
  const rowIndex = Int32Array.from(branchRows, (row) => row.row);
  const rowLower = Float64Array.from(branchRows, (row) => row.lower);
  const rowUpper = Float64Array.from(branchRows, (row) => row.upper);
  let best: { objective: number; values: Float64Array } | undefined;
  let nodes = 0;
  // Open nodes, each with its parent's bound (and the bounds of the branch rows).
  const stack: Node[] = [{ lower: Float64Array.from(lower), upper: Float64Array.from(upper), rowLower, rowUpper, bound: -Infinity }];
  // The least bound of the nodes pruned within the gap (below the incumbent): the optimum is at least this.
  let pruned = Infinity;
  const prune = (objective: number): boolean => {
    if (best === undefined || objective < best.objective - gap * Math.max(1, Math.abs(best.objective))) return false;
    if (objective < best.objective) pruned = Math.min(pruned, objective);
    return true;
  };
  // An incumbent (whole values `fixed`) improved by `options.improve` while that changes the values and lowers the cost.
  const improved = (incumbent: { objective: number; values: Float64Array }, fixed: Float64Array): { objective: number; values: Float64Array } => {
    let current = incumbent;
    for (let round = 0; options.improve && round < 10; round++) {
      const next = options.improve(current.values);
      if (next.every((value, k) => value === fixed[k])) break;
      model.setColumnBounds(integer, next, next);
      const solved = model.solve();
      nodes++;
      if (solved.status !== 'optimal' || solved.objective >= current.objective) break;
      current = { objective: solved.objective, values: Float64Array.from(solved.values) };
      fixed = next;
    }
    return current;
  };
  const stopped = (bound: number): BranchAndBoundResult => ({
    status: 'limit',
    objective: best?.objective ?? Infinity,
    ...(best ? { values: best.values } : {}),
    bound: Math.min(bound, best?.objective ?? Infinity, ...stack.map((node) => node.bound)),
    nodes,
  });
  try {
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (prune(node.bound)) continue;
      if (nodes >= maxNodes) return stopped(node.bound);
      model.setColumnBounds(integer, node.lower, node.upper);
      if (rowIndex.length > 0) model.setRowBounds(rowIndex, node.rowLower, node.rowUpper);
      let result = model.solve();
      nodes++;
      const atRoot = nodes === 1;
      let branch = result.status === 'optimal' ? mostFractional(result.values, integer) : -1;
      for (let round = 0; atRoot && options.separate && branch >= 0 && round < SEPARATION_ROUNDS && options.separate(result.values); round++) {
        result = model.solve();
        nodes++;
        branch = result.status === 'optimal' ? mostFractional(result.values, integer) : -1;
      }
      if (result.status === 'infeasible') continue;
      if (result.status !== 'optimal') return stopped(node.bound);
      if (prune(result.objective)) continue;
      if (branch < 0) {
        best = { objective: result.objective, values: Float64Array.from(result.values) };
        continue;
      }
      if (atRoot && options.dive) {
        const found = dive(model, integer, node.lower, node.upper, { objective: result.objective, values: Float64Array.from(result.values) });
        nodes += found.solves;
        if (found.objective < (best?.objective ?? Infinity)) best = { objective: found.objective, values: found.values! };
        if (prune(result.objective)) continue;
      }
      if (atRoot && best === undefined && options.roundNearest) {
        const found = roundNearest(model, integer, node.lower, node.upper, result.values);
        nodes += found.solves;
        if (found.values)
          best = improved(
            { objective: found.objective, values: found.values },
            Float64Array.from(integer, (column) => Math.round(found.values![column])),
          );
        if (prune(result.objective)) continue;
      }
      // At the root, an incumbent at once: every fractional column rounded up (for a facility program,
      // more facilities than the relaxation opens — feasible whenever the relaxation is).
      if (atRoot && best === undefined && options.roundUp !== false) {
        const ceiling = Float64Array.from(integer, (column, k) => Math.min(node.upper[k], Math.ceil(result.values[column] - INTEGRALITY)));
        model.setColumnBounds(integer, ceiling, ceiling);
        const rounded = model.solve();
        nodes++;
        if (rounded.status === 'optimal') best = improved({ objective: rounded.objective, values: Float64Array.from(rounded.values) }, ceiling);
        if (prune(result.objective)) continue;
      }
      // Depth first, the rounded-up child first: opening a facility more tends to be feasible at once.
      const row = fractionalRow(result.values, branchRows);
      if (row >= 0) {
        const activity = rowActivity(result.values, branchRows[row].columns);
        const down = { ...node, rowUpper: Float64Array.from(node.rowUpper), bound: result.objective };
        down.rowUpper[row] = Math.floor(activity);
        const up = { ...node, rowLower: Float64Array.from(node.rowLower), bound: result.objective };
        up.rowLower[row] = Math.ceil(activity);
        stack.push(up, down);
        continue;
      }
      const value = result.values[integer[branch]];
      const down = { ...node, upper: Float64Array.from(node.upper), bound: result.objective };
      down.upper[branch] = Math.floor(value);
      const up = { ...node, lower: Float64Array.from(node.lower), bound: result.objective };
      up.lower[branch] = Math.ceil(value);
      stack.push(down, up);
    }
  } finally {
    model.setColumnBounds(integer, lower, upper);
    if (rowIndex.length > 0) model.setRowBounds(rowIndex, rowLower, rowUpper);
  }
  return best
    ? { status: 'optimal', objective: best.objective, values: best.values, bound: Math.min(best.objective, pruned), nodes }
    : { status: 'infeasible', objective: Infinity, bound: Infinity, nodes };
}

/** An open node: bounds of the integer columns and of the branch rows, and its parent's objective. */
interface Node {
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  readonly rowLower: Float64Array;
  readonly rowUpper: Float64Array;
  readonly bound: number;
}

function rowActivity(values: Float64Array, columns: Int32Array): number {
  let sum = 0;
  for (let k = 0; k < columns.length; k++) sum += values[columns[k]];
  return sum;
}

/** The first branch row whose activity is fractional (−1 when none is). */
function fractionalRow(values: Float64Array, rows: readonly BranchRow[]): number {
  for (let r = 0; r < rows.length; r++) {
    const activity = rowActivity(values, rows[r].columns);
    if (Math.abs(activity - Math.round(activity)) > INTEGRALITY) return r;
  }
  return -1;
}

/** The integer column farthest from a whole number (−1 when all are whole). */
function mostFractional(values: Float64Array, integer: Int32Array): number {
  let branch = -1;
  let distance = INTEGRALITY;
  for (let k = 0; k < integer.length; k++) {
    const away = Math.abs(values[integer[k]] - Math.round(values[integer[k]]));
    if (away > distance) {
      distance = away;
      branch = k;
    }
  }
  return branch;
}

/** Rounds of `roundNearest` at most (each one or two solves). */
const ROUNDING_ROUNDS = 50;

/**
 * Rounding to the nearest from a node's solution (BranchAndBoundOptions.roundNearest):
 * the fractional integer columns fixed to their nearest whole numbers — all
 * of this round's up where that leaves no solution — and re-solved, until
 * every integer column is whole (an incumbent) or ROUNDING_ROUNDS rounds.
 */
function roundNearest(model: OpenProgram, integer: Int32Array, lower: Float64Array, upper: Float64Array, start: Float64Array): { objective: number; values?: Float64Array; solves: number } {
  const low = Float64Array.from(lower);
  const high = Float64Array.from(upper);
  let values = start;
  let objective = Infinity;
  let solves = 0;
  let upOnly = false;
  for (let round = 0; round <= ROUNDING_ROUNDS; round++) {
    const picks: number[] = [];
    for (let k = 0; k < integer.length; k++) if (low[k] < high[k] && Math.abs(values[integer[k]] - Math.round(values[integer[k]])) > INTEGRALITY) picks.push(k);
    if (picks.length === 0) return round === 0 ? { objective: Infinity, solves } : { objective, values, solves };
    if (round === ROUNDING_ROUNDS) break;
    const fix = (chosen: readonly number[], whole: (value: number) => number) => {
      for (const k of picks) {
        low[k] = lower[k];
        high[k] = upper[k];
      }
      for (const k of chosen) low[k] = high[k] = Math.min(upper[k], Math.max(lower[k], whole(values[integer[k]])));
      model.setColumnBounds(integer, low, high);
      solves++;
      return model.solve();
    };
    // Once rounding down has left too little room, only the columns rounding up are fixed, the others solved
    // again; where none rounds up, the largest tenth of the fractions is rounded up.
    const fraction = (k: number): number => values[integer[k]] - Math.floor(values[integer[k]]);
    const halfUp = picks.filter((k) => fraction(k) >= 0.5);
    const up = halfUp.length > 0 ? halfUp : [...picks].sort((a, b) => fraction(b) - fraction(a) || a - b).slice(0, Math.ceil(picks.length / 10));
    const ceiling = (value: number): number => Math.ceil(value - INTEGRALITY);
    let solved = upOnly ? fix(up, ceiling) : fix(picks, Math.round);
    if (solved.status !== 'optimal' && !upOnly) {
      upOnly = true;
      // (When every fraction rounds up, that was this solve already.)
      if (up.length < picks.length) solved = fix(up, ceiling);
    }
    if (solved.status !== 'optimal' && up.length < picks.length) solved = fix(picks, ceiling);
    if (solved.status !== 'optimal') break;
    values = Float64Array.from(solved.values);
    objective = solved.objective;
  }
  return { objective: Infinity, solves };
}

/**
 * A diving heuristic from a node's solution: fix the fractional integer
 * column nearest a whole number to it (the other side when that is
 * infeasible), re-solve, until every integer column is whole (an incumbent)
 * or both sides fail. At most two solves per integer column.
 */
function dive(
  model: OpenProgram,
  integer: Int32Array,
  lower: Float64Array,
  upper: Float64Array,
  start: { objective: number; values: Float64Array },
): { objective: number; values?: Float64Array; solves: number } {
  const low = Float64Array.from(lower);
  const high = Float64Array.from(upper);
  let current = start;
  let solves = 0;
  for (let step = 0; step <= integer.length; step++) {
    let pick = -1;
    let nearest = 1;
    for (let k = 0; k < integer.length; k++) {
      const away = Math.abs(current.values[integer[k]] - Math.round(current.values[integer[k]]));
      if (away > INTEGRALITY && away < nearest) {
        nearest = away;
        pick = k;
      }
    }
    if (pick < 0) return { objective: current.objective, values: current.values, solves };
    const value = current.values[integer[pick]];
    const first = Math.round(value);
    let next: { objective: number; values: Float64Array } | undefined;
    for (const target of [first, first > value ? Math.floor(value) : Math.ceil(value)]) {
      if (target < lower[pick] || target > upper[pick]) continue;
      low[pick] = high[pick] = target;
      model.setColumnBounds(integer, low, high);
      const result = model.solve();
      solves++;
      if (result.status === 'optimal') {
        next = { objective: result.objective, values: Float64Array.from(result.values) };
        break;
      }
    }
    if (!next) return { objective: Infinity, solves };
    current = next;
  }
  return { objective: Infinity, solves };
}
