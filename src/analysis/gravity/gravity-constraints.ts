/**
 * The other two members of Wilson's (1971) family of spatial interaction
 * models, calibrated like the production-constrained one (gravity.ts) by
 * Poisson maximum likelihood (Flowerdew & Aitkin 1982; Fotheringham &
 * O'Kelly 1989, ch. 2; docs/methods.md §4):
 *
 * - attraction-constrained: T_ij = D_j · V_i^α f(d_ij) / Σ_k V_k^α f(d_kj),
 *   the Poisson GLM with destination fixed effects, ln V_i and the cost —
 *   the production-constrained estimator with the roles of the ends swapped;
 * - doubly constrained: T_ij = A_i O_i B_j D_j f(d_ij), the Poisson GLM with
 *   origin and destination fixed effects and the cost. Given β the fixed
 *   effects are the balancing factors (iterative proportional fitting);
 *   Newton–Raphson runs on the profile likelihood of β, whose information
 *   is Σ μ r² with r the cost less its μ-weighted projection on both sets
 *   of fixed effects (alternating projections) — the GLM's standard error.
 */
import { calibrateGravity, goodnessOfFit, type DecayForm, type GravityFit, type GravityPairs } from './gravity.js';

export type Constraint = 'production' | 'attraction' | 'doubly';

export const CONSTRAINTS: readonly Constraint[] = ['production', 'attraction', 'doubly'];

/** Inner iterations of the balancing and projections at most, and their tolerance. */
const INNER = { iterations: 10_000, tolerance: 1e-14 } as const;

/**
 * Attraction-constrained calibration: `pairs` grouped by origin, with
 * `logOriginMass(i)` = ln V_i. The pairs are regrouped by destination and
 * calibrated with destination fixed effects.
 */
export function calibrateAttraction(pairs: GravityPairs, flows: Float64Array, form: DecayForm, logOriginMass: (origin: number) => number): GravityFit {
  const n = flows.length;
  const originOf = new Int32Array(n);
  for (let g = 0; g + 1 < pairs.start.length; g++) originOf.fill(pairs.origin[g], pairs.start[g], pairs.start[g + 1]);
  const order = Array.from({ length: n }, (_, k) => k).sort((a, b) => pairs.destination[a] - pairs.destination[b] || originOf[a] - originOf[b]);
  const start: number[] = [0];
  const groups: number[] = [];
  const keep: number[] = [];
  for (let at = 0; at < n; ) {
    const j = pairs.destination[order[at]];
    let end = at;
    let sum = 0;
    while (end < n && pairs.destination[order[end]] === j) sum += flows[order[end++]];
    // A destination nobody reached has no finite fixed effect: left out, as a GLM would have to.
    if (sum > 0) {
      for (let p = at; p < end; p++) keep.push(order[p]);
      groups.push(j);
      start.push(keep.length);
    }
    at = end;
  }
  const regrouped: GravityPairs = {
    start: Int32Array.from(start),
    origin: Int32Array.from(groups),
    destination: Int32Array.from(keep, (k) => originOf[k]),
    logMass: Float64Array.from(keep, (k) => logOriginMass(originOf[k])),
    km: Float64Array.from(keep, (k) => pairs.km[k]),
  };
  return calibrateGravity(
    regrouped,
    Float64Array.from(keep, (k) => flows[k]),
    form,
  );
}

/** Doubly constrained calibration of β on `pairs` (grouped by origin) and observed `flows`. */
export function calibrateDoubly(pairs: GravityPairs, flows: Float64Array, form: DecayForm, options: { maxIterations?: number; tolerance?: number } = {}): GravityFit {
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-12;
  const kept = positiveMargins(pairs, flows);
  const { rowOf, columnOf, rows, columns, y, km } = kept;
  const n = y.length;
  const cost = Float64Array.from(km, (d) => (form === 'exp' ? d : Math.log(d)));
  const rowTotal = new Float64Array(rows);
  const columnTotal = new Float64Array(columns);
  for (let k = 0; k < n; k++) {
    rowTotal[rowOf[k]] += y[k];
    columnTotal[columnOf[k]] += y[k];
  }
  let b = 0;
  let mu = balanced(b, cost, rowOf, columnOf, rowTotal, columnTotal);
  let logLikelihood = profile(y, mu);
  let iterations = 0;
  let converged = false;
  let information = 0;
  while (iterations < maxIterations) {
    iterations++;
    let score = 0;
    for (let k = 0; k < n; k++) score += (y[k] - mu[k]) * cost[k];
    information = projectedInformation(mu, cost, rowOf, columnOf, rows, columns);
    if (!(information > 0)) break;
    const step = score / information;
    let scale = 1;
    let trial = balanced(b + step, cost, rowOf, columnOf, rowTotal, columnTotal);
    let next = profile(y, trial);
    while (next < logLikelihood - 1e-12 * Math.abs(logLikelihood) && scale > 1e-10) {
      scale /= 2;
      trial = balanced(b + scale * step, cost, rowOf, columnOf, rowTotal, columnTotal);
      next = profile(y, trial);
    }
    b += scale * step;
    mu = trial;
    logLikelihood = next;
    if (Math.abs(scale * step) <= tolerance * Math.max(1, Math.abs(b))) {
      converged = true;
      information = projectedInformation(mu, cost, rowOf, columnOf, rows, columns);
      break;
    }
  }
  return {
    form,
    alpha: Number.NaN,
    beta: -b,
    alphaSE: null,
    betaSE: information > 0 ? Math.sqrt(1 / information) : null,
    alphaFixed: false,
    pairs: n,
    origins: rows,
    iterations,
    converged,
    ...goodnessOfFit(y, mu, km),
    fitted: mu,
  };
}

/** The pairs whose origin and destination both have observed flows (repeatedly, as dropping one can empty another). */
function positiveMargins(pairs: GravityPairs, flows: Float64Array): { rowOf: Int32Array; columnOf: Int32Array; rows: number; columns: number; y: Float64Array; km: Float64Array } {
  const originOf = new Int32Array(flows.length);
  for (let g = 0; g + 1 < pairs.start.length; g++) originOf.fill(pairs.origin[g], pairs.start[g], pairs.start[g + 1]);
  let keep = Array.from({ length: flows.length }, (_, k) => k);
  for (;;) {
    const rowSum = new Map<number, number>();
    const columnSum = new Map<number, number>();
    for (const k of keep) {
      rowSum.set(originOf[k], (rowSum.get(originOf[k]) ?? 0) + flows[k]);
      columnSum.set(pairs.destination[k], (columnSum.get(pairs.destination[k]) ?? 0) + flows[k]);
    }
    const next = keep.filter((k) => (rowSum.get(originOf[k]) ?? 0) > 0 && (columnSum.get(pairs.destination[k]) ?? 0) > 0);
    if (next.length === keep.length) break;
    keep = next;
  }
  const rowIndex = new Map<number, number>();
  const columnIndex = new Map<number, number>();
  for (const k of keep) {
    if (!rowIndex.has(originOf[k])) rowIndex.set(originOf[k], rowIndex.size);
    if (!columnIndex.has(pairs.destination[k])) columnIndex.set(pairs.destination[k], columnIndex.size);
  }
  return {
    rowOf: Int32Array.from(keep, (k) => rowIndex.get(originOf[k]) ?? 0),
    columnOf: Int32Array.from(keep, (k) => columnIndex.get(pairs.destination[k]) ?? 0),
    rows: rowIndex.size,
    columns: columnIndex.size,
    y: Float64Array.from(keep, (k) => flows[k]),
    km: Float64Array.from(keep, (k) => pairs.km[k]),
  };
}

/** μ = A_i B_j exp(b·c) with both margins equal to the observed ones (iterative proportional fitting). */
function balanced(b: number, cost: Float64Array, rowOf: Int32Array, columnOf: Int32Array, rowTotal: Float64Array, columnTotal: Float64Array): Float64Array {
  const n = cost.length;
  let top = -Infinity;
  for (let k = 0; k < n; k++) top = Math.max(top, b * cost[k]);
  const kernel = Float64Array.from(cost, (c) => Math.exp(b * c - top));
  const a = new Float64Array(rowTotal.length).fill(1);
  const bb = new Float64Array(columnTotal.length).fill(1);
  const sum = new Float64Array(Math.max(rowTotal.length, columnTotal.length));
  for (let iteration = 0; iteration < INNER.iterations; iteration++) {
    sum.fill(0);
    for (let k = 0; k < n; k++) sum[rowOf[k]] += kernel[k] * bb[columnOf[k]];
    for (let i = 0; i < rowTotal.length; i++) a[i] = rowTotal[i] / sum[i];
    sum.fill(0);
    for (let k = 0; k < n; k++) sum[columnOf[k]] += kernel[k] * a[rowOf[k]];
    let worst = 0;
    for (let j = 0; j < columnTotal.length; j++) {
      const next = columnTotal[j] / sum[j];
      worst = Math.max(worst, Math.abs(next / bb[j] - 1));
      bb[j] = next;
    }
    if (worst <= INNER.tolerance) break;
  }
  return Float64Array.from(kernel, (value, k) => value * a[rowOf[k]] * bb[columnOf[k]]);
}

/** Σ y ln μ − μ: the log-likelihood without ln y! (the part that varies with β). */
function profile(y: Float64Array, mu: Float64Array): number {
  let total = 0;
  for (let k = 0; k < y.length; k++) total += (y[k] > 0 ? y[k] * Math.log(mu[k]) : 0) - mu[k];
  return total;
}

/** Σ μ r², r = the cost less its μ-weighted projection on the row and column fixed effects. */
function projectedInformation(mu: Float64Array, cost: Float64Array, rowOf: Int32Array, columnOf: Int32Array, rows: number, columns: number): number {
  const n = cost.length;
  const r = Float64Array.from(cost);
  const weight = new Float64Array(Math.max(rows, columns));
  const mean = new Float64Array(Math.max(rows, columns));
  const sweep = (of: Int32Array, count: number): number => {
    weight.fill(0, 0, count);
    mean.fill(0, 0, count);
    for (let k = 0; k < n; k++) {
      weight[of[k]] += mu[k];
      mean[of[k]] += mu[k] * r[k];
    }
    let change = 0;
    for (let g = 0; g < count; g++) {
      mean[g] = weight[g] > 0 ? mean[g] / weight[g] : 0;
      change = Math.max(change, Math.abs(mean[g]));
    }
    for (let k = 0; k < n; k++) r[k] -= mean[of[k]];
    return change;
  };
  let scale = 0;
  for (let k = 0; k < n; k++) scale = Math.max(scale, Math.abs(cost[k]));
  for (let iteration = 0; iteration < INNER.iterations; iteration++) {
    const change = sweep(rowOf, rows) + sweep(columnOf, columns);
    if (change <= INNER.tolerance * Math.max(1, scale)) break;
  }
  let information = 0;
  for (let k = 0; k < n; k++) information += mu[k] * r[k] * r[k];
  return information;
}
