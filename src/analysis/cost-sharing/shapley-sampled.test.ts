/**
 * The seeded Monte-Carlo Shapley value for 13–15 players (METHODS.md §7),
 * its antithetic variant and the sampled core check, checked against values
 * computed another way (closed forms such as the airport game, exact
 * enumeration of the same 13-player game).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../engines/random.js';
import { airport, airportShapley, close, concaveGame, sum } from '../../testing/games.js';
import { antitheticShapley, cachedCost, EXACT_PLAYERS, exactShapley, sampledCoreCheck, sampledShapley, shapley, type CostFunction } from './shapley.js';

describe('Monte-Carlo Shapley value (13–15 players, seeded)', () => {
  const big = fc.record({ n: fc.integer({ min: 13, max: 15 }), seed: fc.integer() });

  it('shapley() is exact up to 12 players and samples above', () => {
    const twelve = shapley(12, concaveGame(12, 1), mulberry32(1), 100);
    expect(twelve.exact).toBe(true);
    expect(EXACT_PLAYERS).toBe(12);
    const thirteen = shapley(13, concaveGame(13, 1), mulberry32(1), 100);
    expect(thirteen.exact).toBe(false);
    expect(thirteen.permutations).toBe(100);
  });

  it('efficiency holds exactly: every permutation telescopes to c(N)', () => {
    fc.assert(
      fc.property(big, ({ n, seed }) => {
        const cost = concaveGame(n, seed);
        const result = shapley(n, cost, mulberry32(seed), 200);
        expect(result.exact).toBe(false);
        expect(close(sum(result.value), cost(Array.from({ length: n }, (_, k) => k)))).toBe(true);
      }),
      { numRuns: 12 },
    );
  });

  it('a null player gets exactly 0 with standard error 0', () => {
    fc.assert(
      fc.property(big, ({ n, seed }) => {
        const inner = concaveGame(n - 1, seed);
        // the last player adds nothing
        const result = sampledShapley(n, (coalition) => inner(coalition.filter((k) => k !== n - 1)), mulberry32(seed), 100);
        expect(result.value[n - 1]).toBe(0);
        expect(result.standardError[n - 1]).toBe(0);
      }),
      { numRuns: 8 },
    );
  });

  it('an additive game is recovered exactly (every marginal is the same)', () => {
    const a = Array.from({ length: 14 }, (_, k) => 3 + k * 1.5);
    const result = sampledShapley(14, (coalition) => coalition.reduce((s, k) => s + a[k], 0), mulberry32(5), 50);
    result.value.forEach((value, k) => expect(value).toBeCloseTo(a[k], 10));
    result.standardError.forEach((se) => expect(se).toBeLessThan(1e-9));
  });

  it('within four standard errors of the exact value of the same 13-player game', () => {
    const n = 13;
    const cost = cachedCost(concaveGame(n, 2024));
    const exact = exactShapley(n, cost).value;
    const sampled = sampledShapley(n, cost, mulberry32(7), 4000);
    for (let k = 0; k < n; k++) {
      expect(sampled.standardError[k]).toBeGreaterThan(0);
      expect(Math.abs(sampled.value[k] - exact[k])).toBeLessThanOrEqual(4 * sampled.standardError[k]);
    }
  });

  it('13-player airport game: exact enumeration equals the closed form; Monte-Carlo within four standard errors', () => {
    const random = mulberry32(99);
    const a = Array.from({ length: 13 }, () => Math.round(1000 * random()) / 10);
    const expected = airportShapley(a);
    const exact = exactShapley(13, airport(a)).value;
    exact.forEach((value, k) => expect(close(value, expected[k])).toBe(true));
    const sampled = sampledShapley(13, airport(a), mulberry32(3), 4000);
    sampled.value.forEach((value, k) => expect(Math.abs(value - expected[k])).toBeLessThanOrEqual(4 * sampled.standardError[k] + 1e-12));
  });

  it('symmetric 13-player game c(S) = 10·√|S|: everyone gets c(N)/13 within four standard errors', () => {
    const n = 13;
    const sampled = sampledShapley(n, (coalition) => 10 * Math.sqrt(coalition.length), mulberry32(11), 4000);
    const fair = (10 * Math.sqrt(n)) / n;
    sampled.value.forEach((value, k) => expect(Math.abs(value - fair)).toBeLessThanOrEqual(4 * sampled.standardError[k]));
  });

  it('deterministic: the same seed gives the same values; another seed other values', () => {
    const cost = concaveGame(15, 8);
    const first = sampledShapley(15, cost, mulberry32(42), 300);
    const again = sampledShapley(15, cost, mulberry32(42), 300);
    expect(Array.from(again.value)).toEqual(Array.from(first.value));
    expect(Array.from(again.standardError)).toEqual(Array.from(first.standardError));
    const other = sampledShapley(15, cost, mulberry32(43), 300);
    expect(Array.from(other.value)).not.toEqual(Array.from(first.value));
  });

  it('passes coalitions to the cost function as sorted lists of players', () => {
    sampledShapley(
      13,
      (coalition) => {
        expect(coalition.every((player, k) => k === 0 || coalition[k - 1] < player)).toBe(true);
        return coalition.length;
      },
      mulberry32(1),
      20,
    );
  });
});

describe('antitheticShapley (pairs of an order and its reverse)', () => {
  it('efficiency holds exactly, and an additive game gets its weights with standard error 0', () => {
    const cost = concaveGame(14, 3);
    const result = antitheticShapley(14, cost, mulberry32(3), 20);
    expect(result.permutations).toBe(40);
    expect(close(sum(result.value), cost(Array.from({ length: 14 }, (_, k) => k)))).toBe(true);
    const weights = Array.from({ length: 13 }, (_, k) => k + 1);
    const additive = antitheticShapley(13, (coalition) => coalition.reduce((total, k) => total + weights[k], 0), mulberry32(1), 5);
    additive.value.forEach((value, k) => expect(close(value, weights[k])).toBe(true));
    additive.standardError.forEach((se) => expect(se).toBeLessThan(1e-9));
  });

  it('on a 13-player game every estimate is within 4 standard errors of the exact value (seeded)', () => {
    const cost = concaveGame(13, 5);
    const exact = exactShapley(13, cost);
    const sampled = antitheticShapley(13, cost, mulberry32(5), 300);
    for (let i = 0; i < 13; i++) {
      expect(sampled.standardError[i]).toBeGreaterThan(0);
      expect(Math.abs(sampled.value[i] - exact.value[i])).toBeLessThanOrEqual(4 * sampled.standardError[i]);
    }
  });
});

describe('sampledCoreCheck', () => {
  const weights = Array.from({ length: 15 }, (_, k) => 10 + k);
  const additive: CostFunction = (coalition) => coalition.reduce((total, k) => total + weights[k], 0);
  it('checks singletons, complements and the known coalitions of 2 to n − 2 players; shares equal to the weights violate nothing', () => {
    // Known: 40 coalitions of 2–13 players, and a singleton, a complement and the grand coalition (not checked twice or at all).
    const random = mulberry32(1);
    const known = Array.from({ length: 40 }, (_, k) =>
      Array.from({ length: 15 }, (_, i) => i)
        .filter(() => random() < 0.5)
        .slice(0, 2 + (k % 12)),
    );
    const middle = known.filter((coalition) => coalition.length >= 2 && coalition.length <= 13).length;
    const check = sampledCoreCheck(15, weights, additive, [...known, [4], weights.slice(1).map((_, i) => i + 1), weights.map((_, i) => i)]);
    expect(check).toMatchObject({ complete: false, checked: 15 + 15 + middle, violations: [] });
  });
  it('finds a player charged above its stand-alone cost', () => {
    const shares = [...weights];
    shares[3] += 5;
    shares[4] -= 5;
    const check = sampledCoreCheck(15, shares, additive, []);
    expect(check.violations[0]).toEqual({ coalition: [3], excess: 5 });
  });
  it("finds a coalition better off alone only among the known ones: {5, 6, 7} at 10 below its members' costs", () => {
    const cheaper: CostFunction = (coalition) => additive(coalition) - (coalition.join() === '5,6,7' ? 10 : 0);
    expect(sampledCoreCheck(15, weights, cheaper, []).violations).toEqual([]);
    expect(
      sampledCoreCheck(15, weights, cheaper, [
        [1, 2],
        [5, 6, 7],
      ]).violations,
    ).toEqual([{ coalition: [5, 6, 7], excess: 10 }]);
  });
});
