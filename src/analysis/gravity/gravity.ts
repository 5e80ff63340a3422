/**
 * Production-constrained gravity model (METHODS.md §4; Fotheringham &
 * O'Kelly 1989): T_ij = O_i · W_j^α f(d_ij) / Σ_k W_k^α f(d_ik), with
 * f(d) = exp(−β d) or d^(−β).
 *
 * Calibration is Poisson maximum likelihood with origin fixed effects — the
 * estimator of a Poisson GLM with origin dummies, ln W_j and d_ij (or ln d_ij)
 * as covariates (Flowerdew & Aitkin 1982). The fixed effects have a closed
 * form given (α, β) — they make fitted row sums equal observed ones — so
 * Newton–Raphson runs on the 2-parameter profile likelihood. Its Hessian is
 * the Schur complement of the fixed-effect block of the full Fisher
 * information, i.e. the within-origin weighted covariance of the covariates,
 * which also gives the GLM's standard errors. No design matrix is ever
 * built: each iteration is one pass over the pairs.
 */
import { gammaln } from 'simple-statistics';

export type DecayForm = 'exp' | 'pow';

/**
 * Observation pairs grouped by origin: pairs `start[g] … start[g+1]-1`
 * belong to origin group g (`origin[g]` is its municipality index).
 */
export interface GravityPairs {
  readonly start: Int32Array;
  readonly origin: Int32Array;
  readonly destination: Int32Array;
  /** ln W_j of each pair's destination. */
  readonly logMass: Float64Array;
  /** d_ij in km. */
  readonly km: Float64Array;
}

export interface GravityFit {
  readonly form: DecayForm;
  readonly alpha: number;
  readonly beta: number;
  readonly alphaSE: number | null;
  readonly betaSE: number | null;
  /** α was not identifiable (no variation of W within origins) and was fixed at 1. */
  readonly alphaFixed: boolean;
  readonly pairs: number;
  readonly origins: number;
  readonly iterations: number;
  readonly converged: boolean;
  readonly logLikelihood: number;
  readonly deviance: number;
  /** Deviance of the intercept-only Poisson model, as a GLM reports it. */
  readonly nullDeviance: number;
  /** 1 − deviance / null deviance. */
  readonly pseudoR2: number;
  /** Standardised root mean square error: √(Σ(F−T)²/N) / (ΣF/N). */
  readonly srmse: number;
  /** Sørensen similarity index (common part of flows): 2 Σ min(F, T) / (ΣF + ΣT). */
  readonly sorensen: number;
  readonly meanTripObserved: number;
  readonly meanTripModelled: number;
  /** Fitted flows of the observation pairs. */
  readonly fitted: Float64Array;
}

export interface CalibrationOptions {
  readonly maxIterations?: number;
  /** Stop when the Newton step is below this, relative to the parameters. */
  readonly tolerance?: number;
}

/** The covariate of distance: d (exp) or ln d (pow). */
function costOf(form: DecayForm, km: number): number {
  return form === 'exp' ? km : Math.log(km);
}

/** Score (gradient) and profile information of θ = (a, b), filled by `evaluate`. */
interface Derivatives {
  ga: number;
  gb: number;
  maa: number;
  mab: number;
  mbb: number;
}

/**
 * Fitted flows μ for θ = (a, b) with η = a·lnW + b·cost, each origin's total
 * set to `totals[g]`, written to `out`. Returns the profile log-likelihood
 * (without ln y!) of `flows` when given; fills `derivatives` when given —
 * in the same pass over each origin's pairs, while they are in cache.
 */
function evaluate(pairs: GravityPairs, cost: Float64Array, a: number, b: number, totals: Float64Array, out: Float64Array, flows?: Float64Array, derivatives?: Derivatives): number {
  let logLikelihood = 0;
  const groups = pairs.start.length - 1;
  const logMass = pairs.logMass;
  if (derivatives) derivatives.ga = derivatives.gb = derivatives.maa = derivatives.mab = derivatives.mbb = 0;
  for (let g = 0; g < groups; g++) {
    const from = pairs.start[g];
    const to = pairs.start[g + 1];
    let top = -Infinity;
    for (let k = from; k < to; k++) {
      const eta = a * logMass[k] + b * cost[k];
      out[k] = eta;
      if (eta > top) top = eta;
    }
    let sum = 0;
    for (let k = from; k < to; k++) {
      const e = Math.exp(out[k] - top);
      out[k] = e;
      sum += e;
    }
    const total = totals[g];
    const scale = total / sum;
    const logScale = Math.log(scale);
    let meanA = 0;
    let meanB = 0;
    for (let k = from; k < to; k++) {
      const mu = out[k] * scale;
      if (flows) {
        const y = flows[k];
        if (y > 0) logLikelihood += y * (Math.log(out[k]) + logScale);
        if (derivatives) {
          const residual = y - mu;
          derivatives.ga += residual * logMass[k];
          derivatives.gb += residual * cost[k];
        }
      }
      meanA += mu * logMass[k];
      meanB += mu * cost[k];
      out[k] = mu;
    }
    logLikelihood -= total;
    if (!derivatives || !(total > 0)) continue;
    meanA /= total;
    meanB /= total;
    // Within-origin weighted covariance: the Schur complement of the fixed effects.
    let maa = 0;
    let mab = 0;
    let mbb = 0;
    for (let k = from; k < to; k++) {
      const da = logMass[k] - meanA;
      const db = cost[k] - meanB;
      const mu = out[k];
      maa += mu * da * da;
      mab += mu * da * db;
      mbb += mu * db * db;
    }
    derivatives.maa += maa;
    derivatives.mab += mab;
    derivatives.mbb += mbb;
  }
  return logLikelihood;
}

/** Calibrate α and β by Poisson maximum likelihood on observed `flows` of `pairs`. */
export function calibrateGravity(pairs: GravityPairs, flows: Float64Array, form: DecayForm, options: CalibrationOptions = {}): GravityFit {
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-12;
  const n = flows.length;
  const groups = pairs.start.length - 1;
  const cost = new Float64Array(n);
  for (let k = 0; k < n; k++) cost[k] = costOf(form, pairs.km[k]);
  const totals = new Float64Array(groups);
  for (let g = 0; g < groups; g++) for (let k = pairs.start[g]; k < pairs.start[g + 1]; k++) totals[g] += flows[k];
  let mu = new Float64Array(n);
  let trial = new Float64Array(n);
  let a = 0;
  let b = 0;
  let alphaFixed = false;
  const here: Derivatives = { ga: 0, gb: 0, maa: 0, mab: 0, mbb: 0 };
  const there: Derivatives = { ga: 0, gb: 0, maa: 0, mab: 0, mbb: 0 };
  let logLikelihood = evaluate(pairs, cost, a, b, totals, mu, flows, here);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    const determinant = here.maa * here.mbb - here.mab * here.mab;
    let da: number;
    let db: number;
    if (!alphaFixed && here.maa > 0 && determinant > 1e-12 * here.maa * here.mbb) {
      da = (here.mbb * here.ga - here.mab * here.gb) / determinant;
      db = (here.maa * here.gb - here.mab * here.ga) / determinant;
    } else {
      // ln W does not vary within origins: α cannot be estimated; fix it at 1.
      if (!alphaFixed) {
        alphaFixed = true;
        a = 1;
        logLikelihood = evaluate(pairs, cost, a, b, totals, mu, flows, here);
        continue;
      }
      if (!(here.mbb > 0)) break;
      da = 0;
      db = here.gb / here.mbb;
    }
    let step = 1;
    let next = evaluate(pairs, cost, a + da, b + db, totals, trial, flows, there);
    while (next < logLikelihood - 1e-12 * Math.abs(logLikelihood) && step > 1e-10) {
      step /= 2;
      next = evaluate(pairs, cost, a + step * da, b + step * db, totals, trial, flows, there);
    }
    a += step * da;
    b += step * db;
    [mu, trial] = [trial, mu];
    Object.assign(here, there);
    logLikelihood = next;
    if (Math.abs(step * da) <= tolerance * Math.max(1, Math.abs(a)) && Math.abs(step * db) <= tolerance * Math.max(1, Math.abs(b))) {
      converged = true;
      break;
    }
  }
  // Standard errors from the information at the estimate (computed with it).
  const determinant = here.maa * here.mbb - here.mab * here.mab;
  const alphaSE = alphaFixed || !(determinant > 0) ? null : Math.sqrt(here.mbb / determinant);
  const betaSE = alphaFixed ? (here.mbb > 0 ? Math.sqrt(1 / here.mbb) : null) : determinant > 0 ? Math.sqrt(here.maa / determinant) : null;
  return { form, alpha: a, beta: -b, alphaSE, betaSE, alphaFixed, pairs: n, origins: groups, iterations, converged, ...goodnessOfFit(flows, mu, pairs.km), fitted: mu };
}

/** Fit statistics of fitted flows `mu` against observed `flows` (METHODS.md §4). */
export function goodnessOfFit(
  flows: Float64Array,
  mu: Float64Array,
  km: Float64Array,
): Pick<GravityFit, 'logLikelihood' | 'deviance' | 'nullDeviance' | 'pseudoR2' | 'srmse' | 'sorensen' | 'meanTripObserved' | 'meanTripModelled'> {
  const n = flows.length;
  let totalObserved = 0;
  let totalModelled = 0;
  for (let k = 0; k < n; k++) {
    totalObserved += flows[k];
    totalModelled += mu[k];
  }
  const mean = totalObserved / n;
  let logLikelihood = 0;
  let deviance = 0;
  let nullDeviance = 0;
  let squares = 0;
  let common = 0;
  let tripObserved = 0;
  let tripModelled = 0;
  for (let k = 0; k < n; k++) {
    const y = flows[k];
    const m = mu[k];
    logLikelihood += (y > 0 ? y * Math.log(m) - gammaln(y + 1) : 0) - m;
    deviance += 2 * ((y > 0 ? y * Math.log(y / m) : 0) - (y - m));
    nullDeviance += 2 * ((y > 0 ? y * Math.log(y / mean) : 0) - (y - mean));
    squares += (y - m) * (y - m);
    common += Math.min(y, m);
    tripObserved += y * km[k];
    tripModelled += m * km[k];
  }
  return {
    logLikelihood,
    deviance,
    nullDeviance,
    pseudoR2: nullDeviance > 0 ? 1 - deviance / nullDeviance : 0,
    srmse: mean > 0 ? Math.sqrt(squares / n) / mean : 0,
    sorensen: totalObserved + totalModelled > 0 ? (2 * common) / (totalObserved + totalModelled) : 0,
    meanTripObserved: totalObserved > 0 ? tripObserved / totalObserved : 0,
    meanTripModelled: totalModelled > 0 ? tripModelled / totalModelled : 0,
  };
}

/**
 * Modelled flows T for given α, β and origin totals `totals[g]` (O_i) over
 * `pairs`: each origin's total spread over its pairs in proportion to
 * W_j^α f(d_ij). Row sums equal O_i.
 */
export function gravityFlows(pairs: GravityPairs, form: DecayForm, alpha: number, beta: number, totals: Float64Array): Float64Array {
  const cost = new Float64Array(pairs.km.length);
  for (let k = 0; k < cost.length; k++) cost[k] = costOf(form, pairs.km[k]);
  const out = new Float64Array(cost.length);
  evaluate(pairs, cost, alpha, -beta, totals, out);
  return out;
}
