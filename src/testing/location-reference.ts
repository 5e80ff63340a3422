/**
 * Test support for facility location (docs/methods.md §6;
 * src/analysis/location/location.test.ts and location-random.test.ts):
 * instances, the consistency every plan must have, and the brute force.
 *
 * The brute force is computed twice: with `costWithOpenSites` (location.ts's
 * own program with y fixed) and with an assignment LP built here from the
 * METHODS.md formulation alone (same HiGHS, independent model), so that a
 * mistake in location.ts's program cannot hide in both sides.
 */
import { expect } from 'vitest';
import { INFINITY, RowBuilder, type Solver } from '../engines/linear-program.js';
import { costWithOpenSites, type Link, type LocationInstance, type LocationPlan, type Point, type Site } from '../analysis/location/location.js';

/** Costs agree to 1e-6 relative (HiGHS returns vertex solutions, integral here, and location.ts rounds residents to 1e-4); a bound may exceed the optimum by at most 1e-6 relative. */
export const RELATIVE = 1e-6;

export function expectClose(actual: number, expected: number, where: string): void {
  expect(Math.abs(actual - expected), `${where}: ${actual} vs ${expected}`).toBeLessThanOrEqual(RELATIVE * Math.max(1, Math.abs(expected)));
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

export const expansion = (municipality: number): Site => ({ municipality, kind: 'expansion', fixedCost: 0, minSize: 0, maxSize: Infinity });
export const newSite = (municipality: number, fixedCost: number, minSize = 0, maxSize = Infinity): Site => ({ municipality, kind: 'new', fixedCost, minSize, maxSize });

export function instance(points: Point[], sites: Site[], links: Link[], capexPerPlace: number, lambda = 1): LocationInstance {
  return deepFreeze({ points, sites, links: [...links].sort((a, b) => a.point - b.point || a.site - b.site), capexPerPlace, lambda });
}

/** Plans must be internally consistent whatever method produced them. */
export function expectConsistent(problem: LocationInstance, plan: LocationPlan, everyoneServed: boolean): void {
  const served = new Float64Array(problem.points.length);
  let investment = 0;
  let personKm = 0;
  for (const facility of plan.facilities) {
    const site = problem.sites[facility.site];
    const load = facility.assigned.reduce((sum, a) => sum + a.residents, 0);
    expect(facility.places).toBeGreaterThanOrEqual(load - 1e-6);
    if (site.kind === 'new') {
      expect(facility.places).toBeGreaterThanOrEqual(site.minSize - 1e-6);
      expect(facility.places).toBeLessThanOrEqual(site.maxSize + 1e-6);
    }
    expectClose(facility.investment, (site.kind === 'new' ? site.fixedCost : 0) + problem.capexPerPlace * facility.places, 'facility investment');
    investment += facility.investment;
    for (const a of facility.assigned) {
      const link = problem.links.find((l) => l.point === a.point && l.site === facility.site);
      expect(link, `assignment of point ${a.point} to site ${facility.site} is not a link`).toBeDefined();
      expect(a.km).toBe(link!.km);
      served[a.point] += a.residents;
      personKm += a.residents * a.km;
    }
  }
  problem.points.forEach((point, p) => {
    if (everyoneServed) expect(Math.abs(served[p] - point.residents), `point ${p} served ${served[p]} of ${point.residents}`).toBeLessThanOrEqual(1e-6);
    else expect(served[p]).toBeLessThanOrEqual(point.residents + 1e-6);
  });
  expectClose(plan.investment, investment, 'plan investment');
  expectClose(plan.personKm, personKm, 'plan person-km');
  expectClose(plan.cost, plan.investment + problem.lambda * plan.personKm, 'plan cost');
}

// ---------------------------------------------------------------------------
// An assignment LP for a fixed set of open new sites, written from METHODS.md §6 alone.

export interface Reference {
  readonly served: number;
  readonly cost: number;
}

/**
 * With the new sites `open` (y fixed), the best plan: variables z (links to
 * expansions and open new sites) and q_j (open new sites, min_j ≤ q_j ≤ max_j,
 * Σ_p z_pj ≤ q_j). Without a budget every resident is served and the cost is
 * minimised; with one, the most served within it, then the least cost.
 */
export function referencePlan(solver: Solver, problem: LocationInstance, open: ReadonlySet<number>, budget?: number): Reference {
  const usable = problem.links.map((link, k) => ({ link, k })).filter(({ link }) => problem.sites[link.site].kind === 'expansion' || open.has(link.site));
  const opened = [...open].sort((a, b) => a - b);
  const fixed = opened.reduce((sum, j) => sum + problem.sites[j].fixedCost, 0);
  if (budget !== undefined && fixed > budget) return { served: -1, cost: Infinity };
  const z = usable.length;
  const columns = z + opened.length;
  const rows = new RowBuilder();
  problem.points.forEach((point, p) => {
    const ks = usable.flatMap(({ link }, c) => (link.point === p ? [c] : []));
    rows.add(
      ks,
      ks.map(() => 1),
      budget === undefined ? point.residents : -INFINITY,
      point.residents,
    );
  });
  opened.forEach((j, o) => {
    const ks = usable.flatMap(({ link }, c) => (link.site === j ? [c] : []));
    rows.add([...ks, z + o], [...ks.map(() => 1), -1], -INFINITY, 0);
  });
  // Investment: capex per place expanded (= residents assigned) and per place of a new facility.
  const investmentColumns = [...usable.flatMap(({ link }, c) => (problem.sites[link.site].kind === 'expansion' ? [c] : [])), ...opened.map((_, o) => z + o)];
  if (budget !== undefined)
    rows.add(
      investmentColumns,
      investmentColumns.map(() => problem.capexPerPlace),
      -INFINITY,
      budget - fixed,
    );
  const colLower = new Float64Array(columns);
  const colUpper = new Float64Array(columns).fill(INFINITY);
  opened.forEach((j, o) => {
    colLower[z + o] = problem.sites[j].minSize;
    colUpper[z + o] = Number.isFinite(problem.sites[j].maxSize) ? problem.sites[j].maxSize : INFINITY;
  });
  const cost = new Float64Array(columns);
  usable.forEach(({ link }, c) => (cost[c] = problem.lambda * link.km + (problem.sites[link.site].kind === 'expansion' ? problem.capexPerPlace : 0)));
  opened.forEach((_, o) => (cost[z + o] = problem.capexPerPlace));
  const base = { numCols: columns, colLower, colUpper };
  if (budget === undefined) {
    // A point no usable link reaches cannot be served (and HiGHS calls a model without columns "empty", not infeasible).
    if (problem.points.some((point, p) => point.residents > 0 && !usable.some(({ link }) => link.point === p))) return { served: -1, cost: Infinity };
    const result = solver.solve({ ...base, ...rows.build(), colCost: cost });
    return result.status === 'optimal' ? { served: problem.points.reduce((sum, p) => sum + p.residents, 0), cost: result.objective + fixed } : { served: -1, cost: Infinity };
  }
  // Whole places and residents (issue 14): under a budget the assignment is an integer program.
  const integer = new Uint8Array(columns).fill(1);
  const coverage = solver.solve({ ...base, ...rows.build(), integer, maximize: true, colCost: Float64Array.from({ length: columns }, (_, c) => (c < z ? 1 : 0)) });
  if (coverage.status !== 'optimal') return { served: -1, cost: Infinity };
  const all = Array.from({ length: z }, (_, c) => c);
  rows.add(
    all,
    all.map(() => 1),
    coverage.objective - 1e-7 * Math.max(1, coverage.objective),
    INFINITY,
  );
  const least = solver.solve({ ...base, ...rows.build(), integer, colCost: cost });
  return least.status === 'optimal' ? { served: coverage.objective, cost: least.objective + fixed } : { served: -1, cost: Infinity };
}

/** Every subset of the new sites. */
function subsets(problem: LocationInstance): Set<number>[] {
  const news = problem.sites.flatMap((site, j) => (site.kind === 'new' ? [j] : []));
  return Array.from({ length: 1 << news.length }, (_, mask) => new Set(news.filter((_, b) => mask & (1 << b))));
}

/** Brute force without a budget: min over facility sets, by both references (which must agree). */
export function bruteForce(solver: Solver, problem: LocationInstance): { cost: number; open: Set<number> } {
  let best = { cost: Infinity, open: new Set<number>() };
  for (const open of subsets(problem)) {
    const own = costWithOpenSites(problem, solver, open);
    const reference = referencePlan(solver, problem, open).cost;
    if (Number.isFinite(reference) || Number.isFinite(own)) expectClose(own, reference, `costWithOpenSites vs the reference LP for {${[...open]}}`);
    if (reference < best.cost) best = { cost: reference, open };
  }
  return best;
}

/** Brute force with a budget: most served, then least cost among those. */
export function bruteForceBudget(solver: Solver, problem: LocationInstance, budget: number): Reference {
  const plans = subsets(problem).map((open) => referencePlan(solver, problem, open, budget));
  const served = Math.max(0, ...plans.map((p) => p.served));
  const cost = Math.min(...plans.filter((p) => p.served >= served - 1e-6 * Math.max(1, served)).map((p) => p.cost));
  return { served, cost };
}

// ---------------------------------------------------------------------------
