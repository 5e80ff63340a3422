/**
 * coverageInequality() (METHODS.md §1): demand-weighted Gini, Theil T, CV and
 * max/min of coverage. Edge input first, then tiny cases worked by hand,
 * then identities checked on random input (fast-check).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coverageInequality, weightedAbsoluteDifferences } from './inequality.js';

const NONE = { municipalities: 0, meanCoverage: null, gini: null, theil: null, cv: null, maxMinRatio: null };

describe('coverageInequality: edge input', () => {
  it('no municipalities: every measure null', () => {
    expect(coverageInequality([], [])).toEqual(NONE);
  });

  it('only zero demand: nothing to weigh, every measure null', () => {
    expect(coverageInequality([1, 2], [0, 0])).toEqual(NONE);
  });

  it('municipalities with zero demand are left out', () => {
    expect(coverageInequality([7, 1, 0.5, 3], [0, 100, 100, 0])).toEqual(coverageInequality([1, 0.5], [100, 100]));
    expect(coverageInequality([7, 1, 0.5], [0, 100, 100]).municipalities).toBe(2);
  });

  it('a single partner: no inequality, max/min 1', () => {
    expect(coverageInequality([0.8], [50])).toEqual({ municipalities: 1, meanCoverage: 0.8, gini: 0, theil: 0, cv: 0, maxMinRatio: 1 });
  });

  it('all-zero coverage: everyone equally without places, so 0 inequality; max/min null (0/0)', () => {
    expect(coverageInequality([0, 0, 0], [10, 20, 30])).toEqual({ municipalities: 3, meanCoverage: 0, gini: 0, theil: 0, cv: 0, maxMinRatio: null });
    expect(coverageInequality([0], [10])).toEqual({ municipalities: 1, meanCoverage: 0, gini: 0, theil: 0, cv: 0, maxMinRatio: null });
  });

  it('one partner at zero coverage: 0·ln 0 = 0 in Theil, max/min null', () => {
    // x = [0, 1], w = [1, 1]: μ = 1/2; G = 2·1·1·1 / (2·2²·1/2) = 1/2;
    // T = (1/2)(1·2·ln 2) = ln 2; CV = (1/2)/(1/2) = 1
    const result = coverageInequality([0, 1], [1, 1]);
    expect(result.meanCoverage).toBe(0.5);
    expect(result.gini).toBeCloseTo(1 / 2, 15);
    expect(result.theil).toBeCloseTo(Math.LN2, 15);
    expect(result.cv).toBeCloseTo(1, 15);
    expect(result.maxMinRatio).toBeNull();
  });

  it('equal coverage everywhere: no inequality', () => {
    const result = coverageInequality([0.7, 0.7, 0.7], [5, 50, 500]);
    expect(result.gini).toBe(0);
    expect(result.theil).toBeCloseTo(0, 15);
    expect(result.cv).toBeCloseTo(0, 15);
    expect(result.maxMinRatio).toBe(1);
  });
});

describe('coverageInequality: tiny cases by hand', () => {
  it('[1, 0.5] with equal demand 100, 100', () => {
    // μ = 3/4; G = 2·100·100·(1/2) / (2·200²·3/4) = 10000/60000 = 1/6;
    // T = (1/2)[(4/3) ln(4/3) + (2/3) ln(2/3)] = (2/3) ln(4/3) + (1/3) ln(2/3) = 0.056633012...;
    // variance = (1/4² + 1/4²)/2 = 1/16, CV = (1/4)/(3/4) = 1/3; max/min = 2
    const result = coverageInequality([1, 0.5], [100, 100]);
    expect(result.municipalities).toBe(2);
    expect(result.meanCoverage).toBe(0.75);
    expect(result.gini).toBeCloseTo(1 / 6, 15);
    expect(result.theil).toBeCloseTo((2 / 3) * Math.log(4 / 3) + (1 / 3) * Math.log(2 / 3), 15);
    expect(result.theil).toBeCloseTo(0.056633012, 9);
    expect(result.cv).toBeCloseTo(1 / 3, 15);
    expect(result.maxMinRatio).toBe(2);
  });

  it('[2, 1] with demand 1, 3: demand weights count', () => {
    // W = 4, μ = 5/4; G = 2·1·3·1 / (2·16·5/4) = 6/40 = 3/20;
    // T = (1/4)[1·(8/5) ln(8/5) + 3·(4/5) ln(4/5)] = (2/5) ln(8/5) + (3/5) ln(4/5);
    // variance = [1·(3/4)² + 3·(1/4)²]/4 = 3/16, CV = (√3/4)/(5/4) = √3/5
    const result = coverageInequality([2, 1], [1, 3]);
    expect(result.meanCoverage).toBe(1.25);
    expect(result.gini).toBeCloseTo(3 / 20, 15);
    expect(result.theil).toBeCloseTo((2 / 5) * Math.log(8 / 5) + (3 / 5) * Math.log(4 / 5), 15);
    expect(result.cv).toBeCloseTo(Math.sqrt(3) / 5, 15);
    expect(result.maxMinRatio).toBe(2);
  });

  it('weighting by demand is the same as one observation per resident in need', () => {
    const weighted = coverageInequality([2, 1], [1, 3]);
    const replicated = coverageInequality([2, 1, 1, 1], [1, 1, 1, 1]);
    for (const key of ['meanCoverage', 'gini', 'theil', 'cv', 'maxMinRatio'] as const) expect(weighted[key]).toBeCloseTo(replicated[key] as number, 14);
  });

  it('does not mutate its input', () => {
    const values = Object.freeze([1.2, 0, 0.625, 1]);
    const weights = Object.freeze([50, 20, 40, 30]);
    const result = coverageInequality(values, weights);
    expect(values).toEqual([1.2, 0, 0.625, 1]);
    expect(weights).toEqual([50, 20, 40, 30]);
    // fixtures/analysis/hand-imbalance/WORKED.md, nursery: G = 6/23
    expect(result.gini).toBeCloseTo(6 / 23, 15);
  });
});

describe('coverageInequality: identities on random input', () => {
  const pairs = fc.array(fc.tuple(fc.double({ min: 0.01, max: 5, noNaN: true }), fc.integer({ min: 1, max: 1000 })), { minLength: 1, maxLength: 12 });

  it('Gini equals 1 − Σ p_i (L_{i−1} + L_i) over the Lorenz curve', () => {
    fc.assert(
      fc.property(pairs, (input) => {
        const sorted = [...input].sort((a, b) => a[0] - b[0]);
        const total = sorted.reduce((sum, [, w]) => sum + w, 0);
        const mass = sorted.reduce((sum, [x, w]) => sum + x * w, 0);
        let lorenz = 0;
        let area = 0;
        for (const [x, w] of sorted) {
          const next = lorenz + (x * w) / mass;
          area += (w / total) * (lorenz + next);
          lorenz = next;
        }
        const result = coverageInequality(
          input.map(([x]) => x),
          input.map(([, w]) => w),
        );
        expect(result.gini).toBeCloseTo(1 - area, 9);
      }),
    );
  });

  it('scale-free: multiplying every coverage or every demand by a constant changes nothing', () => {
    fc.assert(
      fc.property(pairs, fc.integer({ min: 2, max: 50 }), (input, k) => {
        const x = input.map(([value]) => value);
        const w = input.map(([, weight]) => weight);
        const base = coverageInequality(x, w);
        for (const scaled of [
          coverageInequality(
            x.map((v) => v * k),
            w,
          ),
          coverageInequality(
            x,
            w.map((v) => v * k),
          ),
        ]) {
          for (const key of ['gini', 'theil', 'cv', 'maxMinRatio'] as const) expect(scaled[key]).toBeCloseTo(base[key] as number, 9);
        }
      }),
    );
  });

  it('Gini in [0, 1), Theil T ≥ 0, CV ≥ 0, max/min ≥ 1', () => {
    fc.assert(
      fc.property(pairs, (input) => {
        const result = coverageInequality(
          input.map(([x]) => x),
          input.map(([, w]) => w),
        );
        expect(result.gini).toBeGreaterThanOrEqual(-1e-12);
        expect(result.gini).toBeLessThan(1);
        expect(result.theil).toBeGreaterThanOrEqual(-1e-12);
        expect(result.cv).toBeGreaterThanOrEqual(0);
        expect(result.maxMinRatio).toBeGreaterThanOrEqual(1);
      }),
    );
  });
});

describe('weightedAbsoluteDifferences: the sorted-order sum equals the double sum', () => {
  it('Σ_i Σ_j w_i w_j |x_i − x_j| on random input with ties, within 1e-9 relative', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.double({ min: 0.5, max: 1000, noNaN: true })), { minLength: 1, maxLength: 60 }), (pairs) => {
        // coverage on a coarse grid (x = k/8) so that ties are common
        const x = pairs.map(([k]) => k / 8);
        const w = pairs.map(([, weight]) => weight);
        let naive = 0;
        for (let i = 0; i < x.length; i++) for (let j = 0; j < x.length; j++) naive += w[i] * w[j] * Math.abs(x[i] - x[j]);
        const fast = weightedAbsoluteDifferences(x, w);
        expect(Math.abs(fast - naive)).toBeLessThanOrEqual(1e-9 * Math.max(1, naive));
      }),
    );
  });

  it('by hand: x = [3, 1, 2], w = [1, 2, 1]: 2·(1·2·2 + 1·1·1 + 2·1·1) = 14', () => {
    // pairs: |3−1|·1·2 = 4, |3−2|·1·1 = 1, |1−2|·2·1 = 2; the double sum counts each twice
    expect(weightedAbsoluteDifferences([3, 1, 2], [1, 2, 1])).toBe(14);
  });
});
