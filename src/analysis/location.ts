/**
 * Shared investment: where to build what (docs/methods.md §7; Daskin 2013).
 * For residual demand M*_p, choose new facilities (an integer count y_j of
 * facilities at site j, at most maxCount_j, total size q_j with
 * min·y ≤ q ≤ max·y, fixed cost F_j each) and expansions of existing ones
 * (no fixed cost, no minimum size), and assign residents z_pj within the
 * catchment:
 *
 *   minimise Σ_j (F_j y_j + capex·q_j) + λ Σ d_pj z_pj
 *   s.t. Σ_j z_pj = M*_p,  Σ_p z_pj ≤ q_j,  min_j y_j ≤ q_j ≤ max_j y_j.
 *
 * Solved, per instance, by the cheapest exact method that applies, at any
 * size: a closed form when expanding existing facilities provably beats any
 * new one; else the LP relaxation of the strong formulation, which proves the
 * optimum when it is integral (method 'lp'; it was on every real instance
 * measured, up to the national one); else the MILP with HiGHS, warm-started
 * from the rounded-up relaxation, within its node and time limits. Only when
 * the MILP ends without any solution does greedy opening + vertex
 * substitution (Teitz & Bart 1968) step in, reported with its gap to the
 * LP-relaxation bound (or on request, `heuristic`, for comparisons). With a
 * budget the objective becomes maximal coverage: most residents served
 * within the budget, then least cost.
 *
 * Places are whole (issue 14): given whole residents per point, the
 * programs with the new sites decided are network flows (integral vertices);
 * where a relaxation is fractional, the MILP declares every column integer.
 * An expansion may be capped (`maxSize` of an expansion site).
 */
import { branchAndBound } from './branch-and-bound.js';
import { INFINITY, RowBuilder, snap, type LinearProgram, type Solver } from './linear-program.js';

export interface Site {
  readonly municipality: number;
  readonly kind: 'new' | 'expansion';
  readonly fixedCost: number;
  readonly minSize: number;
  /** Infinity when unbounded; for an expansion, the most places it may add. */
  readonly maxSize: number;
  /** New sites: the most facilities of this size the site may get (default 1); an integer count y_j ∈ {0…maxCount}. */
  readonly maxCount?: number;
}

/** The most facilities a site may get (1 for an expansion). */
export function maxCountOf(site: Site): number {
  return site.kind === 'new' ? (site.maxCount ?? 1) : 1;
}

export interface Point {
  readonly municipality: number;
  readonly residents: number;
}

export interface Link {
  readonly point: number;
  readonly site: number;
  readonly km: number;
}

export interface LocationInstance {
  readonly points: readonly Point[];
  readonly sites: readonly Site[];
  /** Pairs within the catchment, sorted by (point, site). */
  readonly links: readonly Link[];
  readonly capexPerPlace: number;
  /** Cost per person-km (PLN). */
  readonly lambda: number;
}

export interface Assignment {
  readonly point: number;
  readonly residents: number;
  readonly km: number;
}

export interface Facility {
  readonly site: number;
  /** Facilities built at the site (y_j; 1 for an expansion). */
  readonly count: number;
  readonly places: number;
  /** F·y + capex·q. */
  readonly investment: number;
  readonly assigned: readonly Assignment[];
}

export type Method = 'none' | 'closed-form' | 'lp' | 'milp' | 'heuristic';

export interface LocationPlan {
  readonly facilities: readonly Facility[];
  /** Objective: investment + λ·person-km. */
  readonly cost: number;
  readonly investment: number;
  readonly personKm: number;
  readonly served: number;
  readonly method: Method;
  /** Lower bound on the optimal cost (equal to `cost` when proved optimal). */
  readonly bound: number;
  readonly optimal: boolean;
}

export interface LocationOptions {
  /** Investment budget (PLN): maximal-coverage form. */
  readonly budget?: number;
  /** Branch-and-bound node limit of an exact solve (deterministic; default 20,000). */
  readonly maxNodes?: number;
  /** Safety net in seconds for one MILP (default 10). */
  readonly timeLimit?: number;
  /** Force the heuristic (for comparisons). */
  readonly heuristic?: boolean;
}

const EMPTY_PLAN: LocationPlan = { facilities: [], cost: 0, investment: 0, personKm: 0, served: 0, method: 'none', bound: 0, optimal: true };

export function solveLocation(instance: LocationInstance, solver: Solver, options: LocationOptions = {}): LocationPlan {
  if (instance.points.length === 0 || instance.links.length === 0) return EMPTY_PLAN;
  if (options.budget === undefined && !options.heuristic && !pointsFit(instance)) return solveCoverable(instance, solver, options);
  const plan = solveFeasible(instance, solver, options);
  const demand = instance.points.reduce((sum, point) => sum + point.residents, 0);
  if (options.budget !== undefined || plan.served >= demand - 1e-3) return plan;
  if (!options.heuristic) return solveCoverable(instance, solver, options);
  // The sites in reach cannot hold everyone (new facilities with a maximum
  // size and no existing one to expand): serve as many as possible, at the
  // least cost — the maximal-coverage form with no budget limit.
  return solveFeasible(instance, solver, { ...options, budget: UNLIMITED });
}

/** Whether every point, alone, fits in the sites it reaches (a necessary condition for serving everyone). */
function pointsFit(instance: LocationInstance): boolean {
  const room = new Float64Array(instance.points.length);
  for (const link of instance.links) room[link.point] += instance.sites[link.site].maxSize * maxCountOf(instance.sites[link.site]);
  return instance.points.every((point, p) => room[p] >= point.residents - 1e-9);
}

/**
 * When the sites in reach cannot hold everyone (new facilities with a
 * maximum size, expansions within their cap): serve as many as possible —
 * the most residents the relaxation can serve with every site open, which
 * integer plans reach too (opening every site is never worse for coverage),
 * each point's share as the maximal-coverage LP places it — at the least
 * cost, by the exact method for that demand.
 */
function solveCoverable(instance: LocationInstance, solver: Solver, options: LocationOptions): LocationPlan {
  // A point that reaches an existing facility without a cap is served in full; the others share the room
  // of the new sites and capped expansions: the maximal-coverage LP over them alone.
  const expands = new Uint8Array(instance.points.length);
  for (const link of instance.links) if (instance.sites[link.site].kind !== 'new' && !Number.isFinite(instance.sites[link.site].maxSize)) expands[link.point] = 1;
  const short = instance.points.flatMap((_, p) => (expands[p] ? [] : [p]));
  const shortIndex = new Map(short.map((p, k) => [p, k]));
  const shortLinks = instance.links.filter((link) => shortIndex.has(link.point));
  const siteIds = [...new Set(shortLinks.map((link) => link.site))].sort((a, b) => a - b);
  const siteIndex = new Map(siteIds.map((j, k) => [j, k]));
  const sub: LocationInstance = {
    ...instance,
    points: short.map((p) => instance.points[p]),
    sites: siteIds.map((j) => instance.sites[j]),
    links: shortLinks.map((link) => ({ point: shortIndex.get(link.point)!, site: siteIndex.get(link.site)!, km: link.km })),
  };
  const coverage = solveProgram(sub, solver, { ...options, budget: UNLIMITED, relax: true });
  if (!coverage) return EMPTY_PLAN;
  const served = Float64Array.from(instance.points, (point, p) => (expands[p] ? point.residents : 0));
  sub.links.forEach((link, k) => (served[short[link.point]] += coverage.values[k]));
  const coverable = { ...instance, points: instance.points.map((point, p) => ({ ...point, residents: Math.min(point.residents, snap(served[p])) })) };
  return solveFeasible(coverable, solver, options);
}

/** A budget so large that only capacity limits coverage (HiGHS reads ≥ 1e30 as infinite). */
const UNLIMITED = 1e30;

function solveFeasible(instance: LocationInstance, solver: Solver, options: LocationOptions): LocationPlan {
  if (options.budget === undefined && !options.heuristic) {
    const closed = closedForm(instance);
    if (closed) return closed;
  }
  if (!options.heuristic) return exact(instance, solver, options);
  const plan = options.budget === undefined ? heuristic(instance, solver) : budgetHeuristic(instance, solver, options.budget);
  return { ...plan, bound: heuristicBound(instance, solver, options, plan), optimal: false };
}

/**
 * A lower bound for a heuristic plan. With a budget the relaxation maximises residents served, which is
 * no bound on a cost. The optimum serves at least as many as this plan, so the relaxed least cost of
 * serving that many (less the rounding of `snap`, 5e-5 per link) is a lower bound on its cost.
 */
function heuristicBound(instance: LocationInstance, solver: Solver, options: LocationOptions, plan: LocationPlan): number {
  const relaxation = solveProgram(
    instance,
    solver,
    options.budget === undefined ? { ...options, relax: true } : { ...options, relax: true, minimumServed: plan.served - 1e-4 * instance.links.length },
  );
  return relaxation?.objective ?? -Infinity;
}

/**
 * Expansions only, when they provably win: every resident reaches an
 * existing facility, and no new site j could save more person-km cost than
 * its fixed cost: λ Σ_p M_p (e_p − d_pj)⁺ < F_j, where e_p is the distance to
 * p's nearest expandable facility.
 */
function closedForm(instance: LocationInstance): LocationPlan | undefined {
  const { points, sites, links, lambda } = instance;
  // With a capped expansion the nearest one may be full: no closed form.
  if (sites.some((site) => site.kind === 'expansion' && Number.isFinite(site.maxSize))) return undefined;
  const nearest = new Int32Array(points.length).fill(-1);
  const distance = new Float64Array(points.length).fill(Infinity);
  for (const link of links) {
    if (sites[link.site].kind !== 'expansion') continue;
    if (link.km < distance[link.point]) {
      distance[link.point] = link.km;
      nearest[link.point] = link.site;
    }
  }
  if (nearest.some((site) => site < 0)) return undefined;
  const saving = new Float64Array(sites.length);
  for (const link of links) {
    if (sites[link.site].kind === 'new') saving[link.site] += lambda * points[link.point].residents * Math.max(0, distance[link.point] - link.km);
  }
  if (sites.some((site, j) => site.kind === 'new' && !(saving[j] < site.fixedCost))) return undefined;
  const assigned = new Map<number, Assignment[]>();
  points.forEach((point, p) => {
    const list = assigned.get(nearest[p]) ?? [];
    list.push({ point: p, residents: point.residents, km: distance[p] });
    assigned.set(nearest[p], list);
  });
  return planFrom(instance, assigned, new Map(), 'closed-form', undefined);
}

/** Builds the plan record from assignments (and sizes of new facilities). */
function planFrom(
  instance: LocationInstance,
  assigned: ReadonlyMap<number, Assignment[]>,
  sizes: ReadonlyMap<number, { places: number; count: number }>,
  method: Method,
  bound: number | undefined,
): LocationPlan {
  const facilities: Facility[] = [];
  let investment = 0;
  let personKm = 0;
  let served = 0;
  const open = [...new Set([...assigned.keys(), ...sizes.keys()])].sort((a, b) => a - b);
  for (const j of open) {
    const list = (assigned.get(j) ?? []).filter((a) => a.residents > 1e-9).sort((a, b) => a.point - b.point);
    const load = list.reduce((sum, a) => sum + a.residents, 0);
    const site = instance.sites[j];
    const size = sizes.get(j);
    // A new site: as many facilities as the solution opened, and never fewer than its load needs.
    const count = site.kind === 'new' ? Math.max(size?.count ?? 1, Number.isFinite(site.maxSize) ? Math.ceil(load / site.maxSize - 1e-9) : 1, 1) : 1;
    const places = site.kind === 'new' ? Math.max(size?.places ?? 0, load, site.minSize * count) : load;
    if (places <= 1e-9) continue;
    const cost = (site.kind === 'new' ? site.fixedCost * count : 0) + instance.capexPerPlace * places;
    investment += cost;
    for (const a of list) {
      personKm += a.residents * a.km;
      served += a.residents;
    }
    facilities.push({ site: j, count, places, investment: cost, assigned: list });
  }
  const cost = investment + instance.lambda * personKm;
  return { facilities, cost, investment, personKm, served, method, bound: bound ?? cost, optimal: bound === undefined || bound >= cost - 1e-6 * Math.max(1, cost) };
}

/** Points up to which a plan's program has local covers of pairs of points (else of single points). */
const PAIRS_UP_TO = 300;

export interface LocalCover {
  readonly points: readonly number[];
  /** Sites any of the points reaches. */
  readonly sites: readonly number[];
  /** Their counts' columns. */
  readonly columns: readonly number[];
}

/**
 * Local covers (docs/methods.md §6): each point, and each pair (each
 * triple) of points sharing sites, with the sites they reach and the
 * columns of those sites' counts; up to `size` points per cover. The row
 * Σ y ≥ facilitiesNeeded(those sites, their demand) holds for every plan.
 */
export function localCovers(instance: LocationInstance, yColumn: Int32Array, size: 1 | 2 | 3): LocalCover[] {
  const reach: number[][] = instance.points.map(() => []);
  for (const link of instance.links) reach[link.point].push(link.site);
  const cover = (points: readonly number[]): LocalCover | undefined => {
    const sites = [...new Set(points.flatMap((p) => reach[p]))].sort((a, b) => a - b);
    const columns = sites.filter((j) => yColumn[j] >= 0).map((j) => yColumn[j]);
    return columns.length > 0 ? { points, sites, columns } : undefined;
  };
  const covers: LocalCover[] = [];
  const push = (found: LocalCover | undefined): void => {
    if (found) covers.push(found);
  };
  instance.points.forEach((_, p) => {
    push(cover([p]));
    for (let q = p + 1; size >= 2 && q < instance.points.length; q++) {
      if (!reach[p].some((j) => reach[q].includes(j))) continue;
      push(cover([p, q]));
      for (let r = q + 1; size >= 3 && r < instance.points.length; r++) {
        if (reach[r].some((j) => reach[p].includes(j) || reach[q].includes(j))) push(cover([p, q, r]));
      }
    }
  });
  return covers;
}

export interface ProgramOptions extends LocationOptions {
  /** Local cover rows (default true; the location game sets its own per coalition). */
  readonly covers?: boolean;
  /** No valid inequalities at all (default false): the plain relaxation, whose duals price only demand and bounds. */
  readonly plain?: boolean;
  readonly relax?: boolean;
  /** Fix y_j (new sites) to these counts (brute force, heuristic polishing). */
  readonly fixed?: ReadonlyMap<number, number>;
  /** Budget mode, stage 2: serve at least this many. */
  readonly minimumServed?: number;
  /** A feasible start for the MILP (warm start). */
  readonly start?: Float64Array;
}

/** The MILP (or its relaxation, or with y fixed) of `instance`; values: z by link, then q by site, then y (the count) by new site. */
function solveProgram(
  instance: LocationInstance,
  solver: Solver,
  options: ProgramOptions,
): { objective: number; values: Float64Array; status: string; bound: number; rowDual?: Float64Array; colDual?: Float64Array } | undefined {
  const { program } = locationProgram(instance, options);
  const result = solver.solve(program, { maxNodes: options.maxNodes ?? 20000, timeLimit: options.timeLimit ?? 10, ...(options.start && !options.relax ? { start: options.start } : {}) });
  if (result.status === 'infeasible' || result.status === 'error') return undefined;
  return {
    objective: result.objective,
    values: result.values,
    status: result.status,
    bound: result.bound,
    ...(result.rowDual ? { rowDual: result.rowDual } : {}),
    ...(result.colDual ? { colDual: result.colDual } : {}),
  };
}

/** A location program and where its parts are. */
export interface LocationProgram {
  readonly program: LinearProgram;
  /** Columns of the counts y (new sites, in site order); -1 for an expansion. */
  readonly yColumn: Int32Array;
  /** Rows 0 … points−1 are the demand rows; then `cuts` rows valid only with every point of the instance. */
  readonly cuts: number;
  /** The row Σ y ≥ facilitiesNeeded (−1 without new sites or with a budget). */
  readonly coverRow: number;
}

/**
 * The program of `instance` (without a budget: the MILP; `relax`: its LP
 * relaxation): columns z by link, then q by site, then y (the count) by new
 * site; rows: demand by point, the cuts, then the sites' rows.
 */
export function locationProgram(instance: LocationInstance, options: ProgramOptions = {}): LocationProgram {
  const { points, sites, links, lambda, capexPerPlace } = instance;
  const z = links.length;
  const newIndex = new Int32Array(sites.length).fill(-1);
  let y = 0;
  sites.forEach((site, j) => site.kind === 'new' && (newIndex[j] = y++));
  const columns = z + sites.length + y;
  const qAt = (j: number) => z + j;
  const yAt = (j: number) => z + sites.length + newIndex[j];
  const totalDemand = points.reduce((sum, p) => sum + p.residents, 0);
  const rows = new RowBuilder();
  const budgetMode = options.budget !== undefined && options.minimumServed === undefined;
  const byPoint: number[][] = points.map(() => []);
  const bySite: number[][] = sites.map(() => []);
  links.forEach((link, k) => {
    byPoint[link.point].push(k);
    bySite[link.site].push(k);
  });
  points.forEach((point, p) =>
    rows.add(
      byPoint[p],
      byPoint[p].map(() => 1),
      options.budget !== undefined ? -INFINITY : point.residents,
      point.residents,
    ),
  );
  const beforeCuts = rows.count;
  if (options.budget === undefined) {
    // Local covers: a point, or points sharing sites, can only be served by the sites they reach, so the new
    // facilities there must hold what the expansions there cannot: valid for every integer plan, they cut off
    // the relaxation's fractional counts — so the relaxation is integral more often.
    if (options.covers !== false && !options.plain) {
      for (const cover of localCovers(
        instance,
        Int32Array.from(sites, (site, j) => (site.kind === 'new' ? yAt(j) : -1)),
        points.length <= PAIRS_UP_TO ? 2 : 1,
      )) {
        const needed = facilitiesNeeded(
          cover.sites.map((j) => sites[j]),
          cover.points.reduce((sum, p) => sum + points[p].residents, 0),
        );
        if (needed > 0)
          rows.add(
            [...cover.columns],
            cover.columns.map(() => 1),
            needed,
            INFINITY,
          );
      }
    }
  }
  // The same for all the points together: what the expansions cannot hold needs ⌈(Σ M_p − Σ caps) / max⌉
  // new facilities at least (the cover row; a coalition's own bound is set by the location game).
  let coverRow = -1;
  if (options.budget === undefined && y > 0 && !options.plain) {
    const all = sites.flatMap((site, j) => (site.kind === 'new' ? [yAt(j)] : []));
    coverRow = rows.add(
      all,
      all.map(() => 1),
      facilitiesNeeded(sites, totalDemand),
      INFINITY,
    );
  }
  const cuts = rows.count - beforeCuts;
  sites.forEach((site, j) => {
    rows.add([...bySite[j], qAt(j)], [...bySite[j].map(() => 1), -1], -INFINITY, 0);
    if (site.kind !== 'new') return;
    // Unbounded size: big-M of all the demand, but never below the minimum size (else a site could not open at all).
    const cap = Number.isFinite(site.maxSize) ? site.maxSize : Math.max(totalDemand, site.minSize);
    rows.add([qAt(j), yAt(j)], [1, -cap], -INFINITY, 0);
    if (site.minSize > 0) rows.add([qAt(j), yAt(j)], [1, -site.minSize], 0, INFINITY);
    // z_pj ≤ min(M_p, max)·y_j: the strong formulation, whose relaxation is much tighter (valid for any
    // whole count: one facility already admits all of M_p, or a facility's worth).
    for (const k of bySite[j]) rows.add([k, yAt(j)], [1, -Math.min(points[links[k].point].residents, cap)], -INFINITY, 0);
  });
  const cost = new Float64Array(columns);
  links.forEach((link, k) => (cost[k] = lambda * link.km));
  sites.forEach((site, j) => {
    cost[qAt(j)] = capexPerPlace;
    if (site.kind === 'new') cost[yAt(j)] = site.fixedCost;
  });
  if (options.budget !== undefined) {
    const budgetColumns = sites.flatMap((site, j) => (site.kind === 'new' ? [qAt(j), yAt(j)] : [qAt(j)]));
    const budgetValues = sites.flatMap((site) => (site.kind === 'new' ? [capexPerPlace, site.fixedCost] : [capexPerPlace]));
    rows.add(budgetColumns, budgetValues, -INFINITY, options.budget);
  }
  if (options.minimumServed !== undefined) {
    const all = links.map((_, k) => k);
    rows.add(
      all,
      all.map(() => 1),
      options.minimumServed,
      INFINITY,
    );
  }
  const lower = new Float64Array(columns);
  const upper = new Float64Array(columns).fill(INFINITY);
  sites.forEach((site, j) => {
    if (site.kind !== 'new') {
      if (Number.isFinite(site.maxSize)) upper[qAt(j)] = site.maxSize;
      return;
    }
    upper[yAt(j)] = maxCountOf(site);
    const fixed = options.fixed?.get(j);
    if (fixed !== undefined) lower[yAt(j)] = upper[yAt(j)] = fixed;
  });
  // Whole places and residents. With the openings decided and no budget row the program is a network flow
  // with whole data, whose optimal vertices are whole: only y is integer. A budget row can split places:
  // every column integer then (an LP when nothing is to decide but a budget row could split places).
  const integer = new Uint8Array(columns);
  if (options.budget !== undefined) integer.fill(1);
  else sites.forEach((site, j) => site.kind === 'new' && (integer[yAt(j)] = 1));
  const program: LinearProgram = {
    numCols: columns,
    ...rows.build(),
    maximize: budgetMode,
    colCost: budgetMode ? Float64Array.from({ length: columns }, (_, c) => (c < z ? 1 : 0)) : cost,
    colLower: lower,
    colUpper: upper,
    ...(options.relax || (y === 0 && options.budget === undefined) ? {} : { integer }),
  };
  return { program, yColumn: Int32Array.from(sites, (site, j) => (site.kind === 'new' ? yAt(j) : -1)), cuts, coverRow };
}

/**
 * New facilities any plan needs to serve `demand` residents with `sites`:
 * what the expansions' caps cannot hold, divided by the largest new
 * facility, rounded up (0 with an uncapped expansion; 1 when the new sites
 * are unbounded and the expansions fall short).
 */
export function facilitiesNeeded(sites: readonly Site[], demand: number): number {
  let expansions = 0;
  let largest = 0;
  for (const site of sites) {
    if (site.kind === 'new') largest = Math.max(largest, site.maxSize);
    else expansions += site.maxSize;
  }
  const beyond = demand - expansions;
  if (!(beyond > 1e-9) || largest === 0) return 0;
  return Number.isFinite(largest) ? Math.ceil(beyond / largest - 1e-9) : 1;
}

/** Read a plan from solution values of `solveProgram`. */
function planFromValues(instance: LocationInstance, values: Float64Array, method: Method, bound: number | undefined): LocationPlan {
  const z = instance.links.length;
  const assigned = new Map<number, Assignment[]>();
  instance.links.forEach((link, k) => {
    const residents = snap(values[k]);
    if (!(residents > 0)) return;
    const list = assigned.get(link.site) ?? [];
    list.push({ point: link.point, residents, km: link.km });
    assigned.set(link.site, list);
  });
  const sizes = new Map<number, { places: number; count: number }>();
  let yIndex = 0;
  instance.sites.forEach((site, j) => {
    if (site.kind !== 'new') return;
    const count = Math.round(values[z + instance.sites.length + yIndex++]);
    if (count > 0) sizes.set(j, { places: snap(values[z + j]), count });
  });
  return planFrom(instance, assigned, sizes, method, bound);
}

/** Every column whole (y, places and residents): a relaxation that already is a plan in whole places. */
function integral(values: Float64Array): boolean {
  for (const value of values) if (Math.abs(value - Math.round(value)) > 1e-6) return false;
  return true;
}

/** Exact: the LP relaxation, and the MILP when the relaxation is fractional; budget mode in two stages. */
function exact(instance: LocationInstance, solver: Solver, options: LocationOptions): LocationPlan {
  if (options.budget !== undefined) {
    // Without a binding budget every site may open (y = 1 is never worse for coverage), so the
    // relaxation's most residents served is the MILP's: stage 1 is an LP.
    const coverage = solveProgram(instance, solver, options.budget >= UNLIMITED ? { ...options, relax: true } : options);
    if (!coverage) return EMPTY_PLAN;
    const best = solveProgram(instance, solver, { ...options, minimumServed: coverage.objective - 1e-7 * Math.max(1, coverage.objective) });
    if (!best) return EMPTY_PLAN;
    return planFromValues(instance, best.values, 'milp', best.status === 'optimal' ? undefined : best.bound);
  }
  const relaxation = solveProgram(instance, solver, { ...options, relax: true });
  if (!relaxation) return EMPTY_PLAN;
  if (integral(relaxation.values)) return planFromValues(instance, relaxation.values, 'lp', undefined);
  // A partnership-sized program goes to the MILP solver (its cuts prove these optima in few nodes), warm-started
  // from the relaxation rounded up; a larger one to branch and bound on the open relaxation (warm-started
  // solves, within its count of solves), which keeps its incumbent and states the gap where it stops.
  if (relaxation.values.length <= MILP_COLUMNS) {
    const milp = solveProgram(instance, solver, { ...options, start: wholeStart(instance, solver, options, roundedUp(instance, relaxation.values)) });
    if (milp && milp.status === 'optimal') return planFromValues(instance, milp.values, 'milp', undefined);
    const bound = Math.max(milp?.bound ?? -Infinity, relaxation.objective);
    if (milp) return { ...planFromValues(instance, milp.values, 'milp', bound), bound, optimal: false };
    return { ...heuristic(instance, solver), bound, optimal: false };
  }
  const searched = search(instance, solver);
  if (searched.status === 'optimal' && searched.values) return planFromValues(instance, searched.values, 'milp', undefined);
  const bound = Math.max(searched.bound, relaxation.objective);
  if (searched.values) return { ...planFromValues(instance, searched.values, 'milp', bound), bound, optimal: false };
  // The last resort: no solution at all.
  return { ...heuristic(instance, solver), bound, optimal: false };
}

/**
 * Solves of the branch and bound on the open program before a plan is
 * settled: 2,000 on a partnership's program, fewer on a large one (a solve
 * costs about its columns), at least 50 — counts, so results never depend
 * on the machine.
 */
const SEARCH_WORK = 400_000;
const searchNodes = (columns: number): number => Math.max(50, Math.min(2000, Math.floor(SEARCH_WORK / Math.max(1, columns))));
/** Columns up to which a program goes to the MILP solver; above, to the branch and bound on the open relaxation. */
const MILP_COLUMNS = 600;

/**
 * An incumbent's counts trimmed to what its places need: ⌈q_j / max⌉
 * facilities at a site holding q_j places (none where it holds none). The
 * same flows stay feasible (they fit the places), so the next solve costs
 * at most the incumbent less the fixed costs saved.
 */
function trimCounts(instance: LocationInstance, yColumn: Int32Array, integer: Int32Array): (values: Float64Array) => Float64Array {
  const z = instance.links.length;
  const siteOf = new Map<number, number>();
  yColumn.forEach((column, j) => column >= 0 && siteOf.set(column, j));
  return (values) =>
    Float64Array.from(integer, (column) => {
      const j = siteOf.get(column)!;
      const site = instance.sites[j];
      const places = values[z + j];
      if (!(places > 1e-6)) return 0;
      return Math.min(Math.round(values[column]), Number.isFinite(site.maxSize) ? Math.max(1, Math.ceil(places / site.maxSize - 1e-6)) : 1);
    });
}

function search(instance: LocationInstance, solver: Solver): ReturnType<typeof branchAndBound> {
  const { program, yColumn } = locationProgram(instance, { relax: true });
  const model = solver.open(program);
  try {
    const integer = Int32Array.from(yColumn.filter((column) => column >= 0));
    const improve = trimCounts(instance, yColumn, integer);
    return branchAndBound(
      model,
      integer,
      Float64Array.from(integer, (column) => program.colLower[column]),
      Float64Array.from(integer, (column) => program.colUpper[column]),
      { maxNodes: searchNodes(program.numCols), improve },
    );
  } finally {
    model.dispose();
  }
}

/**
 * A feasible MILP start from relaxation values: every new site's count
 * rounded up (y > 0 opens at least one facility, sized at least its
 * minimum), assignments as relaxed.
 */
function roundedUp(instance: LocationInstance, values: Float64Array): Float64Array {
  const start = Float64Array.from(values);
  const z = instance.links.length;
  let y = z + instance.sites.length;
  instance.sites.forEach((site, j) => {
    if (site.kind !== 'new') return;
    if (start[y] > 1e-9) {
      start[y] = Math.min(maxCountOf(site), Math.ceil(start[y] - 1e-9));
      start[z + j] = Math.max(start[z + j], site.minSize * start[y]);
    } else start[y] = 0;
    y++;
  });
  return start;
}

/**
 * A start in whole places: with the rounded-up openings fixed, the program
 * is a network flow, so its LP vertex is integral (every column of the MILP
 * is integer); the rounded-up values themselves if that LP fails.
 */
function wholeStart(instance: LocationInstance, solver: Solver, options: LocationOptions, start: Float64Array): Float64Array {
  const fixed = new Map<number, number>();
  let y = instance.links.length + instance.sites.length;
  instance.sites.forEach((site, j) => site.kind === 'new' && fixed.set(j, Math.round(start[y++])));
  const flow = solveProgram(instance, solver, { ...options, fixed, relax: true });
  return flow && flow.status === 'optimal' && integral(flow.values) ? Float64Array.from(flow.values, Math.round) : start;
}

/**
 * The LP relaxation's prices (Owen 1975; Goemans & Skutella 2004): what each
 * point's residents are charged (M_p times the dual of its demand row) and
 * the credit of each new site whose bound y ≤ maxCount binds (maxCount times
 * minus the reduced cost of y_j) and of each capped expansion whose cap binds (the cap times
 * minus the reduced cost of q_j). By strong duality Σ charge − Σ credit = the relaxed optimum;
 * restricted to any sub-instance the same prices stay dual-feasible, so a
 * coalition charged Σ charge − Σ credit (of its points and its own sites)
 * pays no more than its own relaxed — hence integer — cost. Undefined when
 * the relaxation has no solution (demand that the sites cannot hold).
 */
export function relaxationPrices(instance: LocationInstance, solver: Solver): { objective: number; integral: boolean; charge: Float64Array; credit: Float64Array } | undefined {
  if (instance.points.length === 0 || instance.links.length === 0)
    return { objective: 0, integral: true, charge: new Float64Array(instance.points.length), credit: new Float64Array(instance.sites.length) };
  // The plain relaxation: with valid inequalities the duals would also price their rows, which no member pays.
  const relaxation = solveProgram(instance, solver, { relax: true, plain: true });
  if (!relaxation || relaxation.status !== 'optimal' || !relaxation.rowDual || !relaxation.colDual) return undefined;
  const charge = Float64Array.from(instance.points, (point, p) => point.residents * relaxation.rowDual![p]);
  const credit = new Float64Array(instance.sites.length);
  let y = instance.links.length + instance.sites.length;
  const z = instance.links.length;
  instance.sites.forEach((site, j) => {
    if (site.kind === 'new') credit[j] = maxCountOf(site) * Math.max(0, -relaxation.colDual![y++]);
    else if (Number.isFinite(site.maxSize)) credit[j] = site.maxSize * Math.max(0, -relaxation.colDual![z + j]);
  });
  return { objective: relaxation.objective, integral: integral(relaxation.values), charge, credit };
}

// ---------------------------------------------------------------------------
// Heuristic: greedy opening, then vertex substitution (Teitz & Bart 1968).

const UNSERVED_PENALTY = 1e12;

/** Facilities an open new site needs for `load` (at least one). */
function countFor(site: Site, load: number): number {
  return Number.isFinite(site.maxSize) ? Math.max(1, Math.ceil(load / site.maxSize - 1e-9)) : 1;
}

/** Approximate cost of opening `open` (new sites, each with as many facilities as its load needs): greedy assignment to the nearest site with room. */
function approximateCost(instance: LocationInstance, open: ReadonlySet<number>, order: readonly Link[], counts?: Int32Array): number {
  const { points, sites, lambda, capexPerPlace } = instance;
  const remaining = Float64Array.from(points, (p) => p.residents);
  const room = Float64Array.from(sites, (site, j) => (site.kind === 'new' ? (open.has(j) ? site.maxSize * maxCountOf(site) : 0) : site.maxSize));
  const load = new Float64Array(sites.length);
  let cost = 0;
  for (const link of order) {
    if (!(remaining[link.point] > 0) || !(room[link.site] > 0)) continue;
    const amount = Math.min(remaining[link.point], room[link.site]);
    remaining[link.point] -= amount;
    room[link.site] -= amount;
    load[link.site] += amount;
    cost += lambda * link.km * amount;
  }
  sites.forEach((site, j) => {
    if (site.kind === 'new') {
      if (!open.has(j)) return;
      const count = countFor(site, load[j]);
      if (counts) counts[j] = count;
      cost += site.fixedCost * count + capexPerPlace * Math.max(load[j], site.minSize * count);
    } else cost += capexPerPlace * load[j];
  });
  for (const left of remaining) cost += left * UNSERVED_PENALTY;
  return cost;
}

function heuristicOpenSet(instance: LocationInstance): Set<number> {
  const order = [...instance.links].sort((a, b) => a.km - b.km || a.point - b.point || a.site - b.site);
  const candidates = instance.sites.flatMap((site, j) => (site.kind === 'new' ? [j] : []));
  const open = new Set<number>();
  let best = approximateCost(instance, open, order);
  // Greedy: open the site that lowers the cost most, while one does.
  for (;;) {
    let choice = -1;
    let choiceCost = best;
    for (const j of candidates) {
      if (open.has(j)) continue;
      open.add(j);
      const cost = approximateCost(instance, open, order);
      open.delete(j);
      if (cost < choiceCost - 1e-9) {
        choice = j;
        choiceCost = cost;
      }
    }
    if (choice < 0) break;
    open.add(choice);
    best = choiceCost;
  }
  // Vertex substitution: swap an open site for a closed one (or close it) while that helps.
  for (let round = 0; round < 50; round++) {
    let improved = false;
    for (const j of [...open]) {
      for (const k of [-1, ...candidates]) {
        if (k >= 0 && open.has(k)) continue;
        open.delete(j);
        if (k >= 0) open.add(k);
        const cost = approximateCost(instance, open, order);
        if (cost < best - 1e-9) {
          best = cost;
          improved = true;
          break;
        }
        if (k >= 0) open.delete(k);
        open.add(j);
      }
    }
    if (!improved) break;
  }
  return open;
}

/** Greedy + vertex substitution, then the exact assignment for the chosen sites (an LP). */
function heuristic(instance: LocationInstance, solver: Solver): LocationPlan {
  const open = heuristicOpenSet(instance);
  const fixed = openCounts(instance, open);
  const polished = solveProgram(instance, solver, { fixed, relax: true });
  if (!polished) return EMPTY_PLAN;
  return { ...planFromValues(instance, polished.values, 'heuristic', undefined), method: 'heuristic' };
}

/** Budget mode at scale: the heuristic's sites (cut to what the budget can open), then an exact assignment — most served within the budget, then least cost. */
function budgetHeuristic(instance: LocationInstance, solver: Solver, budget: number): LocationPlan {
  const open = heuristicOpenSet(instance);
  // Those sites were chosen without the budget: while opening them (fixed cost and minimum size) alone
  // exceeds it, the program has no solution at all — close the dearest (expansions alone always fit).
  const opening = (j: number): number => instance.sites[j].fixedCost + instance.capexPerPlace * instance.sites[j].minSize; // one facility
  let committed = [...open].reduce((sum, j) => sum + opening(j), 0);
  while (committed > budget && open.size > 0) {
    const dearest = [...open].sort((a, b) => opening(b) - opening(a) || a - b)[0];
    open.delete(dearest);
    committed -= opening(dearest);
  }
  const fixed = openCounts(instance, open);
  // Sites fixed; whole places (a budget row makes the assignment LP fractional, so an integer program).
  const coverage = solveProgram(instance, solver, { fixed, budget });
  if (!coverage) return EMPTY_PLAN;
  const best = solveProgram(instance, solver, { fixed, budget, minimumServed: coverage.objective - 1e-7 * Math.max(1, coverage.objective) });
  if (!best) return EMPTY_PLAN;
  return { ...planFromValues(instance, best.values, 'heuristic', undefined), method: 'heuristic' };
}

/** The counts of the new sites `open` as the greedy assignment needs them (0 for the others). */
function openCounts(instance: LocationInstance, open: ReadonlySet<number>): Map<number, number> {
  const order = [...instance.links].sort((a, b) => a.km - b.km || a.point - b.point || a.site - b.site);
  const counts = new Int32Array(instance.sites.length);
  approximateCost(instance, open, order, counts);
  return new Map(instance.sites.flatMap((site, j) => (site.kind === 'new' ? [[j, open.has(j) ? counts[j] : 0] as [number, number]] : [])));
}

/** Exported for tests: the cost of a plan with exactly the new sites `open` (one facility each, or the counts given), exact assignment (brute-force reference). */
export function costWithOpenSites(instance: LocationInstance, solver: Solver, open: ReadonlySet<number> | ReadonlyMap<number, number>): number {
  const fixed = new Map<number, number>(instance.sites.flatMap((site, j) => (site.kind === 'new' ? [[j, open instanceof Map ? (open.get(j) ?? 0) : open.has(j) ? 1 : 0] as [number, number]] : [])));
  const result = solveProgram(instance, solver, { fixed, relax: true });
  return result ? result.objective : Infinity;
}
