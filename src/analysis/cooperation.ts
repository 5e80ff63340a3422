/**
 * From "who lacks what" to "what to agree and build together, and who pays"
 * (METHODS.md §5–§7), per service: capacity-sharing agreements (§5), new
 * facilities and expansions for the residual demand (§6), and the split of
 * their cost between partners (§7): investment-plan.ts plans, cost-sharing.ts
 * splits the bill.
 */
import type { Dataset, Service } from '../model/types.js';
import type { Solver } from '../engines/linear-program.js';
import type { LocationOptions, Method } from './location/location.js';
import type { Neighbours } from './accessibility/neighbours.js';
import { untimed, type PhaseTimer } from './timing.js';
import { planInvestment } from './location/investment-plan.js';
import { shareCosts } from './cost-sharing/cost-sharing.js';

export { DEFAULT_EXPANSION_SHARE, expansionCap, wholeResidents } from './location/investment-plan.js';
import { shareCapacity, shareSpareToday, type Allocation, type SharingResult } from './sharing/sharing.js';
import type { CoreCheck } from './cost-sharing/shapley.js';

/**
 * §5 mode: `incremental` (default) places only today's unmet residents into
 * places spare today; `full-reallocation` re-solves who is served where from
 * scratch (every partner resident may move — an upper bound, not advice).
 */
export type SharingMode = 'incremental' | 'full-reallocation';

export interface CooperationOptions {
  /** Investment budget per service (PLN): maximal coverage instead of least cost. */
  readonly budget?: number;
  readonly sharing?: SharingMode;
  /** Force the heuristic for §6 (comparisons). */
  readonly heuristic?: boolean;
  readonly onProgress?: (label: string, done: number, total: number) => void;
  /** Wraps §5, §6 and §7 (benchmark); by default the work just runs. */
  readonly time?: PhaseTimer;
}

export interface PlannedFacility {
  readonly municipality: number;
  readonly kind: 'new' | 'expansion';
  /** Facilities of this kind at this site: several new ones where one of the maximum size cannot hold the demand. */
  readonly count: number;
  readonly places: number;
  readonly capex: number;
  readonly opexPerYear: number;
  /** Residents served, by home municipality. */
  readonly serves: readonly { readonly municipality: number; readonly residents: number; readonly km: number }[];
  readonly meanKm: number;
  readonly maxKm: number;
}

export interface InvestmentPlan {
  readonly facilities: readonly PlannedFacility[];
  readonly investment: number;
  readonly opexPerYear: number;
  readonly personKm: number;
  /** Objective value: investment + λ·person-km. */
  readonly cost: number;
  readonly served: number;
  /** Residual demand no candidate site reaches within the catchment. */
  readonly unreachable: readonly { readonly municipality: number; readonly residents: number }[];
  /** Residual demand left unserved under the budget. */
  readonly unservedInBudget: number;
  /** Residual demand in reach that the candidate sites cannot hold (new facilities at their maximum size, nothing to expand). */
  readonly unservedCapacity: number;
  /** The budget, in the maximal-coverage form. */
  readonly budget?: number;
  readonly clusters: number;
  readonly methods: readonly Method[];
  readonly optimal: boolean;
  /** Best lower bound of the cost; (cost − bound)/cost is the gap. */
  readonly bound: number;
  readonly gap: number;
}

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

export interface ServiceCooperation {
  readonly service: Service;
  readonly index: number;
  /** §5 mode the agreements come from. */
  readonly mode: SharingMode;
  readonly sharing: SharingResult;
  /** Partners: unmet before (status quo, §1), after sharing, and if each served only itself. */
  readonly unmetBefore: number;
  readonly unmetAfter: number;
  readonly unmetSelfReliant: number;
  /** Recommended agreements: x_ij > 0, i ≠ j, a partner on at least one side (incremental: new places only). */
  readonly agreements: readonly (Allocation & { readonly yearlyCost: number })[];
  /** Σ places and Σ yearly cost of the agreements. */
  readonly agreedPlaces: number;
  readonly agreedYearlyCost: number;
  readonly investment: InvestmentPlan;
  readonly costSharing: CostSharing;
}

export interface ServiceInputs {
  readonly service: Service;
  readonly index: number;
  /** Status-quo unmet demand M_i (§1). */
  readonly unmet: ArrayLike<number>;
  /** Status-quo local use L_i (§1). */
  readonly local: ArrayLike<number>;
  /** The flows the status quo rests on (observed or estimated). */
  readonly flows: { readonly length: number; readonly origin: Int32Array; readonly destination: Int32Array; readonly users: Float64Array };
  /** Pairs within the catchment. */
  readonly pairs: Neighbours;
}

/**
 * What the partnership can share: every partner's capacity for partners'
 * demand, and of a neighbour's (partner = false) capacity what its own
 * residents and other non-partners do not use today — neighbours are
 * providers, not members (DATA.md).
 */
export function partnershipCapacity(dataset: Dataset, inputs: ServiceInputs): { supply: Float64Array; demand: Float64Array } {
  const partner = dataset.municipalities.map((m) => m.partner);
  const supply = dataset.supply[inputs.index];
  const demand = dataset.demand[inputs.index];
  const used = Float64Array.from(partner, (isPartner, j) => (isPartner ? 0 : inputs.local[j]));
  const { flows } = inputs;
  for (let k = 0; k < flows.length; k++) {
    const i = flows.origin[k];
    const j = flows.destination[k];
    if (i !== j && !partner[i] && !partner[j]) used[j] += flows.users[k];
  }
  return {
    supply: Float64Array.from(supply, (capacity, j) => (partner[j] ? capacity : Math.max(0, capacity - used[j]))),
    demand: Float64Array.from(demand, (need, i) => (partner[i] ? need : 0)),
  };
}

/**
 * Places spare today: S_j − L_j − inflow_j. A neighbour (partner = false)
 * keeps room for its own residents without a place, so it offers only what
 * its own residents leave: S_j − L_j − inflow_j − M_j.
 */
export function spareToday(dataset: Dataset, inputs: ServiceInputs): Float64Array {
  const supply = dataset.supply[inputs.index];
  const used = Float64Array.from({ length: supply.length }, (_, j) => inputs.local[j]);
  const { flows } = inputs;
  for (let k = 0; k < flows.length; k++) if (flows.origin[k] !== flows.destination[k]) used[flows.destination[k]] += flows.users[k];
  return Float64Array.from(supply, (capacity, j) => Math.max(0, capacity - used[j] - (dataset.municipalities[j].partner ? 0 : inputs.unmet[j])));
}

export function cooperate(dataset: Dataset, inputs: ServiceInputs, solver: Solver, options: CooperationOptions = {}): ServiceCooperation {
  const { service, index, pairs } = inputs;
  const supply = dataset.supply[index];
  const demand = dataset.demand[index];
  const partner = dataset.municipalities.map((m) => m.partner);
  const time = options.time ?? untimed;
  const sharing = time('sharing', () => {
    if (options.sharing === 'full-reallocation') {
      const shared = partnershipCapacity(dataset, inputs);
      return shareCapacity(shared.supply, shared.demand, pairs);
    }
    return shareSpareToday({ unmet: inputs.unmet, spare: spareToday(dataset, inputs), partner }, pairs);
  });
  let unmetBefore = 0;
  let unmetAfter = 0;
  let unmetSelfReliant = 0;
  dataset.municipalities.forEach((m, i) => {
    if (!m.partner) return;
    unmetBefore += inputs.unmet[i];
    unmetAfter += sharing.unmet[i];
    unmetSelfReliant += Math.max(0, demand[i] - supply[i]);
  });
  const agreements = sharing.allocations.filter((a) => a.buyer !== a.provider && (partner[a.buyer] || partner[a.provider])).map((a) => ({ ...a, yearlyCost: a.places * service.opexPerPlace }));
  const agreedPlaces = agreements.reduce((sum, a) => sum + a.places, 0);
  const agreedYearlyCost = agreements.reduce((sum, a) => sum + a.yearlyCost, 0);
  const residual = Float64Array.from(sharing.unmet, (value, i) => (partner[i] ? value : 0));
  const locationOptions: LocationOptions = {
    ...(options.budget !== undefined ? { budget: options.budget } : {}),
    ...(options.heuristic ? { heuristic: true } : {}),
    timeLimit: dataset.parameters.timeLimitSeconds,
  };
  const investment = time('location', () => planInvestment(dataset, service, index, residual, pairs, solver, locationOptions, options.onProgress));
  const costSharing = time('cost sharing', () => shareCosts(dataset, service, index, pairs, solver, investment, options.onProgress, options.budget));
  return { service, index, mode: options.sharing ?? 'incremental', sharing, unmetBefore, unmetAfter, unmetSelfReliant, agreements, agreedPlaces, agreedYearlyCost, investment, costSharing };
}
