/**
 * Local covers (docs/methods.md §6) against their definition, written here
 * with sets: every point, pair and triple of points where the pair shares a
 * site and the third shares one with either, listed in that order, with
 * the sites any of them reaches (ascending) and those sites' count
 * columns; covers without a new site left out. A hand case, then 200
 * random instances of 1–35 points and 1–40 sites.
 */
import { describe, expect, it } from 'vitest';
import { mulberry32, type Random } from '../../engines/random.js';
import { expansion, instance, newSite } from '../../testing/location-reference.js';
import type { Link, LocationInstance, Point, Site } from './location.js';
import { localCovers, type LocalCover } from './location-program.js';

function definition(problem: LocationInstance, yColumn: Int32Array, size: number): LocalCover[] {
  const reach = problem.points.map((_, p) => new Set(problem.links.filter((link) => link.point === p).map((link) => link.site)));
  const meets = (a: Set<number>, b: Set<number>): boolean => [...a].some((j) => b.has(j));
  const covers: LocalCover[] = [];
  const add = (points: number[]): void => {
    const sites = [...new Set(points.flatMap((p) => [...reach[p]]))].sort((a, b) => a - b);
    const columns = sites.filter((j) => yColumn[j] >= 0).map((j) => yColumn[j]);
    if (columns.length > 0) covers.push({ points, sites, columns });
  };
  const n = problem.points.length;
  for (let p = 0; p < n; p++) {
    add([p]);
    for (let q = p + 1; size >= 2 && q < n; q++) {
      if (!meets(reach[p], reach[q])) continue;
      add([p, q]);
      for (let r = q + 1; size >= 3 && r < n; r++) if (meets(reach[r], reach[p]) || meets(reach[r], reach[q])) add([p, q, r]);
    }
  }
  return covers;
}

const columnsOf = (problem: LocationInstance): Int32Array => {
  let y = problem.links.length + problem.sites.length;
  return Int32Array.from(problem.sites, (site) => (site.kind === 'new' ? y++ : -1));
};

function randomInstance(random: Random): LocationInstance {
  const count = (low: number, high: number): number => low + Math.floor(random() * (high - low + 1));
  const points: Point[] = Array.from({ length: count(1, 35) }, (_, p) => ({ municipality: p, residents: count(1, 50) }));
  const newShare = random();
  const sites: Site[] = Array.from({ length: count(1, 40) }, (_, j) => (random() < newShare ? newSite(j, 1000000, 0, 80) : expansion(j)));
  const density = 0.02 + 0.3 * random();
  const links: Link[] = [];
  points.forEach((_, p) => sites.forEach((_, j) => random() < density && links.push({ point: p, site: j, km: count(0, 20) })));
  return instance(points, sites, links, 40000);
}

describe('localCovers', () => {
  it('by hand: points 0–1 share new site 0, point 2 reaches expansion 1 only, point 3 reaches sites 1 and 2 (new)', () => {
    const problem = instance(
      [0, 1, 2, 3].map((p) => ({ municipality: p, residents: 10 })),
      [newSite(0, 1000000, 0, 80), expansion(1), newSite(2, 1000000, 0, 80)],
      [
        { point: 0, site: 0, km: 1 },
        { point: 1, site: 0, km: 2 },
        { point: 2, site: 1, km: 3 },
        { point: 3, site: 1, km: 4 },
        { point: 3, site: 2, km: 5 },
      ],
      40000,
    );
    // Columns: 5 links, 3 sites' q, then y of sites 0 and 2 (8 and 9). {2} alone reaches no new site: no cover;
    // {2, 3} shares site 1 and reaches new site 2 through point 3; no triple, as {0, 1} shares nothing with 2 or 3.
    expect(localCovers(problem, columnsOf(problem), 3)).toEqual([
      { points: [0], sites: [0], columns: [8] },
      { points: [0, 1], sites: [0], columns: [8] },
      { points: [1], sites: [0], columns: [8] },
      { points: [2, 3], sites: [1, 2], columns: [9] },
      { points: [3], sites: [1, 2], columns: [9] },
    ]);
  });

  it('equals the definition on 200 random instances, covers of up to one, two and three points', () => {
    const random = mulberry32(20261207);
    let covers = 0;
    for (let k = 0; k < 200; k++) {
      const problem = randomInstance(random);
      const yColumn = columnsOf(problem);
      for (const size of [1, 2, 3] as const) {
        const expected = definition(problem, yColumn, size);
        expect(localCovers(problem, yColumn, size), `instance ${k}, size ${size}`).toEqual(expected);
        covers += expected.length;
      }
    }
    expect(covers).toBeGreaterThan(10000);
  });
});
