/**
 * Facility location (METHODS.md §6): edge input first, then small cases
 * worked by hand (the closed form, a cheap fixed cost that must beat it, a
 * minimum size, a budget), then 50 random small instances where the exact
 * path must equal brute-force enumeration of facility sets and the
 * heuristic must stay within the gap it reports.
 *
 * The brute force is computed twice: with `costWithOpenSites` (location.ts's
 * own program with y fixed) and with an assignment LP built here from the
 * METHODS.md formulation alone (same HiGHS, independent model), so that a
 * mistake in location.ts's program cannot hide in both sides.
 *
 * Tolerances: costs agree to 1e-6 relative (HiGHS returns vertex solutions,
 * integral here, and location.ts rounds residents to 1e-4); a bound may
 * exceed the optimum by at most 1e-6 relative.
 */
import loadHighsModule from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { highsSolver, INFINITY, RowBuilder, type Solver } from '../../engines/linear-program.js';
import { costWithOpenSites, solveLocation, type Link, type LocationInstance, type LocationPlan, type Point, type Site } from './location.js';
import { mulberry32, type Random } from '../../engines/random.js';

// The package's types are CommonJS; at run time the ES module's default export is the loader (as in src/cli/solver.ts).
const loadHighs = loadHighsModule as unknown as typeof loadHighsModule.default;

let solver: Solver;
beforeAll(async () => {
  solver = highsSolver(await loadHighs());
});

const RELATIVE = 1e-6;

function expectClose(actual: number, expected: number, where: string): void {
  expect(Math.abs(actual - expected), `${where}: ${actual} vs ${expected}`).toBeLessThanOrEqual(RELATIVE * Math.max(1, Math.abs(expected)));
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

const expansion = (municipality: number): Site => ({ municipality, kind: 'expansion', fixedCost: 0, minSize: 0, maxSize: Infinity });
const newSite = (municipality: number, fixedCost: number, minSize = 0, maxSize = Infinity): Site => ({ municipality, kind: 'new', fixedCost, minSize, maxSize });

function instance(points: Point[], sites: Site[], links: Link[], capexPerPlace: number, lambda = 1): LocationInstance {
  return deepFreeze({ points, sites, links: [...links].sort((a, b) => a.point - b.point || a.site - b.site), capexPerPlace, lambda });
}

/** Plans must be internally consistent whatever method produced them. */
function expectConsistent(problem: LocationInstance, plan: LocationPlan, everyoneServed: boolean): void {
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

interface Reference {
  readonly served: number;
  readonly cost: number;
}

/**
 * With the new sites `open` (y fixed), the best plan: variables z (links to
 * expansions and open new sites) and q_j (open new sites, min_j ≤ q_j ≤ max_j,
 * Σ_p z_pj ≤ q_j). Without a budget every resident is served and the cost is
 * minimised; with one, the most served within it, then the least cost.
 */
function referencePlan(problem: LocationInstance, open: ReadonlySet<number>, budget?: number): Reference {
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
function bruteForce(problem: LocationInstance): { cost: number; open: Set<number> } {
  let best = { cost: Infinity, open: new Set<number>() };
  for (const open of subsets(problem)) {
    const own = costWithOpenSites(problem, solver, open);
    const reference = referencePlan(problem, open).cost;
    if (Number.isFinite(reference) || Number.isFinite(own)) expectClose(own, reference, `costWithOpenSites vs the reference LP for {${[...open]}}`);
    if (reference < best.cost) best = { cost: reference, open };
  }
  return best;
}

/** Brute force with a budget: most served, then least cost among those. */
function bruteForceBudget(problem: LocationInstance, budget: number): Reference {
  const plans = subsets(problem).map((open) => referencePlan(problem, open, budget));
  const served = Math.max(0, ...plans.map((p) => p.served));
  const cost = Math.min(...plans.filter((p) => p.served >= served - 1e-6 * Math.max(1, served)).map((p) => p.cost));
  return { served, cost };
}

// ---------------------------------------------------------------------------

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
    expectClose(bruteForce(problem).cost, 1050, 'brute force');
    expectConsistent(problem, plan, true);
  });

  it('F = 20 < 50 of savings: the closed form must not apply — the new site wins, cost 1,020', () => {
    const problem = instance(points, [expansion(0), newSite(1, 20)], links, 100);
    const plan = solveLocation(problem, solver);
    expect(plan.method).not.toBe('closed-form');
    expect(plan.optimal).toBe(true);
    expect(plan.facilities.map((f) => [f.site, f.places, f.investment])).toEqual([[1, 10, 1020]]);
    expectClose(plan.cost, 1020, 'cost');
    expectClose(bruteForce(problem).cost, 1020, 'brute force');
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
    const brute = bruteForceBudget(problem, 200000);
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
    const brute = bruteForceBudget(problem, 400000);
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
    const brute = bruteForceBudget(problem, 500000);
    expectClose(brute.served, 40, 'brute served');
    expectClose(brute.cost, 500100, 'brute cost');
    expectConsistent(problem, plan, false);
  });
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
      const brute = bruteForce(problem);
      expect(Number.isFinite(brute.cost)).toBe(true);

      const plan = solveLocation(problem, solver);
      methods.push(plan.method);
      openedNew.push(brute.open.size > 0);
      expect(plan.optimal).toBe(true);
      expect(['closed-form', 'lp', 'milp']).toContain(plan.method);
      expectClose(plan.cost, brute.cost, `#${n} exact vs brute force`);
      expectClose(plan.bound, plan.cost, `#${n} bound of a proved optimum`);
      expectConsistent(problem, plan, true);

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
      const brute = bruteForceBudget(problem, budget);
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
