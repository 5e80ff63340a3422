/**
 * From "who lacks what" to "what to agree and build together, and who pays"
 * (METHODS.md §5–§7), per service: capacity-sharing agreements (§5), new
 * facilities and expansions for the residual demand (§6), and the split of
 * their cost between partners (§7).
 */
import type { Dataset, Service } from '../model/types.js';
import { components, groups } from './components.js';
import type { Solver } from './linear-program.js';
import { solveLocation, type Link, type LocationInstance, type LocationOptions, type LocationPlan, type Method, type Point, type Site } from './location.js';
import type { Neighbours } from './neighbours.js';
import { mulberry32 } from './random.js';
import { untimed, type PhaseTimer } from './timing.js';
import { nucleolus } from './nucleolus.js';
import { scrb } from './scrb.js';
import { shareCapacity, shareSpareToday, type Allocation, type SharingResult } from './sharing.js';
import { cachedCost, coreCheck, proportional, shapley, type CoreCheck, type CostFunction } from './shapley.js';

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

export type ShareRule = 'shapley' | 'scrb' | 'nucleolus' | 'by_use' | 'by_population';

export interface CostSharing {
  /** Players: partners with residual demand a facility can reach (municipality indices). */
  readonly players: readonly number[];
  readonly grandCost: number;
  readonly standalone: Float64Array;
  readonly byUse: Float64Array;
  readonly byPopulation: Float64Array;
  readonly shapley: Float64Array;
  readonly shapleySE: Float64Array;
  readonly exact: boolean;
  readonly permutations: number;
  /** Separable costs – remaining benefits; players whose remaining benefit was negative (counted as zero). */
  readonly scrb: Float64Array;
  readonly scrbNegative: readonly number[];
  /** The nucleolus; undefined when not computed (a game above NUCLEOLUS_PLAYERS players, or no imputation). */
  readonly nucleolus?: Float64Array;
  /** Residents of each player the bill serves (what the plan split here serves of its residual). */
  readonly residents: Float64Array;
  /** Residents paid at their outside option in the stand-alone cost (its own territory cannot serve them). */
  readonly outsideResidents: Float64Array;
  /** Independent games (players who cannot share a facility never interact). */
  readonly games: number;
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
  const agreements = sharing.allocations
    .filter((a) => a.buyer !== a.provider && (partner[a.buyer] || partner[a.provider]))
    .map((a) => ({ ...a, yearlyCost: a.places * service.opexPerPlace }));
  const agreedPlaces = agreements.reduce((sum, a) => sum + a.places, 0);
  const agreedYearlyCost = agreements.reduce((sum, a) => sum + a.yearlyCost, 0);
  const residual = Float64Array.from(sharing.unmet, (value, i) => (partner[i] ? value : 0));
  const locationOptions: LocationOptions = {
    ...(options.budget !== undefined ? { budget: options.budget } : {}),
    ...(options.heuristic ? { heuristic: true } : {}),
    timeLimit: dataset.parameters.timeLimitSeconds,
  };
  const investment = time('location', () => planInvestment(dataset, service, index, residual, pairs, solver, locationOptions, options.onProgress));
  const costSharing = time('cost sharing', () => shareCosts(dataset, service, index, pairs, solver, investment, options.onProgress));
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
 * maximum size cannot hold the demand in its reach (one copy of the site
 * per maximum-size facility needed).
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
  const copiesOf = new Map<number, number[]>();
  const sites: Site[] = [];
  for (const j of territory.sites) {
    const copies: number[] = [];
    if (supply[j] > 0) {
      copies.push(sites.length);
      sites.push({ municipality: j, kind: 'expansion', fixedCost: 0, minSize: 0, maxSize: expansionCap(service, supply[j]) });
    } else {
      const maxSize = service.maxFacilitySize ?? Infinity;
      const count = Number.isFinite(maxSize) ? Math.max(1, Math.ceil(inReach.get(j)! / maxSize)) : 1;
      for (let c = 0; c < count; c++) {
        copies.push(sites.length);
        sites.push({ municipality: j, kind: 'new', fixedCost: service.facilityFixedCost, minSize: service.minFacilitySize, maxSize });
      }
    }
    copiesOf.set(j, copies);
  }
  const points: Point[] = [];
  const links: Link[] = [];
  const unreachable: number[] = [];
  for (const i of territory.points) {
    const found: Link[] = [];
    for (let e = pairs.start[i]; e < pairs.start[i + 1]; e++) {
      for (const site of copiesOf.get(pairs.neighbour[e]) ?? []) found.push({ point: points.length, site, km: pairs.km[e] });
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
  const label = components(p + instance.sites.length, instance.links.map((link) => [link.point, p + link.site] as const));
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

function planInvestment(dataset: Dataset, service: Service, index: number, residual: Float64Array, pairs: Neighbours, solver: Solver, options: LocationOptions, onProgress: CooperationOptions['onProgress']): InvestmentPlan {
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
  // Several facilities at one site (copies of it in the instance) are reported together, with their count.
  const bySite = new Map<string, { municipality: number; kind: 'new' | 'expansion'; count: number; places: number; capex: number; serves: Map<number, { residents: number; km: number }> }>();
  for (const { instance: part, plan } of plans) {
    for (const facility of plan.facilities) {
      const site = part.sites[facility.site];
      const key = `${site.municipality}:${site.kind}`;
      const entry = bySite.get(key) ?? { municipality: site.municipality, kind: site.kind, count: 0, places: 0, capex: 0, serves: new Map() };
      entry.count++;
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
 * site where needed, expansions within their cap), plus, for the residents
 * T's territory cannot serve (out of reach, or no room), their **outside
 * option**: per resident, what serving all e_i residents of i with every
 * candidate site in reach costs, divided by e_i. So every coalition pays for
 * the same residents, and the split is the plan's bill.
 */
function shareCosts(dataset: Dataset, service: Service, index: number, pairs: Neighbours, solver: Solver, investment: InvestmentPlan, onProgress: CooperationOptions['onProgress']): CostSharing {
  const n = dataset.municipalities.length;
  const served = new Float64Array(n);
  for (const facility of investment.facilities) for (const s of facility.serves) served[s.municipality] += s.residents;
  const players = Array.from({ length: n }, (_, i) => i).filter((i) => served[i] > 0 && dataset.municipalities[i].partner);
  const count = players.length;
  const candidate = (i: number): boolean => dataset.municipalities[i].candidate;
  const timeLimit = dataset.parameters.timeLimitSeconds;
  /** The plan for `points` (their e_i residents) with `sites`: its cost and the residents it serves of each point. */
  const solve = (points: readonly number[], sites: readonly number[]): { cost: number; reached: Map<number, number> } => {
    const { instance } = buildInstance(dataset, service, index, served, pairs, { points, sites });
    const plan = solveLocation(instance, solver, { timeLimit });
    const reached = new Map<number, number>();
    for (const facility of plan.facilities) for (const a of facility.assigned) reached.set(instance.points[a.point].municipality, (reached.get(instance.points[a.point].municipality) ?? 0) + a.residents);
    return { cost: plan.cost, reached };
  };
  // Outside option of each player, per resident: its own plan with every candidate site in reach.
  const allSites = Array.from({ length: n }, (_, j) => j).filter(candidate);
  const outsideRate = players.map((i) => {
    const alone = solve([i], allSites);
    const reached = alone.reached.get(i) ?? 0;
    return reached > 0 ? alone.cost / reached : 0;
  });
  const position = new Map(players.map((i, k) => [i, k]));
  // Players interact only if one can host a facility that serves the other.
  const edges: [number, number][] = [];
  players.forEach((i, k) => {
    for (let e = pairs.start[i]; e < pairs.start[i + 1]; e++) {
      const other = position.get(pairs.neighbour[e]);
      if (other !== undefined && other !== k && candidate(pairs.neighbour[e])) edges.push([k, other]);
    }
  });
  const games = groups(components(count, edges));
  const outside = new Float64Array(count);
  const gameOf = new Int32Array(count);
  games.forEach((members, g) => members.forEach((k) => (gameOf[k] = g)));
  /** c(T) for players (positions) T within one game. */
  const withinGame: CostFunction = cachedCost((coalition) => {
    const municipalities = coalition.map((k) => players[k]);
    const result = solve(municipalities, municipalities.filter(candidate));
    let cost = result.cost;
    for (const k of coalition) {
      const left = Math.max(0, served[players[k]] - (result.reached.get(players[k]) ?? 0));
      if (coalition.length === 1) outside[k] = left;
      cost += left * outsideRate[k];
    }
    return cost;
  });
  /** c(T): independent games do not interact, so a coalition across games costs the sum of its parts in each. */
  const coalitionCost: CostFunction = (coalition) => {
    const parts = new Map<number, number[]>();
    for (const k of coalition) {
      const part = parts.get(gameOf[k]) ?? [];
      part.push(k);
      parts.set(gameOf[k], part);
    }
    let cost = 0;
    for (const part of parts.values()) cost += withinGame(part);
    return cost;
  };
  const value = new Float64Array(count);
  const se = new Float64Array(count);
  const separable = new Float64Array(count);
  const negative: number[] = [];
  let nucleolusValue: Float64Array | undefined = new Float64Array(count);
  let exact = true;
  let permutations = 0;
  const random = mulberry32(dataset.parameters.seed);
  games.forEach((members, g) => {
    const local: CostFunction = cachedCost((coalition) => coalitionCost(coalition.map((k) => members[k]).sort((a, b) => a - b)));
    const samples = Math.min(2000, Math.max(50, Math.floor(200000 / (members.length * members.length))));
    const result = shapley(members.length, local, random, samples, onProgress ? (done, total) => onProgress(`${service.id}: cost sharing, game ${g + 1} of ${games.length}`, done, total) : undefined);
    const bySeparable = scrb(members.length, local);
    const fair = nucleolus(members.length, local, solver);
    members.forEach((k, m) => {
      value[k] = result.value[m];
      se[k] = result.standardError[m];
      separable[k] = bySeparable.value[m];
      if (nucleolusValue && fair) nucleolusValue[k] = fair.value[m];
    });
    negative.push(...bySeparable.negative.map((m) => members[m]));
    if (!fair) nucleolusValue = undefined;
    if (!result.exact) {
      exact = false;
      permutations = Math.max(permutations, result.permutations);
    }
  });
  const grand = games.reduce((sum, members) => sum + coalitionCost(members), 0);
  const standalone = Float64Array.from(players, (_, k) => coalitionCost([k]));
  const byUse = proportional(grand, players.map((i) => served[i]));
  const byPopulation = proportional(grand, players.map((i) => dataset.municipalities[i].population));
  // Proportional rules move money between independent games, so the core is
  // checked on the whole player set (exhaustively up to EXACT_PLAYERS players).
  const check = (shares: Float64Array): CoreCheck => coreCheck(count, shares, coalitionCost);
  return {
    players,
    grandCost: grand,
    standalone,
    byUse,
    byPopulation,
    shapley: value,
    shapleySE: se,
    exact,
    permutations,
    scrb: separable,
    scrbNegative: negative.sort((a, b) => a - b),
    ...(nucleolusValue ? { nucleolus: nucleolusValue } : {}),
    residents: Float64Array.from(players, (i) => served[i]),
    outsideResidents: outside,
    games: games.length,
    core: {
      shapley: check(value),
      scrb: check(separable),
      ...(nucleolusValue ? { nucleolus: check(nucleolusValue) } : {}),
      by_use: check(byUse),
      by_population: check(byPopulation),
    },
  };
}
