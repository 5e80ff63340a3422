/**
 * The cost game behind the bill and the settlement of one bill group
 * (docs/methods.md §7–§8). Players: partners the plan (`investment`,
 * budgeted or not) serves; each coalition serves exactly the residents the
 * plan serves of its members, e_i — like with like. c(T) = the least §6
 * cost of serving them with facilities in T's own territory (several at a
 * site where needed, expansions within their cap), summed over T's
 * independent clusters (each cluster's plan cached), plus, for the
 * residents T's territory cannot serve (out of reach, or no room), their
 * **outside option**: per resident, what serving all e_i residents of i
 * with every candidate site in reach costs, divided by e_i (solved when
 * first needed).
 *
 * A group's settlement depends on its own members only — its coalitions'
 * clusters, its open program, its own random generators (seeded with the
 * run's seed and the group's number) — so it is the same whichever thread
 * settles it and in whatever order (cost-sharing.ts may hand groups to a
 * second core).
 */
import type { Parameters } from '../../model/parameters.js';
import type { Dataset, Service } from '../../model/types.js';
import { billCoreCheck, billGame, billShapley, facilityGroups, SAMPLED_GAP, SAMPLED_PLAYERS, SAMPLED_SOLVES, tooLarge, type BillGame, type RuleOutcome } from './bill-groups.js';
import { components, groups } from '../../engines/components.js';
import type { BillGroup, ShareRule } from './cost-sharing-result.js';
import type { InvestmentPlan, Progress } from '../location/investment-plan.js';
import { buildInstance, clusters } from '../location/investment-plan.js';
import type { Solver } from '../../engines/linear-program.js';
import { openLocationGame, type LocationGame } from './location-game.js';
import { clusterSplitter, ownSiteOnly, ownSitePart } from './coalition-clusters.js';
import { solveLocation, type LocationInstance } from '../location/location.js';
import type { Neighbours } from '../accessibility/neighbours.js';
import { lpDualAllocation } from './lp-dual-allocation.js';
import { nucleolus, NUCLEOLUS_PLAYERS } from './nucleolus.js';
import { mulberry32 } from '../../engines/random.js';
import { scrb } from './scrb.js';
import { EXACT_PLAYERS, exactShapley, proportional, type CoreCheck, type ShapleyResult } from './shapley.js';

/** What §7 splits for one service: plain data (a worker thread gets a copy). */
export interface CostSharingInputs {
  readonly dataset: Dataset;
  readonly parameters: Parameters;
  readonly service: Service;
  readonly index: number;
  readonly pairs: Neighbours;
  readonly investment: InvestmentPlan;
  readonly budget: number | undefined;
}

/** One group's shares (in the order of its members; NaN where a rule is not computed) and core checks (coalitions as player positions). */
export interface GroupSettlement {
  readonly group: BillGroup;
  readonly shapley: Float64Array;
  readonly shapleySE: Float64Array;
  readonly byUse: Float64Array;
  readonly byPopulation: Float64Array;
  readonly scrb: Float64Array;
  /** Players (positions) whose SCRB remaining benefit was negative. */
  readonly scrbNegative: readonly number[];
  readonly nucleolus: Float64Array;
  readonly coreAllocation: Float64Array;
  readonly checks: Partial<Record<ShareRule, CoreCheck>>;
}

export interface BillSettler {
  /** Players: municipality indices. */
  readonly players: readonly number[];
  /** Residents of each player the plan serves. */
  readonly residents: Float64Array;
  /** The bill groups: player positions, sorted. */
  readonly memberLists: readonly (readonly number[])[];
  /** One bill for the whole partnership (at most EXACT_PLAYERS players). */
  readonly partnership: boolean;
  /** Independent games among the players. */
  readonly games: number;
  /** Player k alone: its cost and the residents left to its outside option. */
  alone(k: number): { cost: number; left: number };
  settle(g: number, onProgress?: Progress): GroupSettlement;
}

export function billSettler(inputs: CostSharingInputs, solver: Solver): BillSettler {
  const { dataset, parameters, service, index, pairs, investment, budget } = inputs;
  const total = dataset.municipalities.length;
  const served = new Float64Array(total);
  for (const facility of investment.facilities) for (const s of facility.serves) served[s.municipality] += s.residents;
  const players = Array.from({ length: total }, (_, i) => i).filter((i) => served[i] > 0 && dataset.municipalities[i].partner);
  const n = players.length;
  const candidate = (i: number): boolean => dataset.municipalities[i].candidate;
  const position = new Map(players.map((i, k) => [i, k]));
  const inReach = (i: number): number[] => {
    const reach: number[] = [];
    for (let e = pairs.start[i]; e < pairs.start[i + 1]; e++) if (candidate(pairs.neighbour[e])) reach.push(pairs.neighbour[e]);
    return reach.sort((a, b) => a - b);
  };
  /**
   * The plan of one cluster: its cost and the residents it serves of each of its points — on the
   * group's open program when one is given and it serves everyone, else by a full §6 solve.
   */
  const clusterPlan = (part: LocationInstance, game?: GroupGame): { cost: number; reached: Float64Array } => {
    const closed = ownSiteOnly(part, parameters.lambda);
    if (closed) return closed;
    const fast = game?.failed.has(keyOf(part.points))
      ? undefined
      : game?.game.cost(
          part.points.map((point) => game.pointOf.get(point.municipality)!),
          part.sites.map((site) => game.siteOf.get(site.municipality)!),
        );
    if (fast !== undefined) return { cost: fast, reached: Float64Array.from(part.points, (point) => point.residents) };
    const plan = solveLocation(part, solver, { timeLimit: parameters.timeLimitSeconds });
    const reached = new Float64Array(part.points.length);
    for (const facility of plan.facilities) for (const a of facility.assigned) reached[a.point] += a.residents;
    return { cost: plan.cost, reached };
  };
  // Outside option of each player, per resident: its own plan with every candidate site in reach (when first needed).
  const rates = new Float64Array(n).fill(NaN);
  const outsideRate = (k: number): number => {
    if (Number.isNaN(rates[k])) {
      const { instance } = buildInstance(dataset, service, index, served, pairs, { points: [players[k]], sites: inReach(players[k]) }, parameters.lambda);
      let cost = 0;
      let reached = 0;
      for (const part of clusters(instance)) {
        const plan = clusterPlan(part);
        cost += plan.cost;
        reached += plan.reached.reduce((a, b) => a + b, 0);
      }
      rates[k] = reached > 0 ? cost / reached : 0;
    }
    return rates[k];
  };
  const clusterCache = new Map<string, { cost: number; reached: Float64Array }>();
  /** c(T) for players (positions, sorted) T and the residents of each member left to its outside option. */
  const evaluate = (coalition: readonly number[], game?: GroupGame): { cost: number; left: Float64Array } => {
    const left = Float64Array.from(coalition, (k) => served[players[k]]);
    if (coalition.length === 0) return { cost: 0, left };
    const fast = game && evaluateOnGame(coalition, game, left);
    if (fast !== undefined) return { cost: fast, left };
    const municipalities = coalition.map((k) => players[k]);
    const { instance } = buildInstance(dataset, service, index, served, pairs, { points: municipalities, sites: municipalities.filter(candidate) }, parameters.lambda);
    const slot = new Map(municipalities.map((m, q) => [m, q]));
    let cost = 0;
    for (const part of clusters(instance)) {
      const key = keyOf(part.points);
      let known = clusterCache.get(key);
      if (known === undefined) {
        known = clusterPlan(part, game);
        clusterCache.set(key, known);
      }
      cost += known.cost;
      part.points.forEach((point, p) => (left[slot.get(point.municipality)!] = Math.max(0, left[slot.get(point.municipality)!] - known!.reached[p])));
    }
    coalition.forEach((k, q) => (cost += left[q] * (left[q] > 1e-9 ? outsideRate(k) : 0)));
    return { cost, left };
  };
  /**
   * `evaluate` on the group's instance: the coalition's clusters read off it (coalition-clusters.ts, the
   * same clusters in the same order), each cached, closed-form or costed on the open program; undefined
   * (nothing cached) when one of them is not solved there — `evaluate` then solves it in full.
   */
  const evaluateOnGame = (coalition: readonly number[], game: GroupGame, left: Float64Array): number | undefined => {
    const siteOn = new Uint8Array(game.instance.sites.length);
    const points: number[] = [];
    const slot = new Map<number, number>();
    coalition.forEach((k, q) => {
      const p = game.pointOf.get(players[k]);
      if (p !== undefined) {
        points.push(p);
        slot.set(p, q);
      }
      const j = game.siteOf.get(players[k]);
      if (j !== undefined) siteOn[j] = 1;
    });
    const plans: { cost: number; reached: Float64Array }[] = [];
    const parts = game.split(points, siteOn);
    for (const part of parts) {
      const key = keyOf(part.points.map((p) => game.instance.points[p]));
      let known = clusterCache.get(key);
      if (known === undefined) {
        known = ownSiteOnly(ownSitePart(game.instance, part), parameters.lambda);
        const fast = known ? undefined : game.failed.has(key) ? undefined : game.game.cost(part.points, part.sites);
        if (!known && fast === undefined) {
          game.failed.add(key);
          return undefined;
        }
        known ??= { cost: fast!, reached: Float64Array.from(part.points, (p) => game.instance.points[p].residents) };
        clusterCache.set(key, known);
      }
      plans.push(known);
    }
    let cost = 0;
    parts.forEach((part, c) => {
      cost += plans[c].cost;
      part.points.forEach((p, m) => (left[slot.get(p)!] = Math.max(0, left[slot.get(p)!] - plans[c].reached[m])));
    });
    coalition.forEach((k, q) => (cost += left[q] * (left[q] > 1e-9 ? outsideRate(k) : 0)));
    return cost;
  };
  /** The group's instance (its members' points, their candidate sites) kept open for its coalitions. */
  const openGame = (members: readonly number[]): GroupGame | undefined => {
    // Above EXACT_PLAYERS the Shapley value is sampled anyway: coalition costs within SAMPLED_SOLVES solves and SAMPLED_GAP each.
    if (members.length < 2) return undefined;
    const municipalities = members.map((k) => players[k]);
    const { instance } = buildInstance(dataset, service, index, served, pairs, { points: municipalities, sites: municipalities.filter(candidate) }, parameters.lambda);
    if (instance.points.length === 0) return undefined;
    return {
      game: openLocationGame(instance, solver, members.length > EXACT_PLAYERS ? { maxSolves: SAMPLED_SOLVES, relativeGap: SAMPLED_GAP, timeLimit: parameters.timeLimitSeconds } : {}),
      instance,
      split: clusterSplitter(instance),
      failed: new Set(),
      pointOf: new Map(instance.points.map((point, p) => [point.municipality, p])),
      siteOf: new Map(instance.sites.map((site, j) => [site.municipality, j])),
    };
  };
  // Players interact only if one can host a facility that serves the other.
  const edges: [number, number][] = [];
  players.forEach((i, k) => {
    for (let e = pairs.start[i]; e < pairs.start[i + 1]; e++) {
      const other = position.get(pairs.neighbour[e]);
      if (other !== undefined && other !== k && candidate(pairs.neighbour[e])) edges.push([k, other]);
    }
  });
  const independent = groups(components(n, edges));
  const facilityPlayers = investment.facilities.map((f) => f.serves.map((s) => position.get(s.municipality)).filter((k): k is number => k !== undefined));
  const partnership = n <= EXACT_PLAYERS;
  const memberLists = partnership ? (n > 0 ? [players.map((_, k) => k)] : []) : facilityGroups(n, facilityPlayers);
  /** The bill: the whole partnership's game keeps its own c(N) (as METHODS.md §7); a group pays what its facilities cost in the plan. */
  // The facilities serving each municipality (plan order), listed once: a group's bill adds up its members' in plan order.
  const servingOf = new Map<number, number[]>();
  investment.facilities.forEach((f, k) =>
    f.serves.forEach((s) => {
      const list = servingOf.get(s.municipality) ?? [];
      if (list[list.length - 1] !== k) list.push(k);
      servingOf.set(s.municipality, list);
    }),
  );
  const billOf = (members: readonly number[], coalitionCost: (coalition: readonly number[]) => number): number => {
    if (partnership || budget !== undefined) return coalitionCost(members);
    const serving = [...new Set(members.flatMap((k) => servingOf.get(players[k]) ?? []))].sort((a, b) => a - b);
    return serving.reduce((sum, k) => {
      const f = investment.facilities[k];
      return sum + f.capex + parameters.lambda * f.serves.reduce((km, s) => km + s.residents * s.km, 0);
    }, 0);
  };

  function settle(g: number, onProgress?: Progress): GroupSettlement {
    const members = memberLists[g];
    // Each member alone first, by a full §6 solve (as the stand-alone costs are): the same cached costs in every thread.
    for (const k of members) evaluate([k]);
    // The open program when a coalition of two or more first needs it (a group of two never does: its
    // members alone are known, the two together pay the bill). A single member's cost is cached either way.
    let open: GroupGame | undefined | null = null;
    const game = (): GroupGame | undefined => (open === null ? (open = openGame(members)) : open);
    try {
      const coalitionCost = (coalition: readonly number[]): number => evaluate(coalition, coalition.length > 1 ? game() : (open ?? undefined)).cost;
      return settleGame(members, g, coalitionCost, () => open?.game.worstGap() ?? 0, onProgress);
    } finally {
      (open as GroupGame | undefined | null)?.game.dispose();
    }
  }

  function settleGame(members: readonly number[], g: number, coalitionCost: (coalition: readonly number[]) => number, worstGap: () => number, onProgress?: Progress): GroupSettlement {
    const game: BillGame = billGame(members.length, billOf(members, coalitionCost), (coalition) => coalitionCost(coalition.map((k) => members[k])));
    const label = `${service.id}: cost sharing, group ${g + 1} of ${memberLists.length} (${members.length} players)`;
    const progress = onProgress ? (done: number, count: number) => onProgress(label, done, count) : undefined;
    // The whole partnership's game is the sum of its independent games when the bill is their total: the
    // Shapley value is then theirs, game by game (the same value, fewer coalitions).
    const additive = partnership && independent.length > 1;
    // Above SAMPLED_PLAYERS the Shapley value and SCRB are not computed (their coalitions would be the group's whole program, hundreds of times).
    const large = !additive && members.length > SAMPLED_PLAYERS;
    const missing = Float64Array.from(members, () => NaN);
    // The group's permutations from its own generator (the core checks have theirs): the same whichever thread settles it.
    const value: ShapleyResult = large
      ? { value: missing, standardError: missing, exact: false, permutations: 0 }
      : additive
        ? partsShapley(independent, coalitionCost, progress)
        : billShapley(game, mulberry32(shapleySeed(parameters.seed, g)), progress);
    const use = proportional(
      game.bill,
      members.map((k) => served[players[k]]),
    );
    const population = proportional(
      game.bill,
      members.map((k) => dataset.municipalities[players[k]].population),
    );
    const bySeparable = large ? { value: missing, negative: [] as number[] } : scrb(members.length, game.cost);
    const least = nucleolus(members.length, game.cost, solver);
    const nucleolusOutcome: RuleOutcome = least
      ? { computed: true, shares: least.value }
      : (tooLarge(game, NUCLEOLUS_PLAYERS) ?? { computed: false, reason: 'not computed: the stand-alone costs add up to less than the bill' });
    const dual = lpDualAllocation(
      dataset,
      parameters.lambda,
      service,
      index,
      served,
      pairs,
      solver,
      members.map((k) => players[k]),
      game.bill,
    );
    const checks: Partial<Record<ShareRule, CoreCheck>> = {};
    // A sampled group's coalitions costed so far (the Shapley value's orders, SCRB's complements), listed once when
    // its first check needs them: the same for every rule, none solved again (exact and large groups never list them).
    let listed: readonly (readonly number[])[] | undefined;
    const known = (): readonly (readonly number[])[] => (listed ??= game.cost.coalitions());
    const record = (rule: ShareRule, shares: Float64Array): boolean => {
      const check = billCoreCheck(game, shares, known);
      checks[rule] = { ...check, violations: check.violations.map((v) => ({ coalition: v.coalition.map((m) => members[m]), excess: v.excess })) };
      return check.complete;
    };
    const complete = [...(large ? [false] : [record('shapley', value.value), record('scrb', bySeparable.value)]), record('by_use', use), record('by_population', population)].every(Boolean);
    if (nucleolusOutcome.computed) record('nucleolus', nucleolusOutcome.shares);
    if (dual.computed) record('core_allocation', dual.shares);
    const largeStatus = { computed: false as const, reason: `not computed: ${members.length} players` };
    return {
      group: {
        members,
        bill: game.bill,
        shapleyExact: value.exact,
        shapley: large ? largeStatus : { computed: true },
        scrb: large ? largeStatus : { computed: true },
        permutations: value.exact ? 0 : value.permutations,
        evaluations: game.cost.evaluations(),
        nucleolus: nucleolusOutcome.computed ? { computed: true } : { computed: false, reason: nucleolusOutcome.reason },
        coreAllocation: dual.computed ? { computed: true } : { computed: false, reason: dual.reason },
        coreComplete: complete,
        costGap: worstGap(),
      },
      shapley: value.value,
      shapleySE: value.standardError,
      byUse: use,
      byPopulation: population,
      scrb: bySeparable.value,
      scrbNegative: bySeparable.negative.map((m) => members[m]),
      nucleolus: nucleolusOutcome.computed ? nucleolusOutcome.shares : missing,
      coreAllocation: dual.computed ? dual.shares : missing,
      checks,
    };
  }

  return {
    players,
    residents: Float64Array.from(players, (i) => served[i]),
    memberLists,
    partnership,
    games: independent.length,
    alone(k) {
      const { cost, left } = evaluate([k]);
      return { cost, left: left[0] };
    },
    settle,
  };
}

/** A cluster's cache key: its points' municipalities. */
function keyOf(points: readonly { readonly municipality: number }[]): string {
  return points.map((point) => point.municipality).join(',');
}

/** The seed of group g's sampled permutations: apart from its core check's (seed + g + 1). */
function shapleySeed(seed: number, g: number): number {
  return (Math.imul(seed ^ 0x5bd1e995, 0x9e3779b1) + g) | 0;
}

/** A bill group's open program and where its members' points and sites are in it. */
interface GroupGame {
  readonly game: LocationGame;
  readonly instance: LocationInstance;
  readonly split: ReturnType<typeof clusterSplitter>;
  /** Clusters (keyOf) the open program did not solve: solved in full. */
  readonly failed: Set<string>;
  readonly pointOf: ReadonlyMap<number, number>;
  readonly siteOf: ReadonlyMap<number, number>;
}

/** Shapley values of independent games (lists of positions into 0…n−1 covering all), each exact. */
function partsShapley(parts: readonly (readonly number[])[], cost: (coalition: readonly number[]) => number, onProgress?: (done: number, total: number) => void): ShapleyResult {
  const n = parts.reduce((sum, part) => sum + part.length, 0);
  const value = new Float64Array(n);
  for (const part of parts) {
    const result = exactShapley(part.length, (coalition) => cost(coalition.map((k) => part[k])), onProgress);
    part.forEach((k, m) => (value[k] = result.value[m]));
  }
  return { value, standardError: new Float64Array(n), exact: true, permutations: 0 };
}
