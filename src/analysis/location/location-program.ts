/**
 * The program of shared investment (docs/methods.md §6): the MILP of an
 * instance, its relaxation or its LP with the counts fixed — columns z by
 * link, q by site, y by new site; rows demand, the valid inequalities
 * (local covers and the cover row), then the sites' rows — its solution by
 * HiGHS, and the plan read from solution values.
 */
import { INFINITY, RowBuilder, snap, type LinearProgram, type Solver } from '../../engines/linear-program.js';
import { maxCountOf, type Assignment, type Facility, type LocationInstance, type LocationOptions, type LocationPlan, type Method, type Site } from './location-model.js';

/** Builds the plan record from assignments (and sizes of new facilities). */
export function planFrom(
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
/**
 * Points up to which they include triples (a partnership's program): measured on Siedlce's 30-point
 * nursery cluster, branch and bound 1,133 → 443 solves to the proof, 154 → 79 ms.
 */
export const TRIPLES_UP_TO = 30;

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
  const covers: LocalCover[] = [];
  const siteCount = instance.sites.length;
  const reach: number[][] = instance.points.map(() => []);
  for (const link of instance.links) reach[link.point].push(link.site);
  // A cover has a column only if one of its points reaches a new site: the others are skipped unbuilt.
  const reachesNew = reach.map((sites) => sites.some((j) => yColumn[j] >= 0));
  if (!reachesNew.some(Boolean)) return [];
  // Stamps instead of sets (the triples of a 30-point cluster are thousands): a site is marked for the point
  // it was last marked for, in `first` (the cover's first point) and `second` (its second).
  const first = new Int32Array(siteCount).fill(-1);
  const second = new Int32Array(siteCount).fill(-1);
  const member = new Int32Array(siteCount).fill(-1);
  let built = 0;
  const cover = (points: readonly number[]): LocalCover | undefined => {
    if (!points.some((p) => reachesNew[p])) return undefined;
    built++;
    const sites: number[] = [];
    for (const p of points) {
      for (const j of reach[p]) {
        if (member[j] === built) continue;
        member[j] = built;
        sites.push(j);
      }
    }
    sites.sort((a, b) => a - b);
    const columns = sites.filter((j) => yColumn[j] >= 0).map((j) => yColumn[j]);
    return columns.length > 0 ? { points, sites, columns } : undefined;
  };
  const push = (found: LocalCover | undefined): void => {
    if (found) covers.push(found);
  };
  const shares = (p: number, marks: Int32Array, stamp: number): boolean => reach[p].some((j) => marks[j] === stamp);
  instance.points.forEach((_, p) => {
    push(cover([p]));
    if (size < 2) return;
    for (const j of reach[p]) first[j] = p;
    for (let q = p + 1; q < instance.points.length; q++) {
      if (!shares(q, first, p)) continue;
      push(cover([p, q]));
      if (size < 3) continue;
      for (const j of reach[q]) second[j] = q;
      for (let r = q + 1; r < instance.points.length; r++) {
        if (shares(r, first, p) || shares(r, second, q)) push(cover([p, q, r]));
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
  /** HiGHS's presolve (default on). */
  readonly presolve?: boolean;
}

/** The MILP (or its relaxation, or with y fixed) of `instance`; values: z by link, then q by site, then y (the count) by new site. */
export function solveProgram(
  instance: LocationInstance,
  solver: Solver,
  options: ProgramOptions,
): { objective: number; values: Float64Array; status: string; bound: number; rowDual?: Float64Array; colDual?: Float64Array } | undefined {
  const { program } = locationProgram(instance, options);
  const result = solver.solve(program, {
    maxNodes: options.maxNodes ?? 20000,
    timeLimit: options.timeLimit ?? 10,
    ...(options.start && !options.relax ? { start: options.start } : {}),
    ...(options.presolve === false ? { presolve: false } : {}),
  });
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
        points.length <= TRIPLES_UP_TO ? 3 : points.length <= PAIRS_UP_TO ? 2 : 1,
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

/**
 * facilitiesNeeded for the open ones (open[j] = 1) among `sites` (indices into `all`), without building
 * their list: the same operations in the same order, so the same number (the location game asks it for
 * every cover of every coalition).
 */
export function facilitiesNeededOpen(all: readonly Site[], sites: readonly number[], open: Uint8Array, demand: number): number {
  let expansions = 0;
  let largest = 0;
  for (const j of sites) {
    if (open[j] !== 1) continue;
    if (all[j].kind === 'new') largest = Math.max(largest, all[j].maxSize);
    else expansions += all[j].maxSize;
  }
  const beyond = demand - expansions;
  if (!(beyond > 1e-9) || largest === 0) return 0;
  return Number.isFinite(largest) ? Math.ceil(beyond / largest - 1e-9) : 1;
}

/** Read a plan from solution values of `solveProgram`. */
export function planFromValues(instance: LocationInstance, values: Float64Array, method: Method, bound: number | undefined): LocationPlan {
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
export function integral(values: Float64Array): boolean {
  for (const value of values) if (Math.abs(value - Math.round(value)) > 1e-6) return false;
  return true;
}
