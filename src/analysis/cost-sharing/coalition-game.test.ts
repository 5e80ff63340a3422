/**
 * The game behind `servflow share` (METHODS.md §7): coalitions not listed
 * cost their cheapest partition into listed ones, a listed coalition dearer
 * than its parts is lowered (and reported), then the shares of every rule
 * and their core checks. Hand cases only; the rules themselves are tested in
 * shapley.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CoalitionCosts } from '../../model/coalition-costs.js';
import { completeCosts, shareBill } from './coalition-game.js';
import type { Solver } from '../../engines/linear-program.js';
import { mulberry32 } from '../../engines/random.js';
import { testSolvers } from '../../testing/solvers.js';

let solver: Solver;
beforeAll(async () => {
  solver = (await testSolvers()).highs;
});

/** A game from `coalition → cost` with members joined by `+`, players in order of first appearance. */
function game(rows: Readonly<Record<string, number>>): CoalitionCosts {
  const players: string[] = [];
  const given = new Map<number, number>();
  for (const [coalition, cost] of Object.entries(rows)) {
    let mask = 0;
    for (const member of coalition.split('+')) {
      if (!players.includes(member)) players.push(member);
      mask |= 1 << players.indexOf(member);
    }
    given.set(mask, cost);
  }
  return { players, given };
}

describe('completeCosts', () => {
  it('unlisted coalitions cost their cheapest partition into listed ones', () => {
    const costs = game({ A: 5, B: 5, C: 5, D: 5, 'A+B': 8, 'C+D': 8, 'A+C': 7, 'B+D': 9 });
    const table = completeCosts(costs);
    const [A, B, C, D] = [1, 2, 4, 8];
    expect(table[0]).toBe(0);
    expect(table[A | D]).toBe(10); // A, D
    expect(table[A | B | C]).toBe(12); // A+C, B (not A+B, C = 13; not alone = 15)
    expect(table[B | C | D]).toBe(13); // C+D, B (B+D, C = 14)
    expect(table[A | B | C | D]).toBe(16); // A+B, C+D or A+C, B+D
    // listed coalitions cheaper than their parts keep their cost
    expect(table[A | C]).toBe(7);
    expect(table[B | D]).toBe(9);
  });

  it('a listed coalition dearer than its parts gets the cost of its parts', () => {
    const table = completeCosts(game({ A: 10, B: 10, C: 10, 'A+B': 15, 'A+B+C': 40 }));
    expect(Array.from(table)).toEqual([0, 10, 10, 15, 10, 20, 20, 25]);
  });

  it('a coalition that cannot be split into listed ones costs Infinity (the parser requires every stand-alone cost)', () => {
    const table = completeCosts(game({ A: 3, 'A+B': 4 }));
    expect(table[2]).toBe(Infinity);
    expect(table[3]).toBe(4);
  });

  it('does not change its input', () => {
    const costs = game({ A: 10, B: 10, 'A+B': 30 });
    const before = [...costs.given];
    completeCosts(costs);
    expect([...costs.given]).toEqual(before);
  });
});

describe('shareBill', () => {
  it('two players by hand: c(A) = 10, c(B) = 20, c(AB) = 24, weights 3 : 1', () => {
    // Shapley: A = ½·10 + ½·(24 − 20) = 7, B = ½·20 + ½·(24 − 10) = 17;
    // by stand-alone 24·10/30 = 8 and 16; by weight 18 and 6, so A pays 8 more than alone
    const bill = shareBill(game({ A: 10, B: 20, 'A+B': 24 }), mulberry32(1), solver, [3, 1]);
    expect(bill.players).toEqual(['A', 'B']);
    expect(bill.grandCost).toBe(24);
    expect(Array.from(bill.standalone)).toEqual([10, 20]);
    expect(Array.from(bill.byStandalone)).toEqual([8, 16]);
    expect(Array.from(bill.byWeight!)).toEqual([18, 6]);
    expect(Array.from(bill.shapley.value)).toEqual([7, 17]);
    expect(bill.shapley.exact).toBe(true);
    expect(bill.core.shapley.violations).toEqual([]);
    expect(bill.core.by_standalone.violations).toEqual([]);
    expect(bill.core.by_weight!.violations).toEqual([{ coalition: [0], excess: 8 }]);
    expect(bill.lowered).toEqual([]);
    // SCRB: separable 24 − 20 = 4 and 24 − 10 = 14, remaining 6 and 6, the rest 6 halved: 7 and 17.
    expect(Array.from(bill.scrb.value)).toEqual([7, 17]);
    // Nucleolus of two players: the saving 6 halved, 7 and 17.
    expect(bill.nucleolus![0]).toBeCloseTo(7, 9);
    expect(bill.nucleolus![1]).toBeCloseTo(17, 9);
    expect(bill.core.scrb.violations).toEqual([]);
    expect(bill.core.nucleolus!.violations).toEqual([]);
  });

  it('without weights there is no weighted rule', () => {
    const bill = shareBill(game({ A: 10, B: 20, 'A+B': 24 }), mulberry32(1), solver);
    expect(bill.byWeight).toBeUndefined();
    expect(bill.core.by_weight).toBeUndefined();
  });

  it('uses the lowered cost of a listed coalition and reports it', () => {
    // A+B+C is listed at 40 but A+B and C cost 25 together: the bill is 25
    const bill = shareBill(game({ A: 10, B: 10, C: 10, 'A+B': 15, 'A+B+C': 40 }), mulberry32(1), solver);
    expect(bill.grandCost).toBe(25);
    expect(bill.lowered).toEqual([{ mask: 7, given: 40, used: 25 }]);
    // Shapley: A and B are symmetric; C adds exactly its stand-alone 10 to every coalition (a dummy player)
    expect(bill.shapley.value[0]).toBeCloseTo(7.5, 12);
    expect(bill.shapley.value[1]).toBeCloseTo(7.5, 12);
    expect(bill.shapley.value[2]).toBeCloseTo(10, 12);
  });

  it('an unlisted grand coalition costs its cheapest partition', () => {
    const bill = shareBill(game({ A: 10, B: 10, C: 10, 'A+B': 15 }), mulberry32(1), solver);
    expect(bill.grandCost).toBe(25);
    expect(bill.lowered).toEqual([]);
  });

  it('above 12 players: Monte-Carlo (2,000 permutations, seeded), shares still sum to the bill, partial core check', () => {
    const rows: Record<string, number> = {};
    const names = Array.from({ length: 13 }, (_, k) => `P${k + 1}`);
    names.forEach((name, k) => (rows[name] = 10 + k));
    rows[names.slice(0, 7).join('+')] = 60;
    rows[names.slice(7).join('+')] = 80;
    const costs = game(rows);
    const bill = shareBill(costs, mulberry32(9), solver);
    expect(bill.shapley.exact).toBe(false);
    expect(bill.shapley.permutations).toBe(2000);
    expect(bill.grandCost).toBe(140);
    expect(Array.from(bill.shapley.value).reduce((a, b) => a + b, 0)).toBeCloseTo(140, 9);
    expect(bill.core.shapley.complete).toBe(false);
    expect(bill.nucleolus).toBeUndefined();
    expect(bill.core.nucleolus).toBeUndefined();
    expect(Array.from(bill.scrb.value).reduce((a, b) => a + b, 0)).toBeCloseTo(140, 9);
    const again = shareBill(costs, mulberry32(9), solver);
    expect(Array.from(again.shapley.value)).toEqual(Array.from(bill.shapley.value));
  });
});
