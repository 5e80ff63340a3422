/**
 * Separable costs – remaining benefits (SCRB; James & Lee 1971, as used for
 * water projects by the Tennessee Valley Authority and in Young, Okada &
 * Hashimoto 1982): each player pays its separable cost
 * s_i = c(N) − c(N∖{i}), and the non-separable rest K = c(N) − Σ s_j is
 * shared in proportion to the remaining benefits r_i = c({i}) − s_i.
 *
 * A negative remaining benefit (the player's separable cost exceeds its
 * stand-alone cost — the game is not in a shape any rule can please) counts
 * as zero: that player pays its separable cost and no part of K (and the
 * core check reports it above its stand-alone cost); one within rounding of
 * zero (1e-9 of c({i})) is zero, not negative. When no remaining
 * benefit is positive, K is shared equally. Only c(N), c(N∖{i}) and c({i})
 * are needed: 2n + 1 coalitions.
 */
import type { CostFunction } from './shapley.js';

export interface ScrbResult {
  readonly value: Float64Array;
  readonly separable: Float64Array;
  /** c({i}) − s_i as computed (before negatives count as zero). */
  readonly remaining: Float64Array;
  /** K = c(N) − Σ s_i. */
  readonly nonSeparable: number;
  /** Players whose remaining benefit was negative (counted as zero). */
  readonly negative: readonly number[];
}

/** A remaining benefit this far below zero, relative to c({i}), is rounding, not a negative benefit. */
const NEGLIGIBLE = 1e-9;

export function scrb(n: number, cost: CostFunction): ScrbResult {
  const all = Array.from({ length: n }, (_, i) => i);
  const grand = cost(all);
  const separable = Float64Array.from(all, (i) => grand - cost(all.filter((k) => k !== i)));
  const remaining = Float64Array.from(all, (i) => cost([i]) - separable[i]);
  const nonSeparable = grand - separable.reduce((a, b) => a + b, 0);
  const weight = Array.from(remaining, (r) => Math.max(0, r));
  const total = weight.reduce((a, b) => a + b, 0);
  const value = Float64Array.from(all, (i) => separable[i] + (total > 0 ? (nonSeparable * weight[i]) / total : nonSeparable / n));
  // Negative beyond rounding: a player whose c(N) = c(N∖{i}) + c({i}) has r_i = 0, which sums of costs
  // computed in floating point may miss by a few units in the last place.
  return { value, separable, remaining, nonSeparable, negative: all.filter((i) => remaining[i] < -NEGLIGIBLE * Math.max(1, Math.abs(cost([i])))) };
}
