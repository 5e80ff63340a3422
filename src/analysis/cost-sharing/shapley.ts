/**
 * Cost allocation in a cooperative game (METHODS.md §7): the Shapley value
 * (Shapley 1953) — exact over all coalitions for up to 12 players, by
 * seeded Monte-Carlo sampling of permutations above that, with standard
 * errors — proportional rules, and the core check (Young, Okada & Hashimoto
 * 1982). Players are 0…n−1; a coalition is a sorted list of players.
 */
import type { Random } from '../../engines/random.js';

/** c(T) for a coalition T (sorted players). Must satisfy c(∅) = 0. */
export type CostFunction = (coalition: readonly number[]) => number;

export const EXACT_PLAYERS = 12;

export interface ShapleyResult {
  readonly value: Float64Array;
  /** Standard error per player (0 when exact). */
  readonly standardError: Float64Array;
  readonly exact: boolean;
  /** Permutations sampled (Monte-Carlo only). */
  readonly permutations: number;
}

/** c(T) cached by coalition, so every coalition is solved once. */
export function cachedCost(cost: CostFunction): CostFunction & { readonly evaluations: () => number; readonly coalitions: () => number[][] } {
  const cache = new Map<number | string, number>();
  const wrapped = (coalition: readonly number[]): number => {
    if (coalition.length === 0) return 0;
    // Players below 31: the coalition's bitmask (no string to build), else its list.
    let key: number | string = 0;
    for (const i of coalition) {
      if (i > 30) {
        key = coalition.join(',');
        break;
      }
      key |= 1 << i;
    }
    let value = cache.get(key);
    if (value === undefined) {
      value = cost(coalition);
      cache.set(key, value);
    }
    return value;
  };
  // The coalitions costed so far, in the order they were first costed.
  const coalitions = (): number[][] => Array.from(cache.keys(), (key) => (typeof key === 'number' ? membersOf(key, 31) : key.split(',').map(Number)));
  return Object.assign(wrapped, { evaluations: () => cache.size, coalitions });
}

function membersOf(mask: number, n: number): number[] {
  const members: number[] = [];
  for (let i = 0; i < n; i++) if (mask & (1 << i)) members.push(i);
  return members;
}

/**
 * φ_i = Σ_{T ⊆ N∖{i}} |T|!(n−|T|−1)!/n! · (c(T∪{i}) − c(T)), over all 2ⁿ
 * coalitions (each cost evaluated once).
 */
export function exactShapley(n: number, cost: CostFunction, onProgress?: (done: number, total: number) => void): ShapleyResult {
  if (n > 20) throw new RangeError(`exactShapley: ${n} players is too many for exact enumeration`);
  const total = 1 << n;
  const costs = new Float64Array(total);
  for (let mask = 1; mask < total; mask++) {
    costs[mask] = cost(membersOf(mask, n));
    if (onProgress && (mask & 63) === 0) onProgress(mask, total - 1);
  }
  const factorial = [1];
  for (let k = 1; k <= n; k++) factorial.push(factorial[k - 1] * k);
  const value = new Float64Array(n);
  for (let mask = 0; mask < total; mask++) {
    let size = 0;
    for (let m = mask; m; m &= m - 1) size++;
    const weight = (factorial[size] * factorial[n - size - 1]) / factorial[n];
    for (let i = 0; i < n; i++) {
      if (mask & (1 << i)) continue;
      value[i] += weight * (costs[mask | (1 << i)] - costs[mask]);
    }
  }
  return { value, standardError: new Float64Array(n), exact: true, permutations: 0 };
}

/**
 * Monte-Carlo Shapley: the mean marginal cost of each player over `samples`
 * random permutations (Castro, Gómez & Tejada 2009), with its standard error.
 * Shares sum to c(N) exactly, as every permutation's marginals do.
 */
export function sampledShapley(n: number, cost: CostFunction, random: Random, samples: number, onProgress?: (done: number, total: number) => void): ShapleyResult {
  const sum = new Float64Array(n);
  const squares = new Float64Array(n);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let s = 0; s < samples; s++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    const members: number[] = [];
    let previous = 0;
    for (const player of order) {
      insertSorted(members, player);
      const current = cost(members);
      const marginal = current - previous;
      sum[player] += marginal;
      squares[player] += marginal * marginal;
      previous = current;
    }
    onProgress?.(s + 1, samples);
  }
  return { ...sampleMean(sum, squares, samples), exact: false, permutations: samples };
}

function insertSorted(list: number[], value: number): void {
  let at = list.length;
  while (at > 0 && list[at - 1] > value) at--;
  list.splice(at, 0, value);
}

/** Exact up to EXACT_PLAYERS players, else sampled. */
export function shapley(n: number, cost: CostFunction, random: Random, samples: number, onProgress?: (done: number, total: number) => void): ShapleyResult {
  return n <= EXACT_PLAYERS ? exactShapley(n, cost, onProgress) : sampledShapley(n, cost, random, samples, onProgress);
}

/** Shares of `total` in proportion to `weights` (equal shares when all weights are 0). */
export function proportional(total: number, weights: readonly number[]): Float64Array {
  const sum = weights.reduce((a, b) => a + b, 0);
  return Float64Array.from(weights, (weight) => (sum > 0 ? (total * weight) / sum : total / weights.length));
}

/** Above this many players the partial core check leaves out pairs. */
export const PAIR_CHECK_PLAYERS = 200;

export interface CoreViolation {
  readonly coalition: readonly number[];
  /** Σ_{i∈T} share_i − c(T) > 0: what T pays above going alone. */
  readonly excess: number;
}

export interface CoreCheck {
  /** Every coalition was checked (exact); else the listed kinds only. */
  readonly complete: boolean;
  readonly checked: number;
  readonly violations: readonly CoreViolation[];
}

/**
 * Coalitions T with Σ_{i∈T} share_i > c(T): all of them for up to
 * EXACT_PLAYERS players; above that the singletons, complements N∖{i} and,
 * up to PAIR_CHECK_PLAYERS players, pairs (a partial check, reported as
 * such). Tolerance: 1e-6 relative.
 */
export function coreCheck(n: number, shares: ArrayLike<number>, cost: CostFunction): CoreCheck {
  const violations: CoreViolation[] = [];
  let checked = 0;
  const test = (coalition: number[]): void => {
    checked++;
    const paid = coalition.reduce((sum, i) => sum + shares[i], 0);
    const alone = cost(coalition);
    if (paid - alone > 1e-6 * Math.max(1, Math.abs(alone))) violations.push({ coalition, excess: paid - alone });
  };
  if (n <= EXACT_PLAYERS) {
    for (let mask = 1; mask < (1 << n) - 1; mask++) test(membersOf(mask, n));
    return { complete: true, checked, violations: violations.sort((a, b) => b.excess - a.excess) };
  }
  for (let i = 0; i < n; i++) test([i]);
  if (n <= PAIR_CHECK_PLAYERS) for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) test([i, j]);
  for (let i = 0; i < n; i++) test(Array.from({ length: n }, (_, k) => k).filter((k) => k !== i));
  return { complete: false, checked, violations: violations.sort((a, b) => b.excess - a.excess) };
}

/**
 * Monte-Carlo Shapley with antithetic pairs: each random permutation is
 * followed by its reverse, and the pair's mean marginal is one sample
 * (variance reduction: a player early in one order is late in the other).
 * `pairs` pairs, 2·pairs·n marginal costs; standard errors over the pairs.
 * Shares sum to c(N) exactly.
 */
export function antitheticShapley(n: number, cost: CostFunction, random: Random, pairs: number, onProgress?: (done: number, total: number) => void): ShapleyResult {
  const sum = new Float64Array(n);
  const squares = new Float64Array(n);
  const pair = new Float64Array(n);
  const order = Array.from({ length: n }, (_, i) => i);
  const walk = (sequence: readonly number[]): void => {
    const members: number[] = [];
    let previous = 0;
    for (const player of sequence) {
      insertSorted(members, player);
      const current = cost(members);
      pair[player] += (current - previous) / 2;
      previous = current;
    }
  };
  for (let s = 0; s < pairs; s++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    pair.fill(0);
    walk(order);
    walk([...order].reverse());
    for (let i = 0; i < n; i++) {
      sum[i] += pair[i];
      squares[i] += pair[i] * pair[i];
    }
    onProgress?.(s + 1, pairs);
  }
  return { ...sampleMean(sum, squares, pairs), exact: false, permutations: 2 * pairs };
}

/**
 * A partial core check for a large game: the singletons, the complements
 * N∖{i} and every other coalition in `known` (coalitions whose costs are
 * known already: those a sampled Shapley value evaluated — prefixes of
 * random orders, so of every size — at no further cost). Tolerance as
 * `coreCheck`.
 */
export function sampledCoreCheck(n: number, shares: ArrayLike<number>, cost: CostFunction, known: readonly (readonly number[])[]): CoreCheck {
  const violations: CoreViolation[] = [];
  let checked = 0;
  const test = (coalition: readonly number[]): void => {
    checked++;
    const paid = coalition.reduce((sum, i) => sum + shares[i], 0);
    const alone = cost(coalition);
    if (paid - alone > 1e-6 * Math.max(1, Math.abs(alone))) violations.push({ coalition, excess: paid - alone });
  };
  const everyone = Array.from({ length: n }, (_, k) => k);
  for (let i = 0; i < n; i++) test([i]);
  for (let i = 0; i < n; i++) test(everyone.filter((k) => k !== i));
  for (const coalition of known) if (coalition.length >= 2 && coalition.length <= n - 2) test(coalition);
  return { complete: false, checked, violations: violations.sort((a, b) => b.excess - a.excess) };
}

/** Means of `count` samples from their sums and sums of squares, and the standard errors of those means. */
function sampleMean(sum: Float64Array, squares: Float64Array, count: number): { value: Float64Array; standardError: Float64Array } {
  const value = Float64Array.from(sum, (total) => total / count);
  const standardError = Float64Array.from(squares, (square, i) => {
    if (count < 2) return 0;
    const variance = Math.max(0, (square - (sum[i] * sum[i]) / count) / (count - 1));
    return Math.sqrt(variance / count);
  });
  return { value, standardError };
}
