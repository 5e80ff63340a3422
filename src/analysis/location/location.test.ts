/**
 * Facility location (METHODS.md §6): edge input first, then small cases
 * worked by hand (the closed form, a cheap fixed cost that must beat it, a
 * minimum size, a budget), each also checked against the brute force of
 * src/testing/location-reference.ts. The random instances are in
 * location-random.test.ts.
 *
 * Tolerances: costs agree to 1e-6 relative (HiGHS returns vertex solutions,
 * integral here, and location.ts rounds residents to 1e-4); a bound may
 * exceed the optimum by at most 1e-6 relative.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Solver } from '../../engines/linear-program.js';
import { bruteForce, bruteForceBudget, expansion, expectClose, expectConsistent, instance, newSite, RELATIVE } from '../../testing/location-reference.js';
import { costWithOpenSites, solveLocation, type LocationInstance } from './location.js';
import { testSolvers } from '../../testing/solvers.js';

let solver: Solver;
beforeAll(async () => {
  solver = (await testSolvers()).highs;
});

describe('solveLocation: edge input', () => {
  it('no points: the empty plan, proved optimal', () => {
    const plan = solveLocation(instance([], [expansion(0), newSite(1, 1000, 10)], [], 100), solver);
    expect(plan).toMatchObject({ facilities: [], cost: 0, investment: 0, personKm: 0, served: 0, method: 'none', bound: 0, optimal: true });
  });

  it('points but no links (nobody reaches a site): the empty plan', () => {
    const plan = solveLocation(instance([{ municipality: 0, residents: 12 }], [newSite(1, 1000, 10)], [], 100), solver);
    expect(plan).toMatchObject({ facilities: [], cost: 0, served: 0, method: 'none' });
  });

  it('no sites and no links, with the heuristic or a budget: the empty plan too', () => {
    const problem = instance([{ municipality: 0, residents: 12 }], [], [], 100);
    expect(solveLocation(problem, solver, { heuristic: true }).facilities).toEqual([]);
    expect(solveLocation(problem, solver, { budget: 1e6 }).facilities).toEqual([]);
  });

  it('all residual demand zero: no facility, nothing spent, by every path', () => {
    const problem = instance(
      [
        { municipality: 0, residents: 0 },
        { municipality: 1, residents: 0 },
      ],
      [expansion(0), newSite(1, 5000, 10, 50)],
      [
        { point: 0, site: 0, km: 3 },
        { point: 0, site: 1, km: 4 },
        { point: 1, site: 1, km: 0 },
      ],
      100,
    );
    for (const options of [{}, { heuristic: true }, { budget: 1e6 }]) {
      const plan = solveLocation(problem, solver, options);
      expect(plan.facilities, JSON.stringify(options)).toEqual([]);
      expect(plan.cost).toBeCloseTo(0, 9);
      expect(plan.served).toBe(0);
    }
  });

  it('too few places in reach: those served are the ones with the shortest trips (most served, then fewest person-km)', () => {
    // One new site (m2) of at most 12 places for A (m0, 10 residents, 1 km) and B (m1, 10 residents, 5 km): 12 are
    // served either way; A's 10 at 1 km and B's 2 at 5 km make 20 person-km, against 52 the other way round.
    const problem = instance(
      [
        { municipality: 0, residents: 10 },
        { municipality: 1, residents: 10 },
      ],
      [newSite(2, 1000, 0, 12)],
      [
        { point: 0, site: 0, km: 1 },
        { point: 1, site: 0, km: 5 },
      ],
      100,
    );
    const plan = solveLocation(problem, solver);
    expect(plan.served).toBe(12);
    expect(plan.personKm).toBeCloseTo(20, 9);
  });

  it('does not mutate its input (frozen instance)', () => {
    const problem = instance(
      [{ municipality: 0, residents: 10 }],
      [expansion(0), newSite(1, 20)],
      [
        { point: 0, site: 0, km: 5 },
        { point: 0, site: 1, km: 0 },
      ],
      100,
    );
    expect(() => solveLocation(problem, solver)).not.toThrow();
    expect(() => solveLocation(problem, solver, { heuristic: true })).not.toThrow();
    expect(() => solveLocation(problem, solver, { budget: 500 })).not.toThrow();
  });
});

describe('solveLocation: cases worked by hand', () => {
  // One point of 10 residents; an existing facility 5 km away (expansion);
  // a candidate new site at 0 km with fixed cost F; capex 100 PLN/place; λ = 1.
  // Expansion: 10·100 + 10·5 = 1,050. New site: F + 10·100 + 0 = F + 1,000.
  // Closed form (location.ts): a new site can save at most λ·10·(5 − 0) = 50 person-km PLN.
  const points = [{ municipality: 0, residents: 10 }];
  const links = [
    { point: 0, site: 0, km: 5 },
    { point: 0, site: 1, km: 0 },
  ];

  it('F = 1,000 > 50 of savings: the closed form applies — expand, cost 1,050', () => {
    const problem = instance(points, [expansion(0), newSite(1, 1000)], links, 100);
    const plan = solveLocation(problem, solver);
    expect(plan.method).toBe('closed-form');
    expect(plan.optimal).toBe(true);
    expect(plan.facilities.map((f) => [f.site, f.places])).toEqual([[0, 10]]);
    expectClose(plan.cost, 1050, 'cost');
    expectClose(bruteForce(solver, problem).cost, 1050, 'brute force');
    expectConsistent(problem, plan, true);
  });

  it('F = 20 < 50 of savings: the closed form must not apply — the new site wins, cost 1,020', () => {
    const problem = instance(points, [expansion(0), newSite(1, 20)], links, 100);
    const plan = solveLocation(problem, solver);
    expect(plan.method).not.toBe('closed-form');
    expect(plan.optimal).toBe(true);
    expect(plan.facilities.map((f) => [f.site, f.places, f.investment])).toEqual([[1, 10, 1020]]);
    expectClose(plan.cost, 1020, 'cost');
    expectClose(bruteForce(solver, problem).cost, 1020, 'brute force');
    expectConsistent(problem, plan, true);
  });

  it('F = 20 but a minimum size of 25: the new site would cost 20 + 2,500 — expand instead, 1,050', () => {
    const problem = instance(points, [expansion(0), newSite(1, 20, 25)], links, 100);
    const plan = solveLocation(problem, solver);
    expect(plan.facilities.map((f) => [f.site, f.places])).toEqual([[0, 10]]);
    expectClose(plan.cost, 1050, 'cost');
    expectConsistent(problem, plan, true);
  });

  it('10 residents, the only site new with minimum size 25 and no maximum: it opens at 25 places (100 + 25·100 = 2,600)', () => {
    // Regression: the big-M of an unbounded new site was the total demand (10), below its minimum size,
    // so the site could not open and the plan came back empty.
    const problem = instance(points, [newSite(1, 100, 25)], [{ point: 0, site: 0, km: 2 }], 100);
    const plan = solveLocation(problem, solver);
    expect(plan.facilities.map((f) => [f.site, f.places, f.investment])).toEqual([[0, 25, 2600]]);
    expectClose(plan.cost, 2620, 'cost');
    expectClose(costWithOpenSites(problem, solver, new Set([0])), 2620, 'costWithOpenSites');
    expectConsistent(problem, plan, true);
    const searched = solveLocation(problem, solver, { heuristic: true });
    expectClose(searched.cost, 2620, 'heuristic cost');
  });

  // Budget (maximal coverage). Points A (30 residents) and B (20). Site E:
  // expansion reaching A at 10 km. Site N: new, F = 100,000, min 25, reaching
  // A at 5 km and B at 0 km. Capex 10,000 PLN/place; λ = 1.
  const budgetProblem = (): LocationInstance =>
    instance(
      [
        { municipality: 0, residents: 30 },
        { municipality: 1, residents: 20 },
      ],
      [expansion(2), newSite(1, 100000, 25)],
      [
        { point: 0, site: 0, km: 10 },
        { point: 0, site: 1, km: 5 },
        { point: 1, site: 1, km: 0 },
      ],
      10000,
    );

  it('budget 200,000: N alone would cost 100,000 + 25 places = 350,000 — over budget; expand E by 20: 200,000 + 200 person-km', () => {
    const problem = budgetProblem();
    const plan = solveLocation(problem, solver, { budget: 200000 });
    expectClose(plan.served, 20, 'served');
    expectClose(plan.cost, 200200, 'cost');
    expect(plan.facilities.map((f) => [f.site, f.places])).toEqual([[0, 20]]);
    const brute = bruteForceBudget(solver, problem, 200000);
    expectClose(brute.served, 20, 'brute served');
    expectClose(brute.cost, 200200, 'brute cost');
    // Regression: the budget heuristic opened N (chosen without the budget), found no plan within
    // 200,000 and returned the empty plan, serving nobody.
    const searched = solveLocation(problem, solver, { budget: 200000, heuristic: true });
    expectClose(searched.served, 20, 'heuristic served');
    expectClose(searched.cost, 200200, 'heuristic cost');
    expect(searched.bound).toBeLessThanOrEqual(200200 * (1 + RELATIVE));
  });

  it('budget 400,000, heuristic: its bound is a lower bound on the cost (PLN), not the relaxation’s residents served', () => {
    // Regression: with a budget the heuristic reported the coverage relaxation (36.7 residents) as its
    // cost bound, a gap of 99.99 %.
    const searched = solveLocation(budgetProblem(), solver, { budget: 400000, heuristic: true });
    expect(searched.optimal).toBe(false);
    expect(searched.served).toBeLessThanOrEqual(30 + 1e-6);
    expect(searched.bound).toBeGreaterThan(1000);
    expect(searched.bound).toBeLessThanOrEqual(300300 * (1 + RELATIVE));
    expect(searched.bound).toBeLessThanOrEqual(searched.cost);
  });

  it('budget 400,000: 30 served at most either way (E: 30 places; N: 100,000 + 30 places); E is cheaper — 300,000 + 300 person-km', () => {
    const problem = budgetProblem();
    const plan = solveLocation(problem, solver, { budget: 400000 });
    expectClose(plan.served, 30, 'served');
    expectClose(plan.cost, 300300, 'cost');
    expect(plan.facilities.map((f) => [f.site, f.places])).toEqual([[0, 30]]);
    const brute = bruteForceBudget(solver, problem, 400000);
    expectClose(brute.served, 30, 'brute served');
    expectClose(brute.cost, 300300, 'brute cost');
    expectConsistent(problem, plan, false);
  });

  it('budget 500,000: N with 40 places (B 20 at 0 km, A 20 at 5 km) serves 40 — the most — at the fewest person-km (100): 500,100', () => {
    const problem = budgetProblem();
    const plan = solveLocation(problem, solver, { budget: 500000 });
    expectClose(plan.served, 40, 'served');
    expectClose(plan.investment, 500000, 'investment');
    expectClose(plan.cost, 500100, 'cost');
    expect(plan.facilities.map((f) => [f.site, f.places])).toEqual([[1, 40]]);
    const brute = bruteForceBudget(solver, problem, 500000);
    expectClose(brute.served, 40, 'brute served');
    expectClose(brute.cost, 500100, 'brute cost');
    expectConsistent(problem, plan, false);
  });
});
