/**
 * The nucleolus (Schmeidler 1969) by sequential LPs with HiGHS: Young
 * (1985)'s three-town game, hand cases, and seeded random games of 4–8
 * players against an independent Python implementation (scipy's HiGHS,
 * a different way of finding the fixed coalitions) kept in
 * fixtures/share/nucleolus-random (nucleolus.py → games.json). Tolerance
 * 1e-6 absolute (costs 10–240).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Solver } from '../../engines/linear-program.js';
import { testSolvers } from '../../testing/solvers.js';
import { nucleolus, NUCLEOLUS_PLAYERS } from './nucleolus.js';
import type { CostFunction } from './shapley.js';

let solver: Solver;
// As `analyze` runs it: open programs of a partnership's size on our dual simplex, larger ones on HiGHS.
let ours: Solver;
beforeAll(async () => {
  ({ highs: solver, own: ours } = await testSolvers());
});

/** A cost function from costs indexed by coalition bitmask. */
const byMask =
  (costs: readonly number[]): CostFunction =>
  (coalition) =>
    costs[coalition.reduce((mask, i) => mask | (1 << i), 0)];

interface Reference {
  readonly players: number;
  readonly costs: number[];
  readonly nucleolus: number[];
}

const reference = JSON.parse(readFileSync('fixtures/share/nucleolus-random/games.json', 'utf8')) as { young1985: Reference; games: Reference[] };

describe('nucleolus', () => {
  it('Young (1985), three towns: c(1)=15 c(2)=20 c(3)=55 c(12)=35 c(13)=61 c(23)=65 c(123)=78 → (14, 18.5, 45.5)', () => {
    const result = nucleolus(3, byMask([0, 15, 20, 35, 55, 61, 65, 78]), solver)!;
    expect(result).toBeDefined();
    [14, 18.5, 45.5].forEach((expected, i) => expect(Math.abs(result.value[i] - expected)).toBeLessThanOrEqual(1e-6));
  });

  it('a symmetric game splits equally; one player pays its own cost', () => {
    const symmetric = nucleolus(3, (coalition) => [0, 10, 16, 21][coalition.length], solver)!;
    Array.from(symmetric.value).forEach((value) => expect(value).toBeCloseTo(7, 9));
    expect(Array.from(nucleolus(1, () => 42, solver)!.value)).toEqual([42]);
  });

  it('two players split the saving equally, exactly: c(1) = 3,670,000, c(2) = 1,300,000, c(12) = 3,970,300 save 999,700 → (3,170,150, 800,150)', () => {
    expect(Array.from(nucleolus(2, byMask([0, 3670000, 1300000, 3970300]), solver)!.value)).toEqual([3170150, 800150]);
  });

  it('an additive game (no economy) charges each its stand-alone cost', () => {
    const alone = [3, 5, 7, 11];
    const result = nucleolus(4, (coalition) => coalition.reduce((sum, i) => sum + alone[i], 0), solver)!;
    alone.forEach((cost, i) => expect(result.value[i]).toBeCloseTo(cost, 9));
  });

  it('is not computed without an imputation (Σ c({i}) < c(N)) or above NUCLEOLUS_PLAYERS players', () => {
    expect(nucleolus(2, byMask([0, 1, 1, 5]), solver)).toBeUndefined();
    expect(nucleolus(NUCLEOLUS_PLAYERS + 1, (coalition) => coalition.length, solver)).toBeUndefined();
  });

  it('equals the Python reference (scipy HiGHS) on Young (1985), 10 seeded random games of 4–8 players and a degenerate one (ties everywhere) to 1e-6, on HiGHS and on our dual simplex', () => {
    for (const [engine, on] of [
      ['HiGHS', solver],
      ['ours', ours],
    ] as const) {
      for (const game of [reference.young1985, ...reference.games]) {
        const result = nucleolus(game.players, byMask(game.costs), on)!;
        expect(result, `${engine}, ${game.players} players`).toBeDefined();
        game.nucleolus.forEach((expected, i) => expect(Math.abs(result.value[i] - expected), `${engine}, ${game.players} players, player ${i}`).toBeLessThanOrEqual(1e-6));
      }
    }
    expect(reference.games.map((game) => game.players)).toEqual([4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 6]);
  });
});

describe('nucleolus on bill groups of the national shortage scenario', () => {
  // fixtures/share/nucleolus-random/scenario_games.py: coalition costs as servflow computed them, the nucleolus by
  // nucleolus.py (scipy's HiGHS, every tight coalition tested on its own). Tolerance 1e-6 of the largest cost (PLN
  // millions: the solvers' feasibility tolerance on costs scaled to at most 1).
  const games = JSON.parse(readFileSync('fixtures/share/nucleolus-random/scenario-games.json', 'utf8')) as Reference[];

  it('equals the reference on a 12-player group and on a 10-player one where fixing by total slack found nothing to fix, on HiGHS and on our dual simplex', () => {
    expect(games.map((game) => game.players)).toEqual([12, 10]);
    for (const [engine, on] of [
      ['HiGHS', solver],
      ['ours', ours],
    ] as const) {
      for (const game of games) {
        const result = nucleolus(game.players, byMask(game.costs), on)!;
        expect(result, `${engine}, ${game.players} players`).toBeDefined();
        const tolerance = 1e-6 * Math.max(...game.costs);
        game.nucleolus.forEach((expected, i) => expect(Math.abs(result.value[i] - expected), `${engine}, ${game.players} players, player ${i}`).toBeLessThanOrEqual(tolerance));
        expect(result.programs).toBeLessThanOrEqual(game.players - 1);
      }
    }
  });
});
