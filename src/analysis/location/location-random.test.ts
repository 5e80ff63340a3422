/**
 * Facility location (METHODS.md §6) on random small instances: 50 where the
 * exact path must equal brute-force enumeration of facility sets and the
 * heuristic must stay within the gap it reports, and 15 with a budget (most
 * served, then least cost). The brute force (src/testing/location-reference.ts)
 * is computed twice, by location.ts's own program with the sites fixed and by
 * an assignment LP written from the formulation alone.
 *
 * Tolerances: costs agree to 1e-6 relative; under a budget, 1e-4 per link
 * (location.ts rounds each z to 1e-4).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Solver } from '../../engines/linear-program.js';
import { mulberry32, type Random } from '../../engines/random.js';
import { bruteForce, bruteForceBudget, expansion, expectClose, expectConsistent, instance, newSite, RELATIVE } from '../../testing/location-reference.js';
import { testSolvers } from '../../testing/solvers.js';
import { solveLocation, type Link, type LocationInstance, type Point, type Site } from './location.js';

let solver: Solver;
/** The command line's: open programs (branch and bound) on our dual simplex (src/engines/dual-simplex.ts). */
let own: Solver;
beforeAll(async () => {
  ({ highs: solver, own } = await testSolvers());
});

// ---------------------------------------------------------------------------
// Random small instances.

function randomInstance(random: Random): LocationInstance {
  const integer = (low: number, high: number): number => low + Math.floor(random() * (high - low + 1));
  const pointCount = integer(2, 6);
  const siteCount = integer(2, 6);
  const sites: Site[] = Array.from({ length: siteCount }, (_, j) => {
    if (j > 0 && random() < 0.4) return expansion(j);
    const fixedCost = random() < 0.4 ? integer(0, 2000) : integer(100000, 2000000);
    const minSize = random() < 0.3 ? 0 : integer(5, 35);
    const maxSize = random() < 0.4 ? Infinity : minSize + integer(10, 60);
    return newSite(j, fixedCost, minSize, maxSize);
  });
  const points: Point[] = Array.from({ length: pointCount }, (_, p) => ({ municipality: 100 + p, residents: integer(1, 40) }));
  const links: Link[] = [];
  const unbounded = sites.flatMap((site, j) => (Number.isFinite(site.maxSize) ? [] : [j]));
  if (unbounded.length === 0) {
    const j = integer(0, siteCount - 1);
    sites[j] = { ...sites[j], maxSize: Infinity };
    unbounded.push(j);
  }
  const km = (): number => Math.round(random() * 3000) / 100;
  points.forEach((_, p) => {
    const reached = new Set<number>();
    sites.forEach((_, j) => random() < 0.6 && reached.add(j));
    // Feasible by construction: every point reaches a site without a maximum size.
    if (![...reached].some((j) => unbounded.includes(j))) reached.add(unbounded[integer(0, unbounded.length - 1)]);
    for (const j of reached) links.push({ point: p, site: j, km: km() });
  });
  const lambda = [1, 50, 2000][integer(0, 2)] * (0.5 + random());
  return instance(points, sites, links, integer(10000, 60000), lambda);
}

describe('solveLocation on 50 random small instances (seed 20240611)', () => {
  const random = mulberry32(20240611);
  const problems = Array.from({ length: 50 }, () => randomInstance(random));
  const methods: string[] = [];
  const openedNew: boolean[] = [];

  problems.forEach((problem, n) => {
    const shape = `${problem.points.length} points, ${problem.sites.filter((s) => s.kind === 'new').length} new + ${problem.sites.filter((s) => s.kind === 'expansion').length} expansion sites, λ = ${problem.lambda.toFixed(1)}`;
    it(`#${n}: ${shape}: exact = brute force; heuristic ≥ optimum, within its gap`, () => {
      const brute = bruteForce(solver, problem);
      expect(Number.isFinite(brute.cost)).toBe(true);

      const plan = solveLocation(problem, solver);
      methods.push(plan.method);
      openedNew.push(brute.open.size > 0);
      expect(plan.optimal).toBe(true);
      expect(['closed-form', 'lp', 'milp']).toContain(plan.method);
      expectClose(plan.cost, brute.cost, `#${n} exact vs brute force`);
      expectClose(plan.bound, plan.cost, `#${n} bound of a proved optimum`);
      expectConsistent(problem, plan, true);
      const ours = solveLocation(problem, own);
      expect(ours.optimal).toBe(true);
      expectClose(ours.cost, brute.cost, `#${n} exact (our dual simplex) vs brute force`);
      expectConsistent(problem, ours, true);

      const searched = solveLocation(problem, solver, { heuristic: true });
      expect(searched.method).toBe('heuristic');
      expectConsistent(problem, searched, true);
      const tolerance = RELATIVE * Math.max(1, brute.cost);
      // bound ≤ optimum ≤ heuristic cost, so the optimum lies within the reported gap (cost − bound)/cost.
      expect(searched.cost).toBeGreaterThanOrEqual(brute.cost - tolerance);
      expect(searched.bound).toBeLessThanOrEqual(brute.cost + tolerance);
      const gap = (searched.cost - searched.bound) / searched.cost;
      expect((searched.cost - brute.cost) / searched.cost).toBeLessThanOrEqual(gap + RELATIVE);
    }, 30_000);
  });

  it('the set covers the closed form, the LP/MILP path, and optima with and without new facilities', () => {
    expect(methods).toHaveLength(50);
    expect(methods.filter((m) => m === 'closed-form').length).toBeGreaterThan(0);
    expect(methods.filter((m) => m === 'lp' || m === 'milp').length).toBeGreaterThan(0);
    expect(openedNew.filter(Boolean).length).toBeGreaterThan(0);
    expect(openedNew.filter((opened) => !opened).length).toBeGreaterThan(0);
  });
});

describe('solveLocation with a budget on random small instances (seed 777)', () => {
  const random = mulberry32(777);
  for (let n = 0; n < 15; n++) {
    const problem = randomInstance(random);
    const total = problem.points.reduce((sum, p) => sum + p.residents, 0);
    // Budgets from "almost nothing" to "enough for everyone by expansion".
    const budget = Math.round(problem.capexPerPlace * total * (0.15 + random()));
    it(`#${n}: budget ${budget}: most served within the budget, then least cost = brute force`, () => {
      const brute = bruteForceBudget(solver, problem, budget);
      const plan = solveLocation(problem, solver, { budget });
      // Whole places under a budget (an integer program on both sides); the tolerances of the fractional
      // days are kept: location.ts rounds each z to 1e-4 (snap), ≤ 5e-5 per link.
      const links = problem.links.length;
      const maxKm = Math.max(...problem.links.map((link) => link.km));
      expect(Math.abs(plan.served - brute.served), `#${n} served ${plan.served} vs ${brute.served}`).toBeLessThanOrEqual(1e-4 * links + RELATIVE * brute.served);
      expect(Math.abs(plan.cost - brute.cost), `#${n} cost ${plan.cost} vs ${brute.cost}`).toBeLessThanOrEqual(1e-4 * links * (problem.capexPerPlace + problem.lambda * maxKm) + RELATIVE * brute.cost);
      expect(plan.investment).toBeLessThanOrEqual(budget + 1e-4 * links * problem.capexPerPlace);
      expectConsistent(problem, plan, false);

      // The heuristic serves no more than the optimum, stays within the budget, and its bound is a
      // lower bound on the optimum's cost (the optimum serves at least as many as the heuristic).
      const searched = solveLocation(problem, solver, { budget, heuristic: true });
      expect(searched.optimal).toBe(false);
      expect(searched.served).toBeLessThanOrEqual(brute.served + 1e-4 * links + RELATIVE * brute.served);
      expect(searched.investment).toBeLessThanOrEqual(budget + 1e-4 * links * problem.capexPerPlace);
      expect(searched.bound).toBeLessThanOrEqual(brute.cost * (1 + RELATIVE) + 1e-4 * links * (problem.capexPerPlace + problem.lambda * maxKm));
      expect(searched.bound).toBeLessThanOrEqual(searched.cost + RELATIVE * Math.max(1, searched.cost));
      expectConsistent(problem, searched, false);
    }, 30_000);
  }
});
