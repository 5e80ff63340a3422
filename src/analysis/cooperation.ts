/**
 * From "who lacks what" to "what to agree and build together, and who pays"
 * (METHODS.md §5–§7), per service: capacity-sharing agreements (§5), new
 * facilities and expansions for the residual demand (§6), and the split of
 * their cost between partners (§7).
 */
import type { Dataset, Service } from '../model/types.js';
import { components, groups } from './components.js';
import type { Solver } from './linear-program.js';
import { billCoreCheck, billGame, billShapley, facilityGroups, type BillGame, type RuleOutcome } from './bill-groups.js';
import { relaxationPrices, solveLocation, type Link, type LocationInstance, type LocationOptions, type LocationPlan, type Method, type Point, type Site } from './location.js';
import type { Neighbours } from './neighbours.js';
import { mulberry32 } from './random.js';
import { untimed, type PhaseTimer } from './timing.js';
import { shareCapacity, type Allocation, type SharingResult } from './sharing.js';
import { EXACT_PLAYERS, exactShapley, proportional, type CoreCheck, type CoreViolation, type ShapleyResult } from './shapley.js';

export interface CooperationOptions {
  /** Investment budget per service (PLN): maximal coverage instead of least cost. */
  readonly budget?: number;
  /** Force the heuristic for §6 (comparisons). */
  readonly heuristic?: boolean;
  readonly onProgress?: (label: string, done: number, total: number) => void;
  /** Wraps §5, §6 and §7 (benchmark); by default the work just runs. */
  readonly time?: PhaseTimer;
}

export interface PlannedFacility {
  readonly municipality: number;
  readonly kind: 'new' | 'expansion';
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

export type ShareRule = 'shapley' | 'by_use' | 'by_population' | 'core_allocation';

/** One bill: a group of players settled on its own (docs/methods-scale.md). */
export interface BillGroup {
  /** Player positions (in `CostSharing.players`), sorted. */
  readonly members: readonly number[];
  /** What the group's facilities cost in the plan (investment + λ·person-km). */
  readonly bill: number;
  readonly shapleyExact: boolean;
  /** Sampled Shapley: permutations (antithetic pairs × 2); 0 when exact. */
  readonly permutations: number;
  /** Distinct coalition costs evaluated for this group (all rules and checks). */
  readonly evaluations: number;
  /** The LP-dual core allocation: computed, or why not. */
  readonly coreAllocation: { readonly computed: true } | { readonly computed: false; readonly reason: string };
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
  readonly shapley: Float64Array;
  readonly shapleySE: Float64Array;
  /** LP-dual core allocation (Goemans & Skutella 2004); NaN in groups where it is not computed. */
  readonly coreAllocation: Float64Array;
  readonly exact: boolean;
  readonly permutations: number;
  /** Independent games (players who cannot share a facility never interact). */
  readonly games: number;
  /** 'partnership': one bill for all players (at most EXACT_PLAYERS); 'facility groups': a bill per joint facility group. */
  readonly game: 'partnership' | 'facility groups';
  readonly groups: readonly BillGroup[];
  readonly core: Readonly<Record<ShareRule, CoreCheck>>;
}

export interface ServiceCooperation {
  readonly service: Service;
  readonly index: number;
  readonly sharing: SharingResult;
  /** Partners: unmet before (status quo, §1), after sharing, and if each served only itself. */
  readonly unmetBefore: number;
  readonly unmetAfter: number;
  readonly unmetSelfReliant: number;
  /** Recommended agreements: x_ij > 0, i ≠ j, a partner on at least one side. */
  readonly agreements: readonly (Allocation & { readonly yearlyCost: number })[];
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

export function cooperate(dataset: Dataset, inputs: ServiceInputs, solver: Solver, options: CooperationOptions = {}): ServiceCooperation {
  const { service, index, pairs } = inputs;
  const supply = dataset.supply[index];
  const demand = dataset.demand[index];
  const partner = dataset.municipalities.map((m) => m.partner);
  const shared = partnershipCapacity(dataset, inputs);
  const time = options.time ?? untimed;
  const sharing = time('sharing', () => shareCapacity(shared.supply, shared.demand, pairs));
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
  const residual = Float64Array.from(sharing.unmet, (value, i) => (partner[i] ? value : 0));
  const locationOptions: LocationOptions = {
    ...(options.budget !== undefined ? { budget: options.budget } : {}),
    ...(options.heuristic ? { heuristic: true } : {}),
    timeLimit: dataset.parameters.timeLimitSeconds,
  };
  const investment = time('location', () => planInvestment(dataset, service, index, residual, pairs, solver, locationOptions, options.onProgress));
  const costSharing = time('cost sharing', () => shareCosts(dataset, service, index, residual, pairs, solver, investment, options.onProgress, options.budget));
  return { service, index, sharing, unmetBefore, unmetAfter, unmetSelfReliant, agreements, investment, costSharing };
}

// ---------------------------------------------------------------------------
// §6: the plan for the partnership's residual demand.

interface Territory {
  /** Municipalities whose residual demand is planned for. */
  readonly points: readonly number[];
  /** Municipalities that may host a facility. */
  readonly sites: readonly number[];
}

/** The §6 instance over `territory`; points no site reaches are returned apart. */
function buildInstance(dataset: Dataset, service: Service, index: number, residual: ArrayLike<number>, pairs: Neighbours, territory: Territory): { instance: LocationInstance; unreachable: number[] } {
  const supply = dataset.supply[index];
  const siteOf = new Map<number, number>();
  const sites: Site[] = territory.sites.map((j, k) => {
    siteOf.set(j, k);
    return supply[j] > 0
      ? { municipality: j, kind: 'expansion', fixedCost: 0, minSize: 0, maxSize: Infinity }
      : { municipality: j, kind: 'new', fixedCost: service.facilityFixedCost, minSize: service.minFacilitySize, maxSize: service.maxFacilitySize ?? Infinity };
  });
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
    points.push({ municipality: i, residents: residual[i] });
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
  const facilities: PlannedFacility[] = [];
  for (const { instance: part, plan } of plans) {
    for (const facility of plan.facilities) {
      const site = part.sites[facility.site];
      const serves = facility.assigned.map((a) => ({ municipality: part.points[a.point].municipality, residents: a.residents, km: a.km })).sort((a, b) => a.municipality - b.municipality);
      const residents = serves.reduce((sum, s) => sum + s.residents, 0);
      facilities.push({
        municipality: site.municipality,
        kind: site.kind,
        places: facility.places,
        capex: facility.investment,
        opexPerYear: facility.places * service.opexPerPlace,
        serves,
        meanKm: residents > 0 ? serves.reduce((sum, s) => sum + s.residents * s.km, 0) / residents : 0,
        maxKm: serves.reduce((max, s) => Math.max(max, s.km), 0),
      });
    }
  }
  facilities.sort((a, b) => a.municipality - b.municipality);
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
 * The cost game: c(T) = the least §6 cost of serving T's residual demand
 * with facilities in T's own territory, summed over T's independent
 * clusters (each cluster's cost cached). A member no site of T reaches is
 * priced at its own cheapest option anywhere (its outside option, in closed
 * form), so every coalition has a finite cost.
 *
 * Bills: a partnership of at most EXACT_PLAYERS players settles one bill,
 * the whole partnership's game with its own c(N) (exact for every rule). A
 * larger one settles a bill per joint facility group — players who share a
 * planned facility or are linked through shared ones; each group's bill is
 * what its facilities cost in the plan, so the groups' bills add up to the
 * plan's cost, and the group's coalitions cost what they could do alone.
 */
function shareCosts(dataset: Dataset, service: Service, index: number, residual: Float64Array, pairs: Neighbours, solver: Solver, investment: InvestmentPlan, onProgress: CooperationOptions['onProgress'], budget: number | undefined): CostSharing {
  const unreachable = new Set(investment.unreachable.map((u) => u.municipality));
  const players = Array.from({ length: dataset.municipalities.length }, (_, i) => i).filter((i) => residual[i] > 0 && dataset.municipalities[i].partner && !unreachable.has(i));
  const n = players.length;
  const candidate = (i: number): boolean => dataset.municipalities[i].candidate;
  const position = new Map(players.map((i, k) => [i, k]));
  const outside = players.map((i) => outsideOption(dataset, service, index, residual[i], i, pairs));
  const clusterCache = new Map<string, number>();
  /** c(T) for players (positions, sorted) T, summed over T's own independent clusters. */
  const coalitionCost = (coalition: readonly number[]): number => {
    if (coalition.length === 0) return 0;
    const municipalities = coalition.map((k) => players[k]);
    const { instance, unreachable: away } = buildInstance(dataset, service, index, residual, pairs, { points: municipalities, sites: municipalities.filter(candidate) });
    let cost = 0;
    for (const part of clusters(instance)) {
      const key = part.points.map((point) => point.municipality).join(',');
      let known = clusterCache.get(key);
      if (known === undefined) {
        // One point (then its one site is its own): the closed form of a single option.
        known = part.points.length === 1 && part.sites.length === 1 ? singleOption(part.sites[0], part.points[0].residents, part.links[0].km, service, dataset.parameters.lambda) : solveLocation(part, solver, { timeLimit: dataset.parameters.timeLimitSeconds }).cost;
        clusterCache.set(key, known);
      }
      cost += known;
    }
    for (const m of away) cost += outside[position.get(m)!];
    return cost;
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
  const games = independent.length;
  const served = investment.facilities.map((f) => f.serves.map((s) => position.get(s.municipality)).filter((k): k is number => k !== undefined));
  const partnership = n <= EXACT_PLAYERS;
  const memberLists = partnership ? (n > 0 ? [players.map((_, k) => k)] : []) : facilityGroups(n, served);
  /** The bill: the whole partnership's game keeps its own c(N) (as METHODS.md §7); a group pays what its facilities cost in the plan. */
  const billOf = (members: readonly number[]): number => {
    if (partnership || budget !== undefined) return coalitionCost(members);
    const inGroup = new Set(members.map((k) => players[k]));
    return investment.facilities.reduce((sum, f) => {
      if (!f.serves.some((s) => inGroup.has(s.municipality))) return sum;
      return sum + f.capex + dataset.parameters.lambda * f.serves.reduce((km, s) => km + s.residents * s.km, 0);
    }, 0);
  };
  const shapley = new Float64Array(n);
  const se = new Float64Array(n);
  const byUse = new Float64Array(n);
  const byPopulation = new Float64Array(n);
  const coreAllocation = new Float64Array(n).fill(NaN);
  const standalone = Float64Array.from(players, (_, k) => coalitionCost([k]));
  const checks: Record<ShareRule, { complete: boolean; checked: number; violations: CoreViolation[] }> = {
    shapley: { complete: true, checked: 0, violations: [] },
    by_use: { complete: true, checked: 0, violations: [] },
    by_population: { complete: true, checked: 0, violations: [] },
    core_allocation: { complete: true, checked: 0, violations: [] },
  };
  const random = mulberry32(dataset.parameters.seed);
  let permutations = 0;
  const billGroups: BillGroup[] = memberLists.map((members, g) => {
    const game: BillGame = billGame(members.length, billOf(members), (coalition) => coalitionCost(coalition.map((k) => members[k])));
    const label = `${service.id}: cost sharing, group ${g + 1} of ${memberLists.length} (${members.length} players)`;
    const progress = onProgress ? (done: number, total: number) => onProgress(label, done, total) : undefined;
    // The whole partnership's game is the sum of its independent games when the bill is their total: the
    // Shapley value is then theirs, game by game (the same value, fewer coalitions).
    const additive = partnership && independent.length > 1;
    const value = additive ? partsShapley(independent, coalitionCost, progress) : billShapley(game, random, progress);
    const use = proportional(game.bill, members.map((k) => residual[players[k]]));
    const population = proportional(game.bill, members.map((k) => dataset.municipalities[players[k]].population));
    const dual = lpDualAllocation(dataset, service, index, residual, pairs, solver, members.map((k) => players[k]), game.bill);
    members.forEach((k, m) => {
      shapley[k] = value.value[m];
      se[k] = value.standardError[m];
      byUse[k] = use[m];
      byPopulation[k] = population[m];
      if (dual.computed) coreAllocation[k] = dual.shares[m];
    });
    const record = (rule: ShareRule, shares: Float64Array): boolean => {
      const check = billCoreCheck(game, shares, random);
      const into = checks[rule];
      into.complete &&= check.complete;
      into.checked += check.checked;
      for (const v of check.violations) into.violations.push({ coalition: v.coalition.map((m) => members[m]), excess: v.excess });
      return check.complete;
    };
    const complete = [record('shapley', value.value), record('by_use', use), record('by_population', population)].every(Boolean);
    if (dual.computed) record('core_allocation', dual.shares);
    if (!value.exact) permutations = Math.max(permutations, value.permutations);
    onProgress?.(`${service.id}: cost sharing`, g + 1, memberLists.length);
    return {
      members,
      bill: game.bill,
      shapleyExact: value.exact,
      permutations: value.exact ? 0 : value.permutations,
      evaluations: game.cost.evaluations(),
      coreAllocation: dual.computed ? { computed: true } : { computed: false, reason: dual.reason },
      coreComplete: complete,
    };
  });
  const sorted = (check: { complete: boolean; checked: number; violations: CoreViolation[] }): CoreCheck => ({ ...check, violations: check.violations.sort((a, b) => b.excess - a.excess) });
  return {
    players,
    grandCost: billGroups.reduce((sum, group) => sum + group.bill, 0),
    standalone,
    byUse,
    byPopulation,
    shapley,
    shapleySE: se,
    coreAllocation,
    exact: billGroups.every((group) => group.shapleyExact),
    permutations,
    games,
    game: partnership ? 'partnership' : 'facility groups',
    groups: billGroups,
    core: { shapley: sorted(checks.shapley), by_use: sorted(checks.by_use), by_population: sorted(checks.by_population), core_allocation: sorted(checks.core_allocation) },
  };
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
 * A player's outside option in closed form: its cheapest plan with one
 * candidate site in reach — expanding an existing facility (capex·M +
 * λ·d·M), or a new one of at least the minimum size, serving at most the
 * maximum size (F + capex·max(served, min) + λ·d·served) — as the §6 solve
 * of that one point and one site gives it.
 */
function outsideOption(dataset: Dataset, service: Service, index: number, residents: number, i: number, pairs: Neighbours): number {
  let best = Infinity;
  for (let e = pairs.start[i]; e < pairs.start[i + 1]; e++) {
    const j = pairs.neighbour[e];
    if (!dataset.municipalities[j].candidate) continue;
    const site: Pick<Site, 'kind'> = { kind: dataset.supply[index][j] > 0 ? 'expansion' : 'new' };
    best = Math.min(best, singleOption(site, residents, pairs.km[e], service, dataset.parameters.lambda));
  }
  return best;
}

/** The §6 cost of serving one point from one site `km` away (a new site serves at most its maximum size). */
function singleOption(site: Pick<Site, 'kind'>, residents: number, km: number, service: Service, lambda: number): number {
  if (site.kind === 'expansion') return service.capexPerPlace * residents + lambda * km * residents;
  const served = Math.min(residents, service.maxFacilitySize ?? Infinity);
  return service.facilityFixedCost + service.capexPerPlace * Math.max(served, service.minFacilitySize) + lambda * km * served;
}

/**
 * The LP-dual core allocation of one group (Owen 1975; Goemans & Skutella
 * 2004): the relaxation of the group's §6 program (its points, every
 * candidate site in reach), each member charged its points' dual prices
 * less the credit of its own sites whose bound y ≤ 1 binds; credits of sites
 * outside the group lower the members' charges in proportion to their
 * residual demand. Computed when the relaxation is integral and its optimum
 * is the bill (then Σ = bill and no coalition pays more than its relaxed,
 * hence its integer, cost); otherwise not, with the reason.
 */
function lpDualAllocation(dataset: Dataset, service: Service, index: number, residual: Float64Array, pairs: Neighbours, solver: Solver, members: readonly number[], bill: number): RuleOutcome {
  // One player pays its bill: the only efficient allocation.
  if (members.length === 1) return { computed: true, shares: Float64Array.of(bill) };
  const reach = new Set<number>();
  for (const i of members) for (let e = pairs.start[i]; e < pairs.start[i + 1]; e++) if (dataset.municipalities[pairs.neighbour[e]].candidate) reach.add(pairs.neighbour[e]);
  const { instance } = buildInstance(dataset, service, index, residual, pairs, { points: members, sites: [...reach].sort((a, b) => a - b) });
  if (instance.points.length !== members.length) return { computed: false, reason: 'not computed: a member no site reaches' };
  const prices = relaxationPrices(instance, solver);
  if (!prices) return { computed: false, reason: 'not computed: the sites in reach cannot hold the demand' };
  if (!prices.integral) return { computed: false, reason: `not computed: the LP relaxation is fractional (bound ${Math.round(prices.objective)} below the cost ${Math.round(bill)}; the core may be empty)` };
  const tolerance = 1e-6 * Math.max(1, Math.abs(bill));
  if (Math.abs(prices.objective - bill) > tolerance) return { computed: false, reason: `not computed: the relaxation's optimum ${Math.round(prices.objective)} differs from the bill ${Math.round(bill)}` };
  const memberOf = new Map(members.map((m, k) => [m, k]));
  const shares = Float64Array.from(prices.charge);
  let outsideCredit = 0;
  instance.sites.forEach((site, j) => {
    const owner = memberOf.get(site.municipality);
    if (owner !== undefined) shares[owner] -= prices.credit[j];
    else outsideCredit += prices.credit[j];
  });
  const weight = members.reduce((sum, m) => sum + residual[m], 0);
  members.forEach((m, k) => (shares[k] -= weight > 0 ? (outsideCredit * residual[m]) / weight : outsideCredit / members.length));
  return { computed: true, shares };
}
