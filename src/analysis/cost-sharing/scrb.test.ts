/**
 * SCRB (separable costs – remaining benefits): the Swedish water case of
 * Young, Okada & Hashimoto (1982), Table 7's SCRB row, from the 13
 * coalitions fixtures/share/sweden-1979-partial holds (stand-alone costs,
 * c(N) and the six c(N∖{i})); a hand case with a negative remaining benefit.
 */
import { describe, expect, it } from 'vitest';
import { scrb } from './scrb.js';
import type { CostFunction } from './shapley.js';

/** A cost function from a table of the coalitions it will be asked for, keyed by sorted members. */
function table(entries: Readonly<Record<string, number>>): CostFunction {
  return (coalition) => {
    if (coalition.length === 0) return 0;
    const value = entries[coalition.join(',')];
    if (value === undefined) throw new Error(`coalition ${coalition.join(',')} was not expected`);
    return value;
  };
}

describe('scrb', () => {
  it('the Swedish case: 19.54 13.28 5.62 10.90 16.66 17.82 (Table 7) to ±0.01', () => {
    // A H K L M T; Table 8: stand-alone costs and marginal costs c(N) − c(N∖{i}).
    const alone = [21.95, 17.08, 10.91, 15.88, 20.81, 21.98];
    const marginal = [17.36, 9.85, 0.82, 6.4, 12.9, 14.06];
    const grand = 83.82;
    const entries: Record<string, number> = { '0,1,2,3,4,5': grand };
    alone.forEach((cost, i) => {
      entries[String(i)] = cost;
      entries[[0, 1, 2, 3, 4, 5].filter((k) => k !== i).join(',')] = grand - marginal[i];
    });
    const result = scrb(6, table(entries));
    const published = [19.54, 13.28, 5.62, 10.9, 16.66, 17.82];
    result.value.forEach((value, i) => expect(Math.abs(value - published[i]), `player ${i}: ${value}`).toBeLessThanOrEqual(0.01));
    // K = 83.82 − 61.39 = 22.43; remaining benefits 4.59 7.23 10.09 9.48 7.91 7.92 (sum 47.22).
    expect(result.nonSeparable).toBeCloseTo(22.43, 9);
    expect(result.value[2]).toBeCloseTo(0.82 + (22.43 * 10.09) / 47.22, 9); // 5.6129…, published 5.62
    expect(result.value.reduce((a, b) => a + b, 0)).toBeCloseTo(grand, 9);
    expect(result.negative).toEqual([]);
  });

  it('a negative remaining benefit counts as zero: that player pays its separable cost and no part of K', () => {
    // c(1)=10, c(2)=10, c(3)=10, c(12)=20, c(13)=20, c(23)=8, c(123)=24.
    // s = (24−8, 24−20, 24−20) = (16, 4, 4); r = (−6, 6, 6); K = 24 − 24 = 0.
    const cost = table({ '0': 10, '1': 10, '2': 10, '0,1': 20, '0,2': 20, '1,2': 8, '0,1,2': 24 });
    const result = scrb(3, cost);
    expect(Array.from(result.value)).toEqual([16, 4, 4]);
    expect(Array.from(result.remaining)).toEqual([-6, 6, 6]);
    expect(result.negative).toEqual([0]);
  });

  it('a remaining benefit within rounding of zero is zero, not negative', () => {
    // Independent players: c(12) = c(1) + c(2), so r = (0, 0) exactly; in floating point 0.1 + 0.2 − 0.2 − 0.1
    // leaves r_1 = −2.8e-17, which the sample's report once read as "would gain less than its separable cost".
    const result = scrb(2, table({ '0': 0.1, '1': 0.2, '0,1': 0.1 + 0.2 }));
    expect(result.remaining[0]).toBeLessThan(0);
    expect(result.negative).toEqual([]);
    // A negative remaining benefit of a millionth of c({i}) still counts: c(1)=1, c(2)=1, c(12)=2.000001.
    expect(scrb(2, table({ '0': 1, '1': 1, '0,1': 2.000001 })).negative).toEqual([0, 1]);
  });

  it('shares K in proportion to remaining benefits, and equally when none is positive', () => {
    // c(1)=6, c(2)=4, c(12)=8: s = (4, 2), r = (2, 2), K = 2 → (5, 3).
    expect(Array.from(scrb(2, table({ '0': 6, '1': 4, '0,1': 8 })).value)).toEqual([5, 3]);
    // c(1)=3, c(2)=3, c(12)=9 (not subadditive): s = (6, 6), r = (−3, −3), K = −3 shared equally → (4.5, 4.5).
    expect(Array.from(scrb(2, table({ '0': 3, '1': 3, '0,1': 9 })).value)).toEqual([4.5, 4.5]);
  });
});
