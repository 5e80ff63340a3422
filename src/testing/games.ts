/** Test support for the cost-sharing rules (src/analysis/cost-sharing/): games as tables or functions, random subadditive and concave games, the airport game and its closed-form Shapley value. */
import type { CostFunction } from '../analysis/cost-sharing/shapley.js';
import { mulberry32 } from '../engines/random.js';

export const maskOf = (coalition: readonly number[]): number => coalition.reduce((mask, k) => mask | (1 << k), 0);
export const fromTable =
  (table: ArrayLike<number>): CostFunction =>
  (coalition) =>
    table[maskOf(coalition)];
export const sum = (values: ArrayLike<number>): number => Array.from(values).reduce((a, b) => a + b, 0);
/** |a − b| ≤ 1e-9 relative (to the larger of 1 and |b|). */
export const close = (a: number, b: number, relative = 1e-9): boolean => Math.abs(a - b) <= relative * Math.max(1, Math.abs(b));

/**
 * A random subadditive cost game as a table over all 2ⁿ coalitions: random
 * raw costs with economies of scale, then every coalition at most the cost of
 * its cheapest split into two (applied from small coalitions up, so at most
 * its cheapest partition). `symmetric` makes players i and j interchangeable.
 */
export function subadditiveGame(n: number, seed: number, symmetric?: readonly [number, number]): Float64Array {
  const random = mulberry32(seed);
  const weight = Array.from({ length: n }, () => 1 + 9 * random());
  const total = 1 << n;
  const table = new Float64Array(total);
  for (let mask = 1; mask < total; mask++) {
    let base = 0;
    for (let k = 0; k < n; k++) if (mask & (1 << k)) base += weight[k];
    table[mask] = base * (0.4 + 0.8 * random());
  }
  if (symmetric) {
    const [i, j] = symmetric;
    const swap = (mask: number): number => {
      const bi = (mask >> i) & 1;
      const bj = (mask >> j) & 1;
      return (mask & ~((1 << i) | (1 << j))) | (bi << j) | (bj << i);
    };
    for (let mask = 1; mask < total; mask++) table[mask] = Math.min(table[mask], table[swap(mask)]);
  }
  for (let mask = 1; mask < total; mask++) {
    const lowest = mask & -mask;
    for (let part = (mask - 1) & mask; part > 0; part = (part - 1) & mask) {
      if ((part & lowest) === 0) continue;
      table[mask] = Math.min(table[mask], table[part] + table[mask ^ part]);
    }
  }
  return table;
}

/**
 * A random concave (hence subadditive) game for many players, evaluated on
 * demand: c(S) = Σₖ √(Σ_{i∈S} w_ki) + max_{i∈S} a_i.
 */
export function concaveGame(n: number, seed: number): CostFunction {
  const random = mulberry32(seed);
  const weights = Array.from({ length: 3 }, () => Array.from({ length: n }, () => 1 + 20 * random()));
  const runway = Array.from({ length: n }, () => 5 * random());
  return (coalition) => {
    if (coalition.length === 0) return 0;
    let cost = 0;
    for (const w of weights) cost += Math.sqrt(coalition.reduce((s, i) => s + w[i], 0));
    return cost + Math.max(...coalition.map((i) => runway[i]));
  };
}

/** Littlechild & Owen (1973): the airport game c(S) = max_{i∈S} a_i has φ = Σ over the steps up to a_i of step/(players needing it). */
export function airportShapley(a: readonly number[]): number[] {
  const order = a.map((value, i) => ({ value, i })).sort((x, y) => x.value - y.value);
  const phi = new Array<number>(a.length).fill(0);
  let share = 0;
  let previous = 0;
  order.forEach(({ value, i }, rank) => {
    share += (value - previous) / (a.length - rank);
    previous = value;
    phi[i] = share;
  });
  return phi;
}

export const airport =
  (a: readonly number[]): CostFunction =>
  (coalition) =>
    coalition.length === 0 ? 0 : Math.max(...coalition.map((i) => a[i]));
