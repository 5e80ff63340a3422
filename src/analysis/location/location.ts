/**
 * Shared investment: where to build what (docs/methods.md §6; Daskin 2013).
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
 * optimum when it is integral (method 'lp'); else branch and bound on the
 * open relaxation within a count of solves; up to 600 columns, what that
 * does not prove goes to the MILP with HiGHS, warm-started from the
 * rounded-up relaxation, within its node and time limits; above, the search's
 * best plan with its gap stated. Only when neither returns a plan does
 * greedy opening + vertex substitution (location-heuristic.ts) step in,
 * reported with its gap to the LP-relaxation bound (or on request,
 * `heuristic`, for comparisons). With a budget the objective becomes
 * maximal coverage: most residents served within the budget, then least
 * cost. The data are in location-model.ts, the program in
 * location-program.ts.
 *
 * Places are whole (issue 14): given whole residents per point, the
 * programs with the new sites decided are network flows (integral vertices);
 * where a relaxation is fractional, the MILP declares every column integer.
 * An expansion may be capped (`maxSize` of an expansion site).
 */
import { branchAndBound } from '../../engines/branch-and-bound.js';
import { snap, type Solver } from '../../engines/linear-program.js';
import { solveTransport } from '../../engines/transport.js';
import { budgetHeuristic, heuristic } from './location-heuristic.js';
import { EMPTY_PLAN, maxCountOf, UNLIMITED, type Assignment, type LocationInstance, type LocationOptions, type LocationPlan } from './location-model.js';
import { integral, locationProgram, planFrom, planFromValues, solveProgram } from './location-program.js';

export { costWithOpenSites } from './location-heuristic.js';
export * from './location-model.js';
export { facilitiesNeeded, facilitiesNeededOpen, localCovers, locationProgram, TRIPLES_UP_TO, type LocalCover, type LocationProgram, type ProgramOptions } from './location-program.js';

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
 * each point's share as the allocation with the fewest person-km among
 * those serving that many (coverageFlow) — at the least cost, by the exact
 * method for that demand.
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
  const served = Float64Array.from(instance.points, (point, p) => (expands[p] ? point.residents : 0));
  const flow = coverageFlow(sub);
  sub.links.forEach((link, k) => (served[short[link.point]] += flow[k]));
  const coverable = { ...instance, points: instance.points.map((point, p) => ({ ...point, residents: Math.min(point.residents, snap(served[p])) })) };
  return solveFeasible(coverable, solver, options);
}

/**
 * The maximal-coverage relaxation with every site open is a transportation
 * problem: each site holds its cap (an expansion) or its maximum count of
 * facilities of the maximum size (a new site; all the demand where the size
 * is unbounded) — the counts relaxed, the strong rows z ≤ min(M, max)·y and
 * the minimum sizes never bind at y = maxCount. Solved lexicographically
 * (most served, then fewest person-km) by the network simplex of §5: the
 * flow per link. Before 2026-12-07 this was an LP with HiGHS maximising the
 * residents served only, so its split among points was whichever optimal
 * vertex HiGHS returned; now it is the shortest trips. On the national
 * scenario that is one fresh 19,800-column LP fewer (the location phase
 * 3.86 → 3.56 s in process) and 809 small ones fewer in §7.
 */
function coverageFlow(instance: LocationInstance): Float64Array {
  const demand = Float64Array.from(instance.points, (point) => point.residents);
  const total = demand.reduce((a, b) => a + b, 0);
  const supply = Float64Array.from(instance.sites, (site) => Math.min(total, site.kind === 'new' ? site.maxSize * maxCountOf(site) : site.maxSize));
  return solveTransport({
    demand,
    supply,
    row: Int32Array.from(instance.links, (link) => link.point),
    column: Int32Array.from(instance.links, (link) => link.site),
    cost: Float64Array.from(instance.links, (link) => link.km),
  }).flow;
}

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
  // A partnership-sized program: branch and bound on the open relaxation (warm-started solves within its
  // count; its root is the relaxation, method 'lp' when that is integral), then the MILP solver for what it
  // does not prove (its cuts prove these optima in few nodes), warm-started from the relaxation rounded up.
  if (columnsOf(instance) <= MILP_COLUMNS) {
    const searched = search(instance, solver);
    if (searched.status === 'optimal' && searched.values) return planFromValues(instance, searched.values, searched.nodes === 1 ? 'lp' : 'milp', undefined);
    // The relaxation itself has no solution (the sites cannot hold everyone): no plan, without asking HiGHS
    // the same (measured: 8 such coalition clusters in the 30-gmina scenario's §7, each a fresh solve).
    if (searched.status === 'infeasible' && searched.nodes === 1) return EMPTY_PLAN;
    const relaxation = solveProgram(instance, solver, { ...options, relax: true });
    if (!relaxation) return EMPTY_PLAN;
    const milp = solveProgram(instance, solver, { ...options, start: wholeStart(instance, solver, options, roundedUp(instance, relaxation.values)) });
    if (milp && milp.status === 'optimal') return planFromValues(instance, milp.values, 'milp', undefined);
    const bound = Math.max(milp?.bound ?? -Infinity, searched.status === 'limit' ? searched.bound : -Infinity, relaxation.objective);
    if (milp) return { ...planFromValues(instance, milp.values, 'milp', bound), bound, optimal: false };
    return { ...heuristic(instance, solver), bound, optimal: false };
  }
  // A larger one: branch and bound on the open relaxation, whose root is the relaxation (integral: the
  // optimum, method 'lp'); it keeps its incumbent and states the gap where it stops. (A fresh solve of the
  // relaxation first, as before, solved the same program twice: nationally 0.7 s.)
  const searched = search(instance, solver);
  if (searched.status === 'infeasible') return EMPTY_PLAN;
  if (searched.status === 'optimal' && searched.values) return planFromValues(instance, searched.values, searched.nodes === 1 ? 'lp' : 'milp', undefined);
  const bound = searched.bound;
  if (searched.values) return { ...planFromValues(instance, searched.values, 'milp', bound), bound, optimal: false };
  // The last resort: no solution at all (with the relaxation's bound when the root was solved).
  const last = heuristic(instance, solver);
  return Number.isFinite(bound) ? { ...last, bound, optimal: false } : { ...last, optimal: false };
}

/**
 * Solves of the branch and bound on the open program before a plan is
 * settled: on a partnership's program (at most MILP_COLUMNS columns)
 * 150,000 / columns, at most 2,000 (a solve costs about its columns) —
 * counts, so results never depend on the machine; on a larger one
 * LARGE_SEARCH_SOLVES in all, the rounding to the nearest included (which
 * may take more: it runs to its end). There the incumbent comes from the
 * rounding, and the branching after it did not improve it: on mazowieckie's
 * two 2,550-column clusters, solves 11–58 changed neither plan nor bound
 * (the report set the same bytes with 10 as with 58; the location phase
 * 0.51–0.70 → 0.25–0.33 s in process); nationally the rounding's 25 solves
 * used the budget already. (Until December 2026 every program had 150,000 /
 * columns, at least 10; before, 400,000 / columns, at least 50.)
 */
const SEARCH_WORK = 150_000;
const LARGE_SEARCH_SOLVES = 10;
const searchNodes = (columns: number): number => (columns > MILP_COLUMNS ? LARGE_SEARCH_SOLVES : Math.min(2000, Math.floor(SEARCH_WORK / Math.max(1, columns))));
/** Columns up to which a program goes to the MILP solver; above, to the branch and bound on the open relaxation. */
const MILP_COLUMNS = 600;

/** Columns of the instance's program: z by link, q by site, y by new site. */
function columnsOf(instance: LocationInstance): number {
  return instance.links.length + instance.sites.length + instance.sites.filter((site) => site.kind === 'new').length;
}

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
  const { program, yColumn, coverRow } = locationProgram(instance, { relax: true });
  const model = solver.open(program);
  try {
    const integer = Int32Array.from(yColumn.filter((column) => column >= 0));
    const improve = trimCounts(instance, yColumn, integer);
    // The count of all facilities is whole in every plan: a fractional count is branched on first, on a
    // partnership's program. (On mazowieckie's 2,553-column cluster it cost the incumbent: 0.28 % → 1.2 % above the bound.)
    const branchRows = coverRow >= 0 && program.numCols <= MILP_COLUMNS ? [{ row: coverRow, columns: integer, lower: program.rowLower[coverRow], upper: program.rowUpper[coverRow] }] : [];
    return branchAndBound(
      model,
      integer,
      Float64Array.from(integer, (column) => program.colLower[column]),
      Float64Array.from(integer, (column) => program.colUpper[column]),
      // A dive for a first incumbent on a partnership's program (at most two solves per count; measured on
      // Siedlce's 30-point cluster: 1,430 → 1,133 solves to the proof). On a larger one, rounding to the
      // nearest: on the national scenario's 19,800-column cluster the incumbent 0.25 % above the bound
      // (25 solves of 13–80 ms) where rounding every count up gave 2.08 %.
      { maxNodes: searchNodes(program.numCols), dive: program.numCols <= MILP_COLUMNS, roundNearest: program.numCols > MILP_COLUMNS, improve, branchRows },
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
  const relaxation = openRelaxation(instance, solver);
  if (!relaxation) return undefined;
  const charge = Float64Array.from(instance.points, (point, p) => point.residents * relaxation.rowDual[p]);
  const credit = new Float64Array(instance.sites.length);
  let y = instance.links.length + instance.sites.length;
  const z = instance.links.length;
  instance.sites.forEach((site, j) => {
    if (site.kind === 'new') credit[j] = maxCountOf(site) * Math.max(0, -relaxation.colDual[y++]);
    else if (Number.isFinite(site.maxSize)) credit[j] = site.maxSize * Math.max(0, -relaxation.colDual[z + j]);
  });
  return { objective: relaxation.objective, integral: integral(relaxation.values), charge, credit };
}

/** The plain relaxation's optimum with its duals, on an open program (where small, our dual simplex: no fresh HiGHS model). */
function openRelaxation(instance: LocationInstance, solver: Solver): { objective: number; values: Float64Array; rowDual: Float64Array; colDual: Float64Array } | undefined {
  const { program } = locationProgram(instance, { relax: true, plain: true });
  const model = solver.open(program);
  try {
    const result = model.solve();
    return result.status === 'optimal' ? { objective: result.objective, values: result.values, ...model.duals() } : undefined;
  } finally {
    model.dispose();
  }
}
