/**
 * What §7 gives for a service (docs/methods.md §7–§8): the shares of every
 * rule, the bills they split and the core checks; cost-sharing.ts computes it.
 */
import type { CoreCheck } from './shapley.js';

export type ShareRule = 'shapley' | 'scrb' | 'nucleolus' | 'by_use' | 'by_population' | 'core_allocation';

/** A rule limited to some bills: computed for this one, or why not. */
export type RuleStatus = { readonly computed: true } | { readonly computed: false; readonly reason: string };

/** One bill: a group of players settled on its own (docs/methods.md §8). */
export interface BillGroup {
  /** Player positions (in `CostSharing.players`), sorted. */
  readonly members: readonly number[];
  /** What the group's facilities cost in the plan (investment + λ·person-km). */
  readonly bill: number;
  readonly shapleyExact: boolean;
  /** The Shapley value and SCRB: computed (at most SAMPLED_PLAYERS players), or why not. */
  readonly shapley: RuleStatus;
  readonly scrb: RuleStatus;
  /** Sampled Shapley: permutations (antithetic pairs × 2); 0 when exact. */
  readonly permutations: number;
  /** Distinct coalition costs evaluated for this group (all rules and checks). */
  readonly evaluations: number;
  /** The nucleolus: computed (at most NUCLEOLUS_PLAYERS players, an imputation exists), or why not. */
  readonly nucleolus: RuleStatus;
  /** The LP-dual core allocation: computed, or why not. */
  readonly coreAllocation: RuleStatus;
  /** Every coalition of the group was checked against every rule. */
  readonly coreComplete: boolean;
  /**
   * Groups above EXACT_PLAYERS players: the largest relative gap
   * (cost − bound) / cost of a coalition cost — branch and bound within
   * SAMPLED_SOLVES solves, else HiGHS's MILP, each stopping within
   * SAMPLED_GAP (HiGHS's counted as that gap); 0 when every cost was proved
   * exactly (and in smaller groups, whose costs are proved).
   */
  readonly costGap: number;
}

export interface CostSharing {
  /** Players: partners with residual demand a facility can reach (municipality indices). */
  readonly players: readonly number[];
  readonly grandCost: number;
  readonly standalone: Float64Array;
  readonly byUse: Float64Array;
  readonly byPopulation: Float64Array;
  /** The Shapley value; NaN in groups where it is not computed (above SAMPLED_PLAYERS players). */
  readonly shapley: Float64Array;
  readonly shapleySE: Float64Array;
  /** The Shapley value and SCRB were computed in every group. */
  readonly shapleyComplete: boolean;
  readonly exact: boolean;
  readonly permutations: number;
  /** Separable costs – remaining benefits (NaN where not computed); players whose remaining benefit was negative (counted as zero). */
  readonly scrb: Float64Array;
  readonly scrbNegative: readonly number[];
  /** The nucleolus; NaN in groups where it is not computed, undefined when computed in none. */
  readonly nucleolus?: Float64Array;
  /** The nucleolus was computed in every group. */
  readonly nucleolusComplete: boolean;
  /** LP-dual core allocation (Goemans & Skutella 2004); NaN in groups where it is not computed. */
  readonly coreAllocation: Float64Array;
  /** Residents of each player the bill serves (what the plan split here serves of its residual). */
  readonly residents: Float64Array;
  /** Residents paid at their outside option in the stand-alone cost (its own territory cannot serve them). */
  readonly outsideResidents: Float64Array;
  /** Independent games (players who cannot share a facility never interact). */
  readonly games: number;
  /** 'partnership': one bill for all players (at most EXACT_PLAYERS); 'facility groups': a bill per joint facility group. */
  readonly game: 'partnership' | 'facility groups';
  readonly groups: readonly BillGroup[];
  readonly core: Readonly<Record<Exclude<ShareRule, 'nucleolus'>, CoreCheck>> & { readonly nucleolus?: CoreCheck };
}

/** Each rule's shares in a CostSharing (the nucleolus only where computed in some group). */
const SHARES: Readonly<Record<ShareRule, (sharing: CostSharing) => Float64Array | undefined>> = {
  shapley: (sharing) => sharing.shapley,
  scrb: (sharing) => sharing.scrb,
  nucleolus: (sharing) => sharing.nucleolus,
  by_use: (sharing) => sharing.byUse,
  by_population: (sharing) => sharing.byPopulation,
  core_allocation: (sharing) => sharing.coreAllocation,
};

/**
 * Core membership of player k (its position in `players`) under a rule's
 * shares (docs/methods.md §7): true when no coalition checked that holds
 * it pays more than going alone; undefined where the rule was not computed
 * for its group (its share is NaN) or not checked. What cost-sharing.csv's
 * `core_ok` columns, the reports' `…_core` columns and the explorer show.
 */
export function playerInCore(sharing: CostSharing, rule: ShareRule, k: number): boolean | undefined {
  const shares = SHARES[rule](sharing);
  const check = sharing.core[rule];
  if (!shares || Number.isNaN(shares[k]) || !check) return undefined;
  return violators(check, shares.length)[k] === 0;
}

/** Per check, 1 for each player in a violating coalition: computed once (a national check lists thousands of coalitions, asked for each of 2,000 players). */
const violatorsByCheck = new WeakMap<object, Uint8Array>();

function violators(check: { readonly violations: readonly { readonly coalition: readonly number[] }[] }, players: number): Uint8Array {
  let found = violatorsByCheck.get(check);
  if (found === undefined) {
    found = new Uint8Array(players);
    for (const violation of check.violations) for (const k of violation.coalition) found[k] = 1;
    violatorsByCheck.set(check, found);
  }
  return found;
}

/** A rule's allocation is in the core as far as checked: no coalition checked pays more than going alone. */
export function allocationInCore(check: { readonly violations: readonly unknown[] }): boolean {
  return check.violations.length === 0;
}

/** What player k saves with the Shapley value against going alone, c({k}) − φ_k (NaN where the Shapley value is not computed). */
export function shapleySaving(sharing: CostSharing, k: number): number {
  return sharing.standalone[k] - sharing.shapley[k];
}
