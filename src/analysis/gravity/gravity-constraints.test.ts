/**
 * Attraction-constrained and doubly constrained calibration against
 * statsmodels (issue 13, point 5): the real 2023 migration flows among the
 * gminy of kujawsko-pomorskie, fixtures/gravity/migration-kujawsko-pomorskie/
 * (reference.py → expected.json: Poisson GLMs with destination dummies,
 * ln V_i of the origin and the cost; with origin and destination dummies and
 * the cost). Tolerance: 1e-6 relative for α, β and their standard errors.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { calibrateAttraction, calibrateDoubly } from './gravity-constraints.js';
import type { GravityPairs } from './gravity.js';

const folder = 'fixtures/gravity/migration-kujawsko-pomorskie';

function readPairs(): { pairs: GravityPairs; flows: Float64Array; population: Float64Array } {
  const lines = readFileSync(`${folder}/pairs.csv`, 'utf8').trim().split('\n').slice(1);
  const index = new Map<string, number>();
  const id = (code: string): number => {
    if (!index.has(code)) index.set(code, index.size);
    return index.get(code) ?? -1;
  };
  const start: number[] = [0];
  const origins: number[] = [];
  const destination: number[] = [];
  const km: number[] = [];
  const flows: number[] = [];
  const population: number[] = [];
  lines.forEach((line, k) => {
    const [origin, to, flow, destinationPopulation, distance] = line.split(',');
    const i = id(origin);
    if (origins[origins.length - 1] !== i) {
      if (k > 0) start.push(k);
      origins.push(i);
    }
    const j = id(to);
    population[j] = Number(destinationPopulation);
    destination.push(j);
    flows.push(Number(flow));
    km.push(Number(distance));
  });
  start.push(lines.length);
  return {
    pairs: { start: Int32Array.from(start), origin: Int32Array.from(origins), destination: Int32Array.from(destination), logMass: new Float64Array(destination.length), km: Float64Array.from(km) },
    flows: Float64Array.from(flows),
    population: Float64Array.from(population),
  };
}

interface Reference {
  readonly alpha?: number;
  readonly alpha_se?: number;
  readonly beta: number;
  readonly beta_se: number;
  readonly log_likelihood: number;
  readonly deviance: number;
}
const expected = JSON.parse(readFileSync(`${folder}/expected.json`, 'utf8')) as Record<string, Reference>;
const relative = (actual: number | null, wanted: number): number => Math.abs((actual ?? NaN) - wanted) / Math.abs(wanted);
const { pairs, flows, population } = readPairs();

describe.each(['exp', 'pow'] as const)('%s decay, vs statsmodels Poisson GLMs', (form) => {
  it('attraction-constrained: α, β, their standard errors, log-likelihood and deviance', () => {
    const fit = calibrateAttraction(pairs, flows, form, (i) => Math.log(population[i]));
    const reference = expected[`attraction_${form}`];
    expect(fit.converged).toBe(true);
    expect(relative(fit.alpha, reference.alpha ?? NaN)).toBeLessThan(1e-6);
    expect(relative(fit.beta, reference.beta)).toBeLessThan(1e-6);
    expect(relative(fit.alphaSE, reference.alpha_se ?? NaN)).toBeLessThan(1e-6);
    expect(relative(fit.betaSE, reference.beta_se)).toBeLessThan(1e-6);
    expect(relative(fit.logLikelihood, reference.log_likelihood)).toBeLessThan(1e-8);
    expect(relative(fit.deviance, reference.deviance)).toBeLessThan(1e-8);
  });

  it('doubly constrained: β, its standard error, log-likelihood and deviance', () => {
    const fit = calibrateDoubly(pairs, flows, form);
    const reference = expected[`doubly_${form}`];
    expect(fit.converged).toBe(true);
    expect(relative(fit.beta, reference.beta)).toBeLessThan(1e-6);
    expect(relative(fit.betaSE, reference.beta_se)).toBeLessThan(1e-6);
    expect(relative(fit.logLikelihood, reference.log_likelihood)).toBeLessThan(1e-8);
    expect(relative(fit.deviance, reference.deviance)).toBeLessThan(1e-8);
  });
});
