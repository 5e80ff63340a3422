/**
 * Several facilities at a site as an integer count, and coalitions solved on
 * one open program (docs/methods.md §7–§8).
 *
 * The reference is written here from the copies formulation alone: a site
 * that may get c facilities is c separate sites, each facility its own size
 * min ≤ q_k ≤ max, and the optimum is the least cost over every count
 * vector (an assignment LP per vector, in HiGHS but built independently of
 * location.ts). location.ts's aggregated model (min·y ≤ q ≤ max·y, y whole)
 * must give the same optimum, both through solveLocation (fresh MILP) and
 * through the location game (branch and bound on warm-started LPs) for
 * random coalitions of points and sites. Tolerance: 1e-6 relative.
 *
 * The branch and bound is also checked on a knapsack worked by hand.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { branchAndBound } from '../../engines/branch-and-bound.js';
import { INFINITY, RowBuilder, type Solver } from '../../engines/linear-program.js';
import { openLocationGame } from './location-game.js';
import { countingSolver } from '../../testing/counting-solver.js';
import { maxCountOf, solveLocation, type Link, type LocationInstance, type Site } from '../location/location.js';
import { mulberry32, type Random } from '../../engines/random.js';
import { testSolvers } from '../../testing/solvers.js';

let solver: Solver;
beforeAll(async () => {
  solver = (await testSolvers()).highs;
});

const RELATIVE = 1e-6;

describe('branchAndBound on a knapsack worked by hand', () => {
  // max 5a + 4b + 3c  s.t. 2a + 3b + c ≤ 5, a, b, c ∈ {0, 1} — as a minimisation of the negated values.
  // Whole choices: {a, b} = 9 (weight 5), {a, c} = 8, {b, c} = 7, {a, b, c} does not fit (6). Optimum 9.
  // The LP relaxation takes a = c = 1 and b = 2/3: 5 + 8/3 + 3 = 10.67, fractional.
  it('finds 9 ({a, b}) where the relaxation gives 10.67', () => {
    const rows = new RowBuilder();
    rows.add([0, 1, 2], [2, 3, 1], -INFINITY, 5);
    const model = solver.open({ numCols: 3, ...rows.build(), colCost: Float64Array.of(-5, -4, -3), colLower: new Float64Array(3), colUpper: Float64Array.of(1, 1, 1) });
    try {
      const relaxed = model.solve();
      expect(relaxed.objective).toBeCloseTo(-(5 + 8 / 3 + 3), 9);
      const result = branchAndBound(model, Int32Array.of(0, 1, 2), new Float64Array(3), Float64Array.of(1, 1, 1));
      expect(result.status).toBe('optimal');
      expect(result.objective).toBeCloseTo(-9, 9);
      expect(Array.from(result.values!, (value) => Math.round(value) + 0)).toEqual([1, 1, 0]);
      // The bounds are restored: the relaxation again.
      expect(model.solve().objective).toBeCloseTo(-(5 + 8 / 3 + 3), 9);
    } finally {
      model.dispose();
    }
  });

  it('dives to {a, b}: b = 2/3 is nearest a whole number; b = 1 leaves c = 1, a = 1/2 (9.5); a = 1 then leaves c = 0 (9)', () => {
    const rows = new RowBuilder();
    rows.add([0, 1, 2], [2, 3, 1], -INFINITY, 5);
    const model = solver.open({ numCols: 3, ...rows.build(), colCost: Float64Array.of(-5, -4, -3), colLower: new Float64Array(3), colUpper: Float64Array.of(1, 1, 1) });
    try {
      expect(branchAndBound(model, Int32Array.of(0, 1, 2), new Float64Array(3), Float64Array.of(1, 1, 1), { dive: true })).toMatchObject({ status: 'optimal', objective: expect.closeTo(-9, 9) });
      // Three solves (the root and two dive steps): the incumbent 9, and the root's bound 10.67 left.
      const stopped = branchAndBound(model, Int32Array.of(0, 1, 2), new Float64Array(3), Float64Array.of(1, 1, 1), { dive: true, maxNodes: 3 });
      expect(stopped).toMatchObject({ status: 'limit', objective: expect.closeTo(-9, 9), bound: expect.closeTo(-(5 + 8 / 3 + 3), 9), nodes: 3 });
    } finally {
      model.dispose();
    }
  });

  it('reports an integer-infeasible program (2a = 1) as infeasible, and at its node limit the bound left', () => {
    const rows = new RowBuilder();
    rows.add([0], [2], 1, 1);
    const model = solver.open({ numCols: 1, ...rows.build(), colCost: Float64Array.of(1), colLower: new Float64Array(1), colUpper: Float64Array.of(3) });
    try {
      expect(branchAndBound(model, Int32Array.of(0), new Float64Array(1), Float64Array.of(3)).status).toBe('infeasible');
      // One solve: the relaxation (a = 0.5, objective 0.5) — no incumbent, the bound 0.5.
      expect(branchAndBound(model, Int32Array.of(0), new Float64Array(1), Float64Array.of(3), { maxNodes: 1, roundUp: false })).toMatchObject({
        status: 'limit',
        objective: Infinity,
        bound: 0.5,
        nodes: 1,
      });
    } finally {
      model.dispose();
    }
  });
});

/** The copies reference: the least cost of serving every resident of `points` with `sites`, or Infinity. */
function reference(problem: LocationInstance, points: readonly number[], sites: readonly number[]): number {
  const news = sites.filter((j) => problem.sites[j].kind === 'new');
  let best = Infinity;
  const counts = new Map<number, number>(news.map((j) => [j, 0]));
  const visit = (k: number): void => {
    if (k === news.length) {
      best = Math.min(best, assignment(problem, points, sites, counts));
      return;
    }
    for (let c = 0; c <= maxCountOf(problem.sites[news[k]]); c++) {
      counts.set(news[k], c);
      visit(k + 1);
    }
  };
  visit(0);
  return best;
}

/** With `counts` facilities at each new site (each its own size), the least-cost assignment of everyone, or Infinity. */
function assignment(problem: LocationInstance, points: readonly number[], sites: readonly number[], counts: ReadonlyMap<number, number>): number {
  // Places: expansions as they are, and one "place" per copy of a new site.
  const places: { site: number; copy: boolean }[] = [];
  for (const j of sites) {
    if (problem.sites[j].kind === 'expansion') places.push({ site: j, copy: false });
    else for (let c = 0; c < (counts.get(j) ?? 0); c++) places.push({ site: j, copy: true });
  }
  const links: { point: number; place: number; km: number }[] = [];
  points.forEach((p, row) => {
    for (const link of problem.links) if (link.point === p) places.forEach((place, k) => place.site === link.site && links.push({ point: row, place: k, km: link.km }));
  });
  if (points.some((_, row) => problem.points[points[row]].residents > 0 && !links.some((l) => l.point === row))) return Infinity;
  const copies = places.flatMap((place, k) => (place.copy ? [k] : []));
  const columns = links.length + copies.length;
  const rows = new RowBuilder();
  points.forEach((p, row) => {
    const ks = links.flatMap((l, c) => (l.point === row ? [c] : []));
    rows.add(
      ks,
      ks.map(() => 1),
      problem.points[p].residents,
      problem.points[p].residents,
    );
  });
  places.forEach((place, k) => {
    const ks = links.flatMap((l, c) => (l.place === k ? [c] : []));
    const site = problem.sites[place.site];
    if (place.copy) rows.add([...ks, links.length + copies.indexOf(k)], [...ks.map(() => 1), -1], -INFINITY, 0);
    else if (Number.isFinite(site.maxSize))
      rows.add(
        ks,
        ks.map(() => 1),
        -INFINITY,
        site.maxSize,
      );
  });
  const cost = new Float64Array(columns);
  links.forEach((l, c) => (cost[c] = problem.lambda * l.km + (places[l.place].copy ? 0 : problem.capexPerPlace)));
  const colLower = new Float64Array(columns);
  const colUpper = new Float64Array(columns).fill(INFINITY);
  copies.forEach((k, c) => {
    const site = problem.sites[places[k].site];
    cost[links.length + c] = problem.capexPerPlace;
    colLower[links.length + c] = site.minSize;
    colUpper[links.length + c] = Number.isFinite(site.maxSize) ? site.maxSize : INFINITY;
  });
  const fixed = copies.reduce((sum, k) => sum + problem.sites[places[k].site].fixedCost, 0);
  if (columns === 0) return points.every((p) => problem.points[p].residents === 0) ? fixed : Infinity;
  const result = solver.solve({ numCols: columns, ...rows.build(), colCost: cost, colLower, colUpper });
  return result.status === 'optimal' ? result.objective + fixed : Infinity;
}

function randomInstance(random: Random): LocationInstance {
  const int = (low: number, high: number): number => low + Math.floor(random() * (high - low + 1));
  const pointCount = int(2, 5);
  const points = Array.from({ length: pointCount }, (_, p) => ({ municipality: p, residents: int(5, 140) }));
  const sites: Site[] = Array.from({ length: int(2, 4) }, (_, j): Site => {
    if (random() < 0.35) return { municipality: 10 + j, kind: 'expansion', fixedCost: 0, minSize: 0, maxSize: random() < 0.7 ? int(10, 60) : Infinity };
    const bounded = random() < 0.85;
    return { municipality: 10 + j, kind: 'new', fixedCost: int(5, 50) * 100, minSize: int(0, 3) * 5, maxSize: bounded ? int(3, 8) * 10 : Infinity, maxCount: bounded ? int(1, 3) : 1 };
  });
  const links: Link[] = [];
  points.forEach((_, p) =>
    sites.forEach((_, j) => {
      if (random() < 0.75) links.push({ point: p, site: j, km: int(0, 25) });
    }),
  );
  return { points, sites, links, capexPerPlace: int(1, 10) * 10, lambda: int(1, 4) / 2 };
}

/** A random non-empty subset of 0…n−1, sorted. */
function someOf(n: number, random: Random): number[] {
  const chosen = Array.from({ length: n }, (_, k) => k).filter(() => random() < 0.6);
  return chosen.length > 0 ? chosen : [Math.floor(random() * n)];
}

describe('counts of facilities and the location game: 30 random instances against the copies reference', () => {
  const random = mulberry32(15);
  const problems = Array.from({ length: 30 }, () => randomInstance(random));
  // What the instances exercised (checked last, so that the generator cannot drift into easy cases).
  const seen = { severalFacilities: 0, unservable: 0, coalitions: 0 };
  it.each(problems.map((problem, k) => [k, problem] as const))('instance #%i', (_, problem) => {
    const all = problem.points.map((_, p) => p);
    const everySite = problem.sites.map((_, j) => j);
    const whole = reference(problem, all, everySite);
    if (Number.isFinite(whole)) {
      const plan = solveLocation(problem, solver);
      expect(Math.abs(plan.cost - whole), `solveLocation ${plan.cost} vs ${whole}`).toBeLessThanOrEqual(RELATIVE * Math.max(1, whole));
      // No site gets more facilities than allowed, each within its sizes.
      for (const facility of plan.facilities) {
        const site = problem.sites[facility.site];
        expect(facility.count).toBeLessThanOrEqual(maxCountOf(site));
        if (facility.count > 1) seen.severalFacilities++;
        if (site.kind === 'new') {
          expect(facility.places).toBeLessThanOrEqual(facility.count * site.maxSize + 1e-6);
          expect(facility.places).toBeGreaterThanOrEqual(facility.count * site.minSize - 1e-6);
        }
      }
    }
    const game = openLocationGame(problem, solver);
    try {
      const coalitions = [{ points: all, sites: everySite }, ...Array.from({ length: 4 }, () => ({ points: someOf(problem.points.length, random), sites: someOf(problem.sites.length, random) }))];
      for (const coalition of coalitions) {
        const expected = reference(problem, coalition.points, coalition.sites);
        const got = game.cost(coalition.points, coalition.sites);
        const where = `points ${coalition.points}, sites ${coalition.sites}: game ${got} vs reference ${expected}`;
        seen.coalitions++;
        if (!Number.isFinite(expected)) {
          seen.unservable++;
          expect(got, where).toBeUndefined();
        } else {
          expect(got, where).toBeDefined();
          expect(Math.abs(got! - expected), where).toBeLessThanOrEqual(RELATIVE * Math.max(1, expected));
        }
      }
    } finally {
      game.dispose();
    }
  });

  it('exercised several facilities at a site and coalitions that cannot serve everyone', () => {
    expect(seen.coalitions).toBe(150);
    expect(seen.severalFacilities).toBeGreaterThan(3);
    expect(seen.unservable).toBeGreaterThan(3);
  });
});

describe('a location game with a solve limit (groups whose Shapley value is sampled)', () => {
  // Larger instances where fixed costs dominate, as in a shortage: the proved game (checked above against
  // the copies reference) is the reference. With a solve limit of one (a dive from the root), most coalitions
  // go on to HiGHS's MILP: the cost is then the optimum within the gap asked (1e-9, or 1 %), never below it.
  const random = mulberry32(151);
  const int = (low: number, high: number): number => low + Math.floor(random() * (high - low + 1));
  const problems = Array.from({ length: 12 }, (): LocationInstance => {
    const points = Array.from({ length: int(8, 12) }, (_, p) => ({ municipality: p, residents: int(5, 140) }));
    const sites: Site[] = points.map(
      (_, j): Site =>
        random() < 0.4
          ? { municipality: j, kind: 'expansion', fixedCost: 0, minSize: 0, maxSize: int(5, 60) }
          : { municipality: j, kind: 'new', fixedCost: int(20, 60) * 1000, minSize: int(1, 3) * 5, maxSize: int(3, 8) * 10, maxCount: int(1, 4) },
    );
    const links: Link[] = [];
    points.forEach((_, p) => sites.forEach((_, j) => (p === j || random() < 0.4) && links.push({ point: p, site: j, km: p === j ? 1 : int(2, 25) })));
    return { points, sites, links, capexPerPlace: int(1, 10) * 100, lambda: 1 };
  });
  it("at the limit HiGHS's MILP takes over: the optimum within the gap asked, never below it, the gap stated", () => {
    let compared = 0;
    let aboveNear = 0;
    const counting = countingSolver(solver);
    for (const problem of problems) {
      const proved = openLocationGame(problem, solver);
      const limited = openLocationGame(problem, counting.solver, { maxSolves: 1 });
      const loose = openLocationGame(problem, counting.solver, { maxSolves: 1, relativeGap: 0.01 });
      try {
        for (let k = 0; k < 12; k++) {
          const points = someOf(problem.points.length, random);
          const sites = points;
          const optimum = proved.cost(points, sites);
          const got = limited.cost(points, sites);
          if (optimum === undefined || got === undefined) continue;
          compared++;
          const where = `points ${points}, sites ${sites}: limited ${got} vs proved ${optimum}`;
          expect(Math.abs(got - optimum), where).toBeLessThanOrEqual(RELATIVE * optimum);
          // Within a relative gap of 1 %: a plan's cost, within the gap the game states (at most 1 %).
          const near = loose.cost(points, sites)!;
          expect(near, where).toBeGreaterThanOrEqual(optimum - RELATIVE * optimum);
          expect(near - optimum, where).toBeLessThanOrEqual(loose.worstGap() * near + RELATIVE * optimum);
          if (near > optimum * (1 + RELATIVE)) aboveNear++;
        }
        expect(limited.worstGap()).toBeLessThanOrEqual(1.001e-9);
        expect(loose.worstGap()).toBeLessThanOrEqual(0.01 * (1 + 1e-9));
      } finally {
        proved.dispose();
        limited.dispose();
        loose.dispose();
      }
    }
    // The limit bit: many coalitions went to HiGHS, and a 1 % gap left some costs above the optimum.
    expect(compared).toBeGreaterThan(40);
    expect(counting.fresh()).toBeGreaterThan(20);
    expect(aboveNear).toBeGreaterThan(0);
  });
});

describe('covers of larger point sets, added where violated (lazy-covers.ts)', () => {
  // A 12-point group where fixed costs dominate: each coalition's cost from the game (with the pool of covers)
  // against a fresh MILP of the coalition's own instance (solveLocation, HiGHS; independent of the game).
  const random = mulberry32(1212);
  const int = (low: number, high: number): number => low + Math.floor(random() * (high - low + 1));
  const points = Array.from({ length: 12 }, (_, p) => ({ municipality: p, residents: int(20, 160) }));
  const sites: Site[] = points.map(
    (_, j): Site =>
      j % 3 === 0
        ? { municipality: j, kind: 'expansion', fixedCost: 0, minSize: 0, maxSize: int(10, 40) }
        : { municipality: j, kind: 'new', fixedCost: 1_000_000, minSize: 16, maxSize: 80, maxCount: 3 },
  );
  const links: Link[] = [];
  points.forEach((_, p) => sites.forEach((_, j) => (p === j || (Math.abs(p - j) <= 3 && random() < 0.7)) && links.push({ point: p, site: j, km: p === j ? 1 : int(3, 20) })));
  const problem: LocationInstance = { points, sites, links, capexPerPlace: 40_000, lambda: 1 };
  const own = (members: readonly number[]): LocationInstance => {
    const at = new Map(members.map((m, k) => [m, k]));
    return {
      ...problem,
      points: members.map((m) => points[m]),
      sites: members.map((m) => sites[m]),
      links: links.filter((l) => at.has(l.point) && at.has(l.site)).map((l) => ({ point: at.get(l.point)!, site: at.get(l.site)!, km: l.km })),
    };
  };
  it('gives each coalition the fresh MILP optimum, and adds covers on the way', () => {
    const game = openLocationGame(problem, solver);
    try {
      let compared = 0;
      for (let k = 0; k < 40; k++) {
        const members = k === 0 ? points.map((_, p) => p) : someOf(points.length, random);
        const got = game.cost(members, members);
        const plan = solveLocation(own(members), solver);
        const demand = members.reduce((sum, m) => sum + points[m].residents, 0);
        if (got === undefined || Math.abs(plan.served - demand) > 1e-6) continue;
        compared++;
        expect(Math.abs(got - plan.cost), `coalition ${members}: game ${got} vs MILP ${plan.cost}`).toBeLessThanOrEqual(RELATIVE * plan.cost);
      }
      expect(compared).toBeGreaterThan(20);
      expect(game.covers()).toBeGreaterThan(0);
    } finally {
      game.dispose();
    }
  });
});
