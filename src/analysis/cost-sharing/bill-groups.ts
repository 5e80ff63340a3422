/**
 * Bills settled per group (METHODS.md §7 at scale; docs/methods.md §8):
 * a bill is a cost game of its own — its players, the cost c(T) of every
 * coalition T of them and the bill c(N) to split — to which any allocation
 * rule applies. Small games (≤ EXACT_PLAYERS) are solved exactly for every
 * rule and checked against every coalition; larger ones get a sampled
 * Shapley value with a stated number of marginal costs and standard errors,
 * and a sampled core check. A rule that a game is too large for says so
 * instead of a number.
 */
import type { Random } from '../../engines/random.js';
import { antitheticShapley, cachedCost, coreCheck, EXACT_PLAYERS, exactShapley, sampledCoreCheck, type CoreCheck, type CostFunction, type ShapleyResult } from './shapley.js';

/** One bill: players 0…size−1 (local), c(T) for sorted T, c(all) = bill; costs cached. */
export interface BillGame {
  readonly size: number;
  readonly bill: number;
  readonly cost: CostFunction & { readonly evaluations: () => number; readonly coalitions: () => number[][] };
}

/**
 * Marginal costs a sampled Shapley value may evaluate in one game
 * (2 · pairs · players): each is a coalition's §6 program, so the count
 * bounds the phase's time; the report states the permutations and the
 * standard errors they leave.
 */
export const SHAPLEY_MARGINALS = 600;
/**
 * Players above which a group's Shapley value and SCRB are not computed
 * (each needs hundreds of coalitions, each a §6 program of up to the whole
 * group): the group gets the LP-dual core allocation and the proportional
 * rules, checked against its single members.
 */
export const SAMPLED_PLAYERS = 24;
/**
 * LP solves of branch and bound per coalition cost in a group above
 * EXACT_PLAYERS players (whose Shapley value is sampled), with a dive for a
 * first plan; a coalition not proved by then goes to HiGHS's MILP, within
 * SAMPLED_GAP. Branching on the counts of facilities of covers first
 * (location-game.ts) proves nearly every coalition within a few hundred
 * solves, while HiGHS's MILP on what is left costs 80–660 ms each. Measured
 * on 300 random coalitions of dumped groups, 200 → 600 solves: a national
 * 19-player group 1 → 0 MILPs, 748 → 600 ms; a mazowieckie 23-player one
 * 1 → 0, 907 → 360 ms; a national 23-player one 2 → 0, 1,761 → 453 ms;
 * others the same solves. 600 → 2,000: the one coalition of the national
 * scenario still left to HiGHS (a 17-point coalition of a 19-player group)
 * is proved in 1,771 solves, 1,255 → 338 ms; the random coalitions above
 * the same. Every cost within 0.01 % either way.
 */
export const SAMPLED_SOLVES = 2000;
/**
 * The relative gap within which such a coalition's plan counts as proved
 * (0.01 %, HiGHS's own default for MILPs): measured on the same 100
 * coalitions, 4,517 → 2,183 LP solves and 3.4 → 1.8 s, their costs' sum
 * 1.6e-6 higher; on Siedlce's 16-player group 7,535 → 6,809 solves.
 */
export const SAMPLED_GAP = 1e-4;
/** Antithetic pairs of permutations at least, however large the game. */
export const MIN_PAIRS = 10;

/** A bill of `size` players whose grand coalition costs `bill`; other coalitions cost `cost(T)`. */
export function billGame(size: number, bill: number, cost: CostFunction): BillGame {
  return { size, bill, cost: cachedCost((coalition) => (coalition.length === size ? bill : cost(coalition))) };
}

/** A rule's outcome on one bill: shares, or why it was not computed. */
export type RuleOutcome = { readonly computed: true; readonly shares: Float64Array } | { readonly computed: false; readonly reason: string };

/** The Shapley value of a bill: exact up to EXACT_PLAYERS players, else antithetic sampling within SHAPLEY_MARGINALS. */
export function billShapley(game: BillGame, random: Random, onProgress?: (done: number, total: number) => void): ShapleyResult {
  if (game.size <= EXACT_PLAYERS) return exactShapley(game.size, game.cost, onProgress);
  const pairs = Math.max(MIN_PAIRS, Math.floor(SHAPLEY_MARGINALS / (2 * game.size)));
  return antitheticShapley(game.size, game.cost, random, pairs, onProgress);
}

/**
 * Core check of shares on a bill: every coalition up to EXACT_PLAYERS
 * players; else, up to SAMPLED_PLAYERS, singletons, complements and every
 * coalition `known()` gives (those the sampled Shapley value costed); above
 * that the singletons only.
 */
export function billCoreCheck(game: BillGame, shares: ArrayLike<number>, known: () => readonly (readonly number[])[]): CoreCheck {
  if (game.size <= EXACT_PLAYERS) return coreCheck(game.size, shares, game.cost);
  if (game.size <= SAMPLED_PLAYERS) return sampledCoreCheck(game.size, shares, game.cost, known());
  return singletonCheck(game, shares);
}

/** Does any single player pay more than going alone? (Tolerance as `coreCheck`.) */
function singletonCheck(game: BillGame, shares: ArrayLike<number>): CoreCheck {
  const violations = Array.from({ length: game.size }, (_, i) => ({ coalition: [i], excess: shares[i] - game.cost([i]) }))
    .filter((v) => v.excess > 1e-6 * Math.max(1, Math.abs(game.cost(v.coalition))))
    .sort((a, b) => b.excess - a.excess);
  return { complete: false, checked: game.size, violations };
}

/** "not computed: 40 players" — the reason a rule limited to small games gives for a larger one. */
export function tooLarge(game: BillGame, limit: number): RuleOutcome | undefined {
  return game.size > limit ? { computed: false, reason: `not computed: ${game.size} players` } : undefined;
}

/**
 * Groups of players who share a facility of the plan, or are linked through
 * shared ones (union of every facility's served players); a player no
 * facility serves is a group of its own. Groups in order of their smallest
 * player, members sorted.
 */
export function facilityGroups(players: number, facilities: readonly (readonly number[])[]): number[][] {
  const parent = Int32Array.from({ length: players }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  for (const served of facilities) {
    for (let k = 1; k < served.length; k++) {
      const a = find(served[0]);
      const b = find(served[k]);
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
    }
  }
  const byRoot = new Map<number, number[]>();
  for (let i = 0; i < players; i++) {
    const root = find(i);
    const list = byRoot.get(root) ?? [];
    list.push(i);
    byRoot.set(root, list);
  }
  return [...byRoot.values()];
}
