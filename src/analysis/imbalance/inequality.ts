/**
 * Inequality of coverage between partner municipalities, weighted by demand
 * (METHODS.md §1): Gini coefficient, Theil T index, coefficient of variation
 * and the max/min ratio. Weighting by demand treats every resident in need
 * as one observation carrying their municipality's coverage.
 */
import { weightedMean, weightedStandardDeviation } from 'simple-statistics';

export interface Inequality {
  /** Municipalities with demand > 0 that enter the measures. */
  readonly municipalities: number;
  /** Demand-weighted mean coverage = ΣS/ΣD over them. */
  readonly meanCoverage: number | null;
  readonly gini: number | null;
  readonly theil: number | null;
  readonly cv: number | null;
  /** max κ / min κ; null when min κ = 0. */
  readonly maxMinRatio: number | null;
}

const NONE: Inequality = { municipalities: 0, meanCoverage: null, gini: null, theil: null, cv: null, maxMinRatio: null };

/**
 * Weighted inequality of `values` (coverage) with `weights` (demand); pairs
 * with weight 0 are left out. With fewer than one value all measures are null.
 *
 * Gini  G = Σ_i Σ_j w_i w_j |x_i − x_j| / (2 W² μ)
 * Theil T = (1/W) Σ_i w_i (x_i/μ) ln(x_i/μ), with 0·ln 0 = 0
 * CV      = √(Σ w_i (x_i − μ)² / W) / μ
 * where W = Σ w_i and μ = Σ w_i x_i / W.
 *
 * @example coverageInequality([1, 0.5], [100, 100]) // => gini 1/6, maxMinRatio 2
 */
export function coverageInequality(values: readonly number[], weights: readonly number[]): Inequality {
  if (values.length !== weights.length) throw new RangeError(`coverageInequality: ${values.length} values but ${weights.length} weights`);
  if (weights.some((weight) => !(weight >= 0))) throw new RangeError('coverageInequality: weights must be non-negative numbers');
  const x: number[] = [];
  const w: number[] = [];
  values.forEach((value, k) => {
    if (weights[k] > 0) {
      x.push(value);
      w.push(weights[k]);
    }
  });
  if (x.length === 0) return NONE;
  const total = w.reduce((a, b) => a + b, 0);
  const mean = x.length === 1 ? x[0] : weightedMean(x, w);
  const max = Math.max(...x);
  const min = Math.min(...x);
  if (mean === 0) return { municipalities: x.length, meanCoverage: 0, gini: 0, theil: 0, cv: 0, maxMinRatio: null };
  const pairSum = weightedAbsoluteDifferences(x, w);
  let theil = 0;
  for (let i = 0; i < x.length; i++) if (x[i] > 0) theil += w[i] * (x[i] / mean) * Math.log(x[i] / mean);
  const sd = x.length === 1 ? 0 : weightedStandardDeviation(x, w);
  return {
    municipalities: x.length,
    meanCoverage: mean,
    gini: pairSum / (2 * total * total * mean),
    theil: theil / total,
    cv: sd / mean,
    maxMinRatio: min > 0 ? max / min : null,
  };
}

/**
 * Σ_i Σ_j w_i w_j |x_i − x_j| in O(n log n): in ascending order of x, each
 * value x_k is above every earlier one, so its pairs with them add
 * w_k·(x_k·W_k − S_k), where W_k and S_k are the sums of w and w·x before
 * it; every unordered pair is counted twice in the double sum.
 */
export function weightedAbsoluteDifferences(x: readonly number[], w: readonly number[]): number {
  const order = Array.from(x, (_, k) => k).sort((a, b) => x[a] - x[b] || a - b);
  let below = 0;
  let belowValue = 0;
  let sum = 0;
  for (const k of order) {
    sum += w[k] * (x[k] * below - belowValue);
    below += w[k];
    belowValue += w[k] * x[k];
  }
  return 2 * sum;
}
