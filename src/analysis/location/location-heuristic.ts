/**
 * The last resort of shared investment (docs/methods.md §6): greedy opening
 * then vertex substitution (Teitz & Bart 1968), each set of sites priced by
 * a greedy assignment, then the exact assignment for the chosen sites; and
 * the brute-force reference the tests use.
 */
import type { Solver } from '../../engines/linear-program.js';
import { EMPTY_PLAN, maxCountOf, type Link, type LocationInstance, type LocationPlan, type Site } from './location-model.js';
import { planFromValues, solveProgram } from './location-program.js';

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
export function heuristic(instance: LocationInstance, solver: Solver): LocationPlan {
  const open = heuristicOpenSet(instance);
  const fixed = openCounts(instance, open);
  const polished = solveProgram(instance, solver, { fixed, relax: true });
  if (!polished) return EMPTY_PLAN;
  return { ...planFromValues(instance, polished.values, 'heuristic', undefined), method: 'heuristic' };
}

/** Budget mode at scale: the heuristic's sites (cut to what the budget can open), then an exact assignment — most served within the budget, then least cost. */
export function budgetHeuristic(instance: LocationInstance, solver: Solver, budget: number): LocationPlan {
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
