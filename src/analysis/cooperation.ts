/**
 * From "who lacks what" to "what to agree and build together, and who pays"
 * (METHODS.md §5–§7), per service: capacity-sharing agreements (§5), new
 * facilities and expansions for the residual demand (§6), and the split of
 * their cost between partners (§7).
 */
import type { Dataset, Service } from '../model/types.js';
import { components, groups } from './components.js';
import type { Solver } from './linear-program.js';
import { billCoreCheck, billGame, billShapley, facilityGroups, SAMPLED_PLAYERS, tooLarge, type BillGame, type RuleOutcome } from './bill-groups.js';
import { openLocationGame, type LocationGame } from './location-game.js';
import { maxCountOf, relaxationPrices, solveLocation, type Link, type LocationInstance, type LocationOptions, type LocationPlan, type Method, type Point, type Site } from './location.js';
import type { Neighbours } from './neighbours.js';
import { mulberry32 } from './random.js';
import { untimed, type PhaseTimer } from './timing.js';
import { nucleolus, NUCLEOLUS_PLAYERS } from './nucleolus.js';
import { scrb } from './scrb.js';
import { shareCapacity, shareSpareToday, type Allocation, type SharingResult } from './sharing.js';
import { EXACT_PLAYERS, exactShapley, proportional, type CoreCheck, type CoreViolation, type ShapleyResult } from './shapley.js';

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

// ---------------------------------------------------------------------------
// §6: the plan for the partnership's residual demand.

interface Territory {
  /** Municipalities whose residual demand is planned for. */
  readonly points: readonly number[];
  /** Municipalities that may host a facility. */
  readonly sites: readonly number[];
}

/** Whole residents to place: a fraction of a resident still needs a whole place (1e-6 absorbs rounding). */
export const wholeResidents = (value: number): number => (value > 1e-6 ? Math.ceil(value - 1e-6) : 0);

/**
 * The most places an expansion of today's `places` may add: the service's
 * `max_expansion` (places) and `max_expansion_share` (of today's places),
 * whichever is smaller; by default DEFAULT_EXPANSION_SHARE of today's places.
 */
export const DEFAULT_EXPANSION_SHARE = 1;

export function expansionCap(service: Service, places: number): number {
  const share = service.maxExpansionShare ?? (service.maxExpansion === undefined ? DEFAULT_EXPANSION_SHARE : undefined);
  const byShare = share === undefined ? Infinity : Math.floor(share * places + 1e-9);
  return Math.min(byShare, service.maxExpansion ?? Infinity);
}

/**
 * The §6 instance over `territory`; points no site reaches are returned
 * apart. `residual[i]` residents of point i (whole places: rounded up).
 * A municipality with places today may expand them (up to `expansionCap`);
 * one without may get new facilities — several where a single one of the
 * maximum size cannot hold the demand in its reach (an integer count, at
 * most the maximum-size facilities that demand needs).
 */
function buildInstance(dataset: Dataset, service: Service, index: number, residual: ArrayLike<number>, pairs: Neighbours, territory: Territory): { instance: LocationInstance; unreachable: number[] } {
  const supply = dataset.supply[index];
  const isSite = new Set(territory.sites);
  const inReach = new Map<number, number>(territory.sites.map((j) => [j, 0]));
  for (const i of territory.points) {
    for (let e = pairs.start[i]; e < pairs.start[i + 1]; e++) {
      const j = pairs.neighbour[e];
      if (isSite.has(j)) inReach.set(j, inReach.get(j)! + wholeResidents(residual[i]));
    }
  }
  const siteOf = new Map<number, number>();
  const sites: Site[] = [];
  for (const j of territory.sites) {
    siteOf.set(j, sites.length);
    if (supply[j] > 0) {
      sites.push({ municipality: j, kind: 'expansion', fixedCost: 0, minSize: 0, maxSize: expansionCap(service, supply[j]) });
    } else {
      const maxSize = service.maxFacilitySize ?? Infinity;
      const maxCount = Number.isFinite(maxSize) ? Math.max(1, Math.ceil(inReach.get(j)! / maxSize)) : 1;
      sites.push({ municipality: j, kind: 'new', fixedCost: service.facilityFixedCost, minSize: service.minFacilitySize, maxSize, maxCount });
    }
  }
  const points: Point[] = [];
  const links: Link[] = [];
  const unreachable: number[] = [];
  for (const i of territory.points) {
    const found: Link[] = [];
    for (let e = pairs.start[i]; e < pairs.start[i + 1]; e++) {
      const site = siteOf.get(pairs.neighbour[e]);
      if (site !== undefined) found.push({ point: points.length, site, km: pairs.km[e] });
    }
    if (found.length === 0) {
      unreachable.push(i);
      continue;
    }
    points.push({ municipality: i, residents: wholeResidents(residual[i]) });
    links.push(...found.sort((a, b) => a.site - b.site));
  }
  return { instance: { points, sites, links, capexPerPlace: service.capexPerPlace, lambda: dataset.parameters.lambda }, unreachable };
}

/** Split an instance into independent clusters (points and sites joined by links). */
function clusters(instance: LocationInstance): LocationInstance[] {
  const p = instance.points.length;
  const label = components(
    p + instance.sites.length,
    instance.links.map((link) => [link.point, p + link.site] as const),
  );
  return groups(label)
    .map((members): LocationInstance | undefined => {
      const pointIds = members.filter((m) => m < p);
      if (pointIds.length === 0) return undefined;
      const inCluster = new Set(pointIds);
      const siteIds = [...new Set(instance.links.filter((link) => inCluster.has(link.point)).map((link) => link.site))].sort((a, b) => a - b);
      const pointIndex = new Map(pointIds.map((id, k) => [id, k]));
      const siteIndex = new Map(siteIds.map((id, k) => [id, k]));
      return {
        ...instance,
        points: pointIds.map((id) => instance.points[id]),
        sites: siteIds.map((id) => instance.sites[id]),
        links: instance.links.filter((link) => pointIndex.has(link.point)).map((link) => ({ point: pointIndex.get(link.point)!, site: siteIndex.get(link.site)!, km: link.km })),
      };
    })
    .filter((cluster): cluster is LocationInstance => cluster !== undefined);
}

function planInvestment(
  dataset: Dataset,
  service: Service,
  index: number,
  residual: Float64Array,
  pairs: Neighbours,
  solver: Solver,
  options: LocationOptions,
  onProgress: CooperationOptions['onProgress'],
): InvestmentPlan {
  const n = dataset.municipalities.length;
  const points = Array.from({ length: n }, (_, i) => i).filter((i) => residual[i] > 0);
  const sites = Array.from({ length: n }, (_, j) => j).filter((j) => dataset.municipalities[j].candidate);
  const { instance, unreachable } = buildInstance(dataset, service, index, residual, pairs, { points, sites });
  // A budget is shared by the whole partnership: one instance; otherwise independent clusters.
  const parts = options.budget !== undefined ? [instance] : clusters(instance);
  const plans: { instance: LocationInstance; plan: LocationPlan }[] = [];
  parts.forEach((part, k) => {
    plans.push({ instance: part, plan: solveLocation(part, solver, options) });
    onProgress?.(`${service.id}: facility location`, k + 1, parts.length);
  });
  // A site's facilities are reported together, with their count.
  const bySite = new Map<string, { municipality: number; kind: 'new' | 'expansion'; count: number; places: number; capex: number; serves: Map<number, { residents: number; km: number }> }>();
  for (const { instance: part, plan } of plans) {
    for (const facility of plan.facilities) {
      const site = part.sites[facility.site];
      const key = `${site.municipality}:${site.kind}`;
      const entry = bySite.get(key) ?? { municipality: site.municipality, kind: site.kind, count: 0, places: 0, capex: 0, serves: new Map() };
      entry.count += facility.count;
      entry.places += facility.places;
      entry.capex += facility.investment;
      for (const a of facility.assigned) {
        const home = part.points[a.point].municipality;
        const served = entry.serves.get(home) ?? { residents: 0, km: a.km };
        served.residents += a.residents;
        entry.serves.set(home, served);
      }
      bySite.set(key, entry);
    }
  }
  const facilities: PlannedFacility[] = [...bySite.values()]
    .map((entry) => {
      const serves = [...entry.serves].map(([municipality, x]) => ({ municipality, residents: x.residents, km: x.km })).sort((a, b) => a.municipality - b.municipality);
      const residents = serves.reduce((sum, x) => sum + x.residents, 0);
      return {
        municipality: entry.municipality,
        kind: entry.kind,
        count: entry.count,
        places: entry.places,
        capex: entry.capex,
        opexPerYear: entry.places * service.opexPerPlace,
        serves,
        meanKm: residents > 0 ? serves.reduce((sum, x) => sum + x.residents * x.km, 0) / residents : 0,
        maxKm: serves.reduce((max, x) => Math.max(max, x.km), 0),
      };
    })
    .sort((a, b) => a.municipality - b.municipality || a.kind.localeCompare(b.kind));
  const sum = (pick: (plan: LocationPlan) => number): number => plans.reduce((total, { plan }) => total + pick(plan), 0);
  const cost = sum((plan) => plan.cost);
  const bound = sum((plan) => plan.bound);
  const reachable = instance.points.reduce((total, point) => total + point.residents, 0);
  return {
    facilities,
    investment: sum((plan) => plan.investment),
    opexPerYear: facilities.reduce((total, f) => total + f.opexPerYear, 0),
    personKm: sum((plan) => plan.personKm),
    cost,
    served: sum((plan) => plan.served),
    unreachable: unreachable.map((municipality) => ({ municipality, residents: residual[municipality] })),
    unservedInBudget: options.budget !== undefined ? Math.max(0, reachable - sum((plan) => plan.served)) : 0,
    unservedCapacity: options.budget === undefined && reachable - sum((plan) => plan.served) > 1e-3 ? reachable - sum((plan) => plan.served) : 0,
    ...(options.budget !== undefined ? { budget: options.budget } : {}),
    clusters: parts.length,
    methods: [...new Set(plans.map(({ plan }) => plan.method))].sort(),
    optimal: plans.every(({ plan }) => plan.optimal),
    bound,
    gap: cost > 0 ? Math.max(0, (cost - bound) / cost) : 0,
  };
}

// ---------------------------------------------------------------------------
// §7: who pays.

/**
 * The cost game behind the bill. Players: partners the plan (`investment`,
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
 * Bills (docs/methods.md §8): a partnership of at most EXACT_PLAYERS
 * players settles one bill, the whole partnership's game with its own c(N).
 * A larger one settles a bill per joint facility group — players who share
 * a planned facility or are linked through shared ones; each group's bill is
 * what its facilities cost in the plan, so the groups' bills add up to the
 * plan's cost. Every rule (Shapley, SCRB, the nucleolus, the proportional
 * rules and the LP-dual core allocation) splits each bill on the group's
 * own game, and is checked against the group's coalitions.
 */
function shareCosts(
  dataset: Dataset,
  service: Service,
  index: number,
  pairs: Neighbours,
  solver: Solver,
  investment: InvestmentPlan,
  onProgress: CooperationOptions['onProgress'],
  budget: number | undefined,
): CostSharing {
  const total = dataset.municipalities.length;
  const served = new Float64Array(total);
  for (const facility of investment.facilities) for (const s of facility.serves) served[s.municipality] += s.residents;
  const players = Array.from({ length: total }, (_, i) => i).filter((i) => served[i] > 0 && dataset.municipalities[i].partner);
  const n = players.length;
  const candidate = (i: number): boolean => dataset.municipalities[i].candidate;
  const timeLimit = dataset.parameters.timeLimitSeconds;
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
    const closed = ownSiteOnly(part, dataset.parameters.lambda);
    if (closed) return closed;
    const fast = game?.game.cost(
      part.points.map((point) => game.pointOf.get(point.municipality)!),
      part.sites.map((site) => game.siteOf.get(site.municipality)!),
    );
    if (fast !== undefined) return { cost: fast, reached: Float64Array.from(part.points, (point) => point.residents) };
    const plan = solveLocation(part, solver, { timeLimit });
    const reached = new Float64Array(part.points.length);
    for (const facility of plan.facilities) for (const a of facility.assigned) reached[a.point] += a.residents;
    return { cost: plan.cost, reached };
  };
  // Outside option of each player, per resident: its own plan with every candidate site in reach (when first needed).
  const rates = new Float64Array(n).fill(NaN);
  const outsideRate = (k: number): number => {
    if (Number.isNaN(rates[k])) {
      const { instance } = buildInstance(dataset, service, index, served, pairs, { points: [players[k]], sites: inReach(players[k]) });
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
    const municipalities = coalition.map((k) => players[k]);
    const { instance } = buildInstance(dataset, service, index, served, pairs, { points: municipalities, sites: municipalities.filter(candidate) });
    const slot = new Map(municipalities.map((m, q) => [m, q]));
    let cost = 0;
    for (const part of clusters(instance)) {
      const key = part.points.map((point) => point.municipality).join(',');
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
  /** The group's instance (its members' points, their candidate sites) kept open for its coalitions. */
  const openGame = (members: readonly number[]): GroupGame | undefined => {
    if (members.length < 2) return undefined;
    const municipalities = members.map((k) => players[k]);
    const { instance } = buildInstance(dataset, service, index, served, pairs, { points: municipalities, sites: municipalities.filter(candidate) });
    if (instance.points.length === 0) return undefined;
    return {
      game: openLocationGame(instance, solver),
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
  const billOf = (members: readonly number[], coalitionCost: (coalition: readonly number[]) => number): number => {
    if (partnership || budget !== undefined) return coalitionCost(members);
    const inGroup = new Set(members.map((k) => players[k]));
    return investment.facilities.reduce((sum, f) => {
      if (!f.serves.some((s) => inGroup.has(s.municipality))) return sum;
      return sum + f.capex + dataset.parameters.lambda * f.serves.reduce((km, s) => km + s.residents * s.km, 0);
    }, 0);
  };
  const standalone = new Float64Array(n);
  const outsideResidents = new Float64Array(n);
  players.forEach((_, k) => {
    const alone = evaluate([k]);
    standalone[k] = alone.cost;
    outsideResidents[k] = alone.left[0];
  });
  const shapley = new Float64Array(n);
  const se = new Float64Array(n);
  const byUse = new Float64Array(n);
  const byPopulation = new Float64Array(n);
  const separable = new Float64Array(n);
  const negative: number[] = [];
  const fair = new Float64Array(n).fill(NaN);
  const coreAllocation = new Float64Array(n).fill(NaN);
  const blank = (): { complete: boolean; checked: number; violations: CoreViolation[] } => ({ complete: true, checked: 0, violations: [] });
  const checks: Record<ShareRule, { complete: boolean; checked: number; violations: CoreViolation[] }> = {
    shapley: blank(),
    scrb: blank(),
    nucleolus: blank(),
    by_use: blank(),
    by_population: blank(),
    core_allocation: blank(),
  };
  const random = mulberry32(dataset.parameters.seed);
  let permutations = 0;
  const billGroups: BillGroup[] = memberLists.map((members, g) => {
    const open = openGame(members);
    try {
      return settleGroup(members, g, (coalition) => evaluate(coalition, open).cost);
    } finally {
      open?.game.dispose();
    }
  });
  function settleGroup(members: readonly number[], g: number, coalitionCost: (coalition: readonly number[]) => number): BillGroup {
    const game: BillGame = billGame(members.length, billOf(members, coalitionCost), (coalition) => coalitionCost(coalition.map((k) => members[k])));
    const label = `${service.id}: cost sharing, group ${g + 1} of ${memberLists.length} (${members.length} players)`;
    const progress = onProgress ? (done: number, total: number) => onProgress(label, done, total) : undefined;
    // The whole partnership's game is the sum of its independent games when the bill is their total: the
    // Shapley value is then theirs, game by game (the same value, fewer coalitions).
    const additive = partnership && independent.length > 1;
    // Above SAMPLED_PLAYERS the Shapley value and SCRB are not computed (their coalitions would be the group's whole program, hundreds of times).
    const large = !additive && members.length > SAMPLED_PLAYERS;
    const missing = Float64Array.from(members, () => NaN);
    const value: ShapleyResult = large
      ? { value: missing, standardError: missing, exact: false, permutations: 0 }
      : additive
        ? partsShapley(independent, coalitionCost, progress)
        : billShapley(game, random, progress);
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
      service,
      index,
      served,
      pairs,
      solver,
      members.map((k) => players[k]),
      game.bill,
    );
    members.forEach((k, m) => {
      shapley[k] = value.value[m];
      se[k] = value.standardError[m];
      byUse[k] = use[m];
      byPopulation[k] = population[m];
      separable[k] = bySeparable.value[m];
      if (nucleolusOutcome.computed) fair[k] = nucleolusOutcome.shares[m];
      if (dual.computed) coreAllocation[k] = dual.shares[m];
    });
    negative.push(...bySeparable.negative.map((m) => members[m]));
    const record = (rule: ShareRule, shares: Float64Array): boolean => {
      // The same sampled coalitions for every rule (a generator seeded per group): each is solved once.
      const check = billCoreCheck(game, shares, mulberry32(dataset.parameters.seed + g + 1));
      const into = checks[rule];
      into.complete &&= check.complete;
      into.checked += check.checked;
      for (const v of check.violations) into.violations.push({ coalition: v.coalition.map((m) => members[m]), excess: v.excess });
      return check.complete;
    };
    const complete = [...(large ? [false] : [record('shapley', value.value), record('scrb', bySeparable.value)]), record('by_use', use), record('by_population', population)].every(Boolean);
    if (nucleolusOutcome.computed) record('nucleolus', nucleolusOutcome.shares);
    if (dual.computed) record('core_allocation', dual.shares);
    if (!value.exact && !large) permutations = Math.max(permutations, value.permutations);
    const largeStatus: RuleStatus = { computed: false, reason: `not computed: ${members.length} players` };
    onProgress?.(`${service.id}: cost sharing`, g + 1, memberLists.length);
    return {
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
    };
  }
  const sorted = (check: { complete: boolean; checked: number; violations: CoreViolation[] }): CoreCheck => ({ ...check, violations: check.violations.sort((a, b) => b.excess - a.excess) });
  const nucleolusSome = billGroups.some((group) => group.nucleolus.computed);
  return {
    players,
    grandCost: billGroups.reduce((sum, group) => sum + group.bill, 0),
    shapleyComplete: billGroups.every((group) => group.shapley.computed),
    standalone,
    byUse,
    byPopulation,
    shapley,
    shapleySE: se,
    scrb: separable,
    scrbNegative: negative.sort((a, b) => a - b),
    ...(nucleolusSome ? { nucleolus: fair } : {}),
    nucleolusComplete: billGroups.every((group) => group.nucleolus.computed),
    coreAllocation,
    residents: Float64Array.from(players, (i) => served[i]),
    outsideResidents,
    exact: billGroups.every((group) => group.shapleyExact),
    permutations,
    games: independent.length,
    game: partnership ? 'partnership' : 'facility groups',
    groups: billGroups,
    core: {
      shapley: sorted(checks.shapley),
      scrb: sorted(checks.scrb),
      ...(nucleolusSome ? { nucleolus: sorted(checks.nucleolus) } : {}),
      by_use: sorted(checks.by_use),
      by_population: sorted(checks.by_population),
      core_allocation: sorted(checks.core_allocation),
    },
  };
}

/** A bill group's open program and where its members' points and sites are in it. */
interface GroupGame {
  readonly game: LocationGame;
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

/**
 * The closed form of a cluster of one point and one site: an expansion serves what its cap holds
 * (capex + λ·d per place); new facilities serve everyone, as few as the
 * maximum size allows, each at least the minimum size — what the §6 solve
 * of that cluster gives. Undefined for any other cluster.
 */
function ownSiteOnly(part: LocationInstance, lambda: number): { cost: number; reached: Float64Array } | undefined {
  if (part.points.length !== 1 || part.sites.length !== 1) return undefined;
  const site = part.sites[0];
  const km = part.links[0].km;
  const residents = part.points[0].residents;
  if (site.kind === 'expansion') {
    const reached = Math.min(residents, site.maxSize);
    return { cost: (part.capexPerPlace + lambda * km) * reached, reached: Float64Array.of(reached) };
  }
  const reached = Math.min(residents, maxCountOf(site) * site.maxSize);
  const count = Number.isFinite(site.maxSize) ? Math.max(1, Math.ceil(reached / site.maxSize - 1e-9)) : 1;
  return { cost: count * site.fixedCost + part.capexPerPlace * Math.max(reached, count * site.minSize) + lambda * km * reached, reached: Float64Array.of(reached) };
}

/**
 * The LP-dual core allocation of one group (Owen 1975; Goemans & Skutella
 * 2004): the relaxation of the group's §6 program (its e_i residents, every
 * candidate site in reach), each member charged its points' dual prices
 * less the credit of its own sites whose bound binds (y ≤ 1 of a new site,
 * the cap of an expansion); credits of sites outside the group lower the
 * members' charges in proportion to their residents. Computed when the
 * relaxation is integral, its optimum is the bill and the prices add up to
 * it (then no coalition pays more than its relaxed, hence its integer,
 * cost); otherwise not, with the reason.
 */
function lpDualAllocation(dataset: Dataset, service: Service, index: number, residents: Float64Array, pairs: Neighbours, solver: Solver, members: readonly number[], bill: number): RuleOutcome {
  // One player pays its bill: the only efficient allocation.
  if (members.length === 1) return { computed: true, shares: Float64Array.of(bill) };
  const reach = new Set<number>();
  for (const i of members) for (let e = pairs.start[i]; e < pairs.start[i + 1]; e++) if (dataset.municipalities[pairs.neighbour[e]].candidate) reach.add(pairs.neighbour[e]);
  const { instance } = buildInstance(dataset, service, index, residents, pairs, { points: members, sites: [...reach].sort((a, b) => a - b) });
  if (instance.points.length !== members.length) return { computed: false, reason: 'not computed: a member no site reaches' };
  const prices = relaxationPrices(instance, solver);
  if (!prices) return { computed: false, reason: 'not computed: the sites in reach cannot hold the demand' };
  if (!prices.integral)
    return { computed: false, reason: `not computed: the LP relaxation is fractional (bound ${Math.round(prices.objective)} below the cost ${Math.round(bill)}; the core may be empty)` };
  const tolerance = 1e-6 * Math.max(1, Math.abs(bill));
  if (Math.abs(prices.objective - bill) > tolerance)
    return { computed: false, reason: `not computed: the relaxation's optimum ${Math.round(prices.objective)} differs from the bill ${Math.round(bill)}` };
  const memberOf = new Map(members.map((m, k) => [m, k]));
  const shares = Float64Array.from(prices.charge);
  let outsideCredit = 0;
  instance.sites.forEach((site, j) => {
    const owner = memberOf.get(site.municipality);
    if (owner !== undefined) shares[owner] -= prices.credit[j];
    else outsideCredit += prices.credit[j];
  });
  const weight = members.reduce((sum, m) => sum + residents[m], 0);
  members.forEach((m, k) => (shares[k] -= weight > 0 ? (outsideCredit * residents[m]) / weight : outsideCredit / members.length));
  const sum = shares.reduce((a, b) => a + b, 0);
  if (Math.abs(sum - bill) > tolerance) return { computed: false, reason: `not computed: the relaxation's prices add up to ${Math.round(sum)}, not the bill ${Math.round(bill)}` };
  return { computed: true, shares };
}
