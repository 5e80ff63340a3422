/**
 * From "who lacks what" to "what to agree and build together, and who pays"
 * (METHODS.md §5–§7), per service: capacity-sharing agreements (§5), new
 * facilities and expansions for the residual demand (§6), and the split of
 * their cost between partners (§7): investment-plan.ts plans, cost-sharing.ts
 * splits the bill. The results of §6 and §7 are typed in their sections'
 * folders (a section never imports this file) and re-exported here.
 */
import type { Parameters } from '../model/parameters.js';
import type { Dataset, Service } from '../model/types.js';
import type { Solver } from '../engines/linear-program.js';
import type { LocationOptions } from './location/location.js';
import type { Neighbours } from './accessibility/neighbours.js';
import { untimed, type PhaseTimer } from './timing.js';
import { planInvestment, type InvestmentPlan, type Progress } from './location/investment-plan.js';
import { shareCosts, type GroupWork } from './cost-sharing/cost-sharing.js';

export { DEFAULT_EXPANSION_SHARE, expansionCap, wholeResidents } from './location/investment-plan.js';
import { shareCapacity, shareSpareToday, type Allocation, type SharingResult } from './sharing/sharing.js';
import type { CostSharing } from './cost-sharing/cost-sharing-result.js';

export type { InvestmentPlan, PlannedFacility } from './location/investment-plan.js';
export type { BillGroup, CostSharing, RuleStatus, ShareRule } from './cost-sharing/cost-sharing-result.js';

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
  readonly onProgress?: Progress;
  /** Wraps §5, §6 and §7 (benchmark); by default the work just runs. */
  readonly time?: PhaseTimer;
  /** Where §7's bill groups are settled: here, one after another, by default; the CLI may share them with a second thread (the same settlements). */
  readonly groups?: GroupWork;
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

export function cooperate(dataset: Dataset, parameters: Parameters, inputs: ServiceInputs, solver: Solver, options: CooperationOptions = {}): ServiceCooperation {
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
    timeLimit: parameters.timeLimitSeconds,
  };
  const investment = time('location', () => planInvestment(dataset, service, index, residual, pairs, parameters.lambda, solver, locationOptions, options.onProgress));
  const costSharing = time('cost sharing', () => shareCosts({ dataset, parameters, service, index, pairs, investment, budget: options.budget }, solver, options.onProgress, options.groups));
  return { service, index, mode: options.sharing ?? 'incremental', sharing, unmetBefore, unmetAfter, unmetSelfReliant, agreements, agreedPlaces, agreedYearlyCost, investment, costSharing };
}
