/**
 * §7 for a service (docs/methods.md §7–§8): the cost game behind the bill,
 * its bills (the whole partnership's, or one per joint facility group), and
 * every allocation rule on each bill with its core check. The game and the
 * settlement of one group are in group-settlement.ts; here the groups are
 * settled — one after another, or by `GroupWork` on two threads — and
 * their shares gathered.
 */
import type { Solver } from '../../engines/linear-program.js';
import type { Progress } from '../location/investment-plan.js';
import type { CostSharing, ShareRule } from './cost-sharing-result.js';
import { billSettler, type CostSharingInputs, type GroupSettlement } from './group-settlement.js';
import { EXACT_PLAYERS, type CoreCheck, type CoreViolation } from './shapley.js';
import { SAMPLED_PLAYERS, SHAPLEY_MARGINALS } from './bill-groups.js';

export type { CostSharingInputs, GroupSettlement } from './group-settlement.js';

/**
 * Settles `count` bill groups and returns their settlements in group order;
 * `settle(g)` settles group g on this thread. An implementation may settle
 * some groups elsewhere with `billSettler(inputs, …).settle(g)` — the same
 * settlement (group-settlement.ts). `work[g]` estimates group g's work
 * (coalition costs); `onSettled` counts groups as they are done.
 */
export type GroupWork = (inputs: CostSharingInputs, work: readonly number[], settle: (g: number) => GroupSettlement, onSettled: (done: number) => void) => GroupSettlement[];

/** Groups one after another on this thread. */
export const settleHere: GroupWork = (_inputs, work, settle, onSettled) =>
  work.map((_, g) => {
    const settlement = settle(g);
    onSettled(g + 1);
    return settlement;
  });

/**
 * A group's work, roughly, in coalition costs of a small group: every
 * coalition up to EXACT_PLAYERS; above, the sampled marginals and checks,
 * each weighted by the group's size — their coalitions are as large as the
 * group's and far harder (measured nationally: 0.6 ms per coalition in a
 * 12-player group, 14 ms in a 19-player one).
 */
export function groupWork(players: number): number {
  if (players <= EXACT_PLAYERS) return 2 ** players;
  return players * (players <= SAMPLED_PLAYERS ? SHAPLEY_MARGINALS + 3 * players + 100 : 2 * players);
}

/**
 * Players: partners the plan (`investment`, budgeted or not) serves. A
 * partnership of at most EXACT_PLAYERS players settles one bill, the whole
 * partnership's game with its own c(N). A larger one settles a bill per
 * joint facility group — players who share a planned facility or are
 * linked through shared ones; each group's bill is what its facilities
 * cost in the plan, so the groups' bills add up to the plan's cost. Every
 * rule (Shapley, SCRB, the nucleolus, the proportional rules and the
 * LP-dual core allocation) splits each bill on the group's own game, and is
 * checked against the group's coalitions.
 */
export function shareCosts(inputs: CostSharingInputs, solver: Solver, onProgress?: Progress, work: GroupWork = settleHere): CostSharing {
  const settler = billSettler(inputs, solver);
  const { players, memberLists } = settler;
  const n = players.length;
  const standalone = new Float64Array(n);
  const outsideResidents = new Float64Array(n);
  players.forEach((_, k) => {
    const alone = settler.alone(k);
    standalone[k] = alone.cost;
    outsideResidents[k] = alone.left;
  });
  const label = `${inputs.service.id}: cost sharing`;
  const settlements = work(
    inputs,
    memberLists.map((members) => groupWork(members.length)),
    (g) => settler.settle(g, onProgress),
    (done) => onProgress?.(label, done, memberLists.length),
  );
  const gather = (pick: (settlement: GroupSettlement) => Float64Array): Float64Array => {
    const all = new Float64Array(n).fill(NaN);
    settlements.forEach((settlement) => settlement.group.members.forEach((k, m) => (all[k] = pick(settlement)[m])));
    return all;
  };
  const check = (rule: ShareRule): CoreCheck => {
    const into = { complete: true, checked: 0, violations: [] as CoreViolation[] };
    for (const settlement of settlements) {
      const one = settlement.checks[rule];
      if (!one) continue;
      into.complete &&= one.complete;
      into.checked += one.checked;
      into.violations.push(...one.violations);
    }
    return { ...into, violations: into.violations.sort((a, b) => b.excess - a.excess) };
  };
  const billGroups = settlements.map((settlement) => settlement.group);
  const nucleolusSome = billGroups.some((group) => group.nucleolus.computed);
  return {
    players,
    grandCost: billGroups.reduce((sum, group) => sum + group.bill, 0),
    shapleyComplete: billGroups.every((group) => group.shapley.computed),
    standalone,
    byUse: gather((s) => s.byUse),
    byPopulation: gather((s) => s.byPopulation),
    shapley: gather((s) => s.shapley),
    shapleySE: gather((s) => s.shapleySE),
    scrb: gather((s) => s.scrb),
    scrbNegative: settlements.flatMap((s) => s.scrbNegative).sort((a, b) => a - b),
    ...(nucleolusSome ? { nucleolus: gather((s) => s.nucleolus) } : {}),
    nucleolusComplete: billGroups.every((group) => group.nucleolus.computed),
    coreAllocation: gather((s) => s.coreAllocation),
    residents: settler.residents,
    outsideResidents,
    exact: billGroups.every((group) => group.shapleyExact),
    permutations: billGroups.reduce((most, group) => (group.shapleyExact || !group.shapley.computed ? most : Math.max(most, group.permutations)), 0),
    games: settler.games,
    game: settler.partnership ? 'partnership' : 'facility groups',
    groups: billGroups,
    core: {
      shapley: check('shapley'),
      scrb: check('scrb'),
      ...(nucleolusSome ? { nucleolus: check('nucleolus') } : {}),
      by_use: check('by_use'),
      by_population: check('by_population'),
      core_allocation: check('core_allocation'),
    },
  };
}
