/**
 * Gravity calibration against statsmodels (issue 4, acceptance 1 and 3):
 * real 2023 migration flows among the gminy of kujawsko-pomorskie,
 * fixtures/gravity/migration-kujawsko-pomorskie/ (reference.py → expected.json).
 * Tolerance: 1e-6 relative for α, β and their standard errors.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { calibrateGravity, gravityFlows, type GravityPairs } from './gravity.js';

const folder = 'fixtures/gravity/migration-kujawsko-pomorskie';

interface Reference {
  readonly alpha: number;
  readonly alpha_se: number;
  readonly beta: number;
  readonly beta_se: number;
  readonly log_likelihood: number;
  readonly deviance: number;
  readonly null_deviance: number;
}

function readPairs(): { pairs: GravityPairs; flows: Float64Array } {
  const lines = readFileSync(`${folder}/pairs.csv`, 'utf8').trim().split('\n').slice(1);
  const origins: string[] = [];
  const start: number[] = [0];
  const destination: number[] = [];
  const logMass: number[] = [];
  const km: number[] = [];
  const flows: number[] = [];
  lines.forEach((line, k) => {
    const [origin, , flow, population, distance] = line.split(',');
    if (origins[origins.length - 1] !== origin) {
      if (k > 0) start.push(k);
      origins.push(origin);
    }
    destination.push(0);
    flows.push(Number(flow));
    logMass.push(Math.log(Number(population)));
    km.push(Number(distance));
  });
  start.push(lines.length);
  return {
    pairs: {
      start: Int32Array.from(start),
      origin: Int32Array.from(origins, (_, g) => g),
      destination: Int32Array.from(destination),
      logMass: Float64Array.from(logMass),
      km: Float64Array.from(km),
    },
    flows: Float64Array.from(flows),
  };
}

const expected = JSON.parse(readFileSync(`${folder}/expected.json`, 'utf8')) as Record<'exp' | 'pow', Reference> & { pairs: number; origins: number };
const relative = (actual: number | null, wanted: number): number => Math.abs((actual ?? NaN) - wanted) / Math.abs(wanted);

describe.each(['exp', 'pow'] as const)('calibration, %s decay, vs statsmodels Poisson GLM with origin dummies', (form) => {
  const { pairs, flows } = readPairs();
  const fit = calibrateGravity(pairs, flows, form);
  const reference = expected[form];

  it('reads the same pairs and origins', () => {
    expect(fit.pairs).toBe(expected.pairs);
    expect(fit.origins).toBe(expected.origins);
    expect(fit.converged).toBe(true);
  });

  it('finds α, β and their standard errors within 1e-6 relative', () => {
    expect(relative(fit.alpha, reference.alpha)).toBeLessThan(1e-6);
    expect(relative(fit.beta, reference.beta)).toBeLessThan(1e-6);
    expect(relative(fit.alphaSE, reference.alpha_se)).toBeLessThan(1e-6);
    expect(relative(fit.betaSE, reference.beta_se)).toBeLessThan(1e-6);
  });

  it('reports the same log-likelihood, deviance and null deviance (1e-8 relative)', () => {
    expect(relative(fit.logLikelihood, reference.log_likelihood)).toBeLessThan(1e-8);
    expect(relative(fit.deviance, reference.deviance)).toBeLessThan(1e-8);
    expect(relative(fit.nullDeviance, reference.null_deviance)).toBeLessThan(1e-8);
    expect(fit.pseudoR2).toBeCloseTo(1 - reference.deviance / reference.null_deviance, 8);
  });

  it('has fitted row sums equal to the observed origin totals within 1e-9 relative', () => {
    for (let g = 0; g + 1 < pairs.start.length; g++) {
      let observed = 0;
      let modelled = 0;
      for (let k = pairs.start[g]; k < pairs.start[g + 1]; k++) {
        observed += flows[k];
        modelled += fit.fitted[k];
      }
      expect(Math.abs(modelled - observed) / observed).toBeLessThan(1e-9);
    }
  });

  it('spreads any origin totals so that row sums equal O_i (1e-9 relative)', () => {
    const totals = Float64Array.from({ length: pairs.start.length - 1 }, (_, g) => 1000 + 37 * g);
    const modelled = gravityFlows(pairs, form, fit.alpha, fit.beta, totals);
    for (let g = 0; g < totals.length; g++) {
      let sum = 0;
      for (let k = pairs.start[g]; k < pairs.start[g + 1]; k++) sum += modelled[k];
      expect(Math.abs(sum - totals[g]) / totals[g]).toBeLessThan(1e-9);
    }
  });
});
