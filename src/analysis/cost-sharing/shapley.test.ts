/**
 * The exact Shapley value, proportional rules and the core check (METHODS.md
 * §7). Bad input first, then games worked by hand, then the axioms on
 * random subadditive games (fast-check), exact for 2–8 players. The sampled
 * paths (13–15 players) are in shapley-sampled.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { airport, close, fromTable, maskOf, subadditiveGame, sum } from '../../testing/games.js';
import { cachedCost, coreCheck, exactShapley, proportional, type CostFunction } from './shapley.js';

describe('exactShapley: bad input and hand cases', () => {
  it('refuses more than 20 players', () => {
    expect(() => exactShapley(21, () => 1)).toThrow(RangeError);
    expect(() => exactShapley(21, () => 1)).toThrow(/exactShapley: 21 players/);
  });

  it('two players: c(A) = 10, c(B) = 20, c(AB) = 24 → φ = (7, 17)', () => {
    // φ_A = ½·10 + ½·(24 − 20) = 7; φ_B = ½·20 + ½·(24 − 10) = 17
    const result = exactShapley(2, fromTable([0, 10, 20, 24]));
    expect(Array.from(result.value)).toEqual([7, 17]);
    expect(Array.from(result.standardError)).toEqual([0, 0]);
    expect(result.exact).toBe(true);
    expect(result.permutations).toBe(0);
  });

  it('three-player airport game a = (1, 2, 4): φ = (1/3, 1/3 + 1/2, 1/3 + 1/2 + 2)', () => {
    const result = exactShapley(3, airport([1, 2, 4]));
    expect(result.value[0]).toBeCloseTo(1 / 3, 14);
    expect(result.value[1]).toBeCloseTo(5 / 6, 14);
    expect(result.value[2]).toBeCloseTo(17 / 6, 14);
  });

  it('a one-player game gives its player the whole cost', () => {
    expect(Array.from(exactShapley(1, fromTable([0, 42])).value)).toEqual([42]);
  });

  it('asks for every coalition exactly once, each as a sorted list of players', () => {
    const seen = new Map<string, number>();
    exactShapley(5, (coalition) => {
      expect(coalition.every((player, k) => k === 0 || coalition[k - 1] < player)).toBe(true);
      seen.set(coalition.join(','), (seen.get(coalition.join(',')) ?? 0) + 1);
      return coalition.length;
    });
    expect(seen.size).toBe(2 ** 5 - 1);
    expect([...seen.values()].every((count) => count === 1)).toBe(true);
  });
});

describe('cachedCost', () => {
  it('evaluates each coalition once and c(∅) = 0 without asking', () => {
    let calls = 0;
    const cost = cachedCost((coalition) => {
      calls++;
      return coalition.length * 2;
    });
    expect(cost([])).toBe(0);
    expect(cost([0, 2])).toBe(4);
    expect(cost([0, 2])).toBe(4);
    expect(cost([1])).toBe(2);
    expect(calls).toBe(2);
    expect(cost.evaluations()).toBe(2);
  });
});

describe('exact Shapley value: the axioms on random subadditive games (2–8 players)', () => {
  const game = fc.record({ n: fc.integer({ min: 2, max: 8 }), seed: fc.integer() });

  it('efficiency: Σφ = c(N)', () => {
    fc.assert(
      fc.property(game, ({ n, seed }) => {
        const table = subadditiveGame(n, seed);
        expect(close(sum(exactShapley(n, fromTable(table)).value), table[(1 << n) - 1])).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('symmetry: players with c(S∪{i}) = c(S∪{j}) for every S get equal shares', () => {
    fc.assert(
      fc.property(
        game.chain(({ n, seed }) => fc.tuple(fc.constant(n), fc.constant(seed), fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 2, maxLength: 2 }))),
        ([n, seed, [i, j]]) => {
          const table = subadditiveGame(n, seed, [i, j]);
          for (let mask = 0; mask < 1 << n; mask++) {
            if (mask & ((1 << i) | (1 << j))) continue;
            expect(table[mask | (1 << i)]).toBe(table[mask | (1 << j)]);
          }
          const { value } = exactShapley(n, fromTable(table));
          expect(close(value[i], value[j])).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('null player: c(S∪{i}) = c(S) for every S ⇒ φ_i = 0, and the others keep their shares', () => {
    fc.assert(
      fc.property(
        game.chain(({ n, seed }) => fc.tuple(fc.constant(n), fc.constant(seed), fc.integer({ min: 0, max: n }))),
        ([n, seed, nullPlayer]) => {
          const table = subadditiveGame(n, seed);
          // n + 1 players; player `nullPlayer` adds nothing to any coalition
          const without = (mask: number): number => (mask & ((1 << nullPlayer) - 1)) | ((mask >> (nullPlayer + 1)) << nullPlayer);
          const withNull = exactShapley(n + 1, (coalition) => table[without(maskOf(coalition))]).value;
          const alone = exactShapley(n, fromTable(table)).value;
          expect(withNull[nullPlayer]).toBe(0);
          const others = Array.from(withNull).filter((_, k) => k !== nullPlayer);
          others.forEach((value, k) => expect(close(value, alone[k])).toBe(true));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('additivity: φ(c₁ + c₂) = φ(c₁) + φ(c₂)', () => {
    fc.assert(
      fc.property(game, fc.integer(), ({ n, seed }, seed2) => {
        const first = subadditiveGame(n, seed);
        const second = subadditiveGame(n, seed2);
        const both = exactShapley(n, (coalition) => first[maskOf(coalition)] + second[maskOf(coalition)]).value;
        const a = exactShapley(n, fromTable(first)).value;
        const b = exactShapley(n, fromTable(second)).value;
        both.forEach((value, k) => expect(close(value, a[k] + b[k])).toBe(true));
      }),
      { numRuns: 40 },
    );
  });

  it('independent games: c(S) = c₁(S∩A) + c₂(S∩B) gives each part its own Shapley value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.integer(), fc.integer(), (nA, nB, seedA, seedB) => {
        const a = subadditiveGame(nA, seedA);
        const b = subadditiveGame(nB, seedB);
        const joint = exactShapley(nA + nB, (coalition) => {
          const mask = maskOf(coalition);
          return a[mask & ((1 << nA) - 1)] + b[mask >> nA];
        }).value;
        const expected = [...exactShapley(nA, fromTable(a)).value, ...exactShapley(nB, fromTable(b)).value];
        joint.forEach((value, k) => expect(close(value, expected[k])).toBe(true));
      }),
      { numRuns: 40 },
    );
  });

  it('a subadditive game of two players is always in the core; the exact check agrees with the definition', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const table = subadditiveGame(2, seed);
        const { value } = exactShapley(2, fromTable(table));
        expect(coreCheck(2, value, fromTable(table)).violations).toEqual([]);
      }),
      { numRuns: 30 },
    );
  });
});

describe('proportional', () => {
  it('splits in proportion to the weights', () => {
    expect(Array.from(proportional(90, [1, 2, 3]))).toEqual([15, 30, 45]);
    expect(Array.from(proportional(24, [3, 1]))).toEqual([18, 6]);
  });

  it('equal shares when every weight is 0', () => {
    expect(Array.from(proportional(10, [0, 0, 0, 0]))).toEqual([2.5, 2.5, 2.5, 2.5]);
  });

  it('a player with weight 0 pays nothing when others have weight', () => {
    expect(Array.from(proportional(10, [0, 5]))).toEqual([0, 10]);
  });

  // Weights are people, places or money: 0 or at least 1e-3 (subnormal weights would underflow total·w).
  it('shares sum to the total and the weights are not changed', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e9, noNaN: true }), fc.array(fc.oneof(fc.constant(0), fc.double({ min: 1e-3, max: 1e6, noNaN: true })), { minLength: 1, maxLength: 30 }), (total, raw) => {
        const weights = Object.freeze([...raw]);
        const shares = proportional(total, weights);
        expect(close(sum(shares), total)).toBe(true);
        expect(weights).toEqual(raw);
      }),
    );
  });
});

describe('coreCheck', () => {
  // c(i) = 4, c(ij) = 6, c(N) = 9
  const cost = fromTable([0, 4, 4, 6, 4, 6, 6, 9]);

  it('finds exactly the coalitions that pay more than going alone (hand case)', () => {
    // shares (5, 2, 2): {1} pays 5 > 4, {1,2} pays 7 > 6, {1,3} pays 7 > 6; {2,3} pays 4 ≤ 6
    const shares = Object.freeze([5, 2, 2]);
    const check = coreCheck(3, shares, cost);
    expect(check).toEqual({
      complete: true,
      checked: 6,
      violations: [
        { coalition: [0], excess: 1 },
        { coalition: [0, 1], excess: 1 },
        { coalition: [0, 2], excess: 1 },
      ],
    });
    expect(shares).toEqual([5, 2, 2]);
  });

  it('worst violation first', () => {
    // shares (1, 1, 7): {3} pays 3 more, {1,3} and {2,3} 2 more
    expect(coreCheck(3, [1, 1, 7], cost).violations).toEqual([
      { coalition: [2], excess: 3 },
      { coalition: [0, 2], excess: 2 },
      { coalition: [1, 2], excess: 2 },
    ]);
  });

  it('paying exactly the stand-alone cost, or within the 1e-6 tolerance, is not a violation', () => {
    expect(coreCheck(3, [3, 3, 3], cost).violations).toEqual([]);
    expect(coreCheck(3, [3 + 1e-7, 3, 3 - 1e-7], cost).violations).toEqual([]);
    expect(coreCheck(3, [3 + 1e-5, 3, 3 - 1e-5], cost).violations.map((v) => v.coalition)).toEqual([[0, 1]]);
  });

  it('above 12 players: singletons, pairs and all-but-one only, reported as partial', () => {
    const n = 13;
    const a = Array.from({ length: n }, () => 10);
    const additive: CostFunction = (coalition) => coalition.reduce((s, k) => s + a[k], 0) - (coalition.length === 3 ? 1 : 0);
    // everyone pays 10: no singleton, pair or complement pays more; triples (cost 29) would, but are not checked
    const check = coreCheck(n, new Array(n).fill(10), additive);
    expect(check.complete).toBe(false);
    expect(check.checked).toBe(n + (n * (n - 1)) / 2 + n);
    expect(check.violations).toEqual([]);
    const shares = new Array(n).fill(10);
    shares[0] = 11;
    shares[1] = 9;
    // {1} pays 11 > 10, {1, k} 21 > 20 for k ≠ 2, and everyone but player 2 pays 121 > 120
    expect(coreCheck(n, shares, additive).violations).toEqual([
      { coalition: [0], excess: 1 },
      ...Array.from({ length: n - 2 }, (_, k) => ({ coalition: [0, k + 2], excess: 1 })),
      { coalition: [0, ...Array.from({ length: n - 2 }, (_, k) => k + 2)], excess: 1 },
    ]);
  });
});
