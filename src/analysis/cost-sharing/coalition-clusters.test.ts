/**
 * clusterSplitter against the clusters of the coalition's own instance
 * (investment-plan.ts `clusters` on the group's instance restricted to the
 * coalition's points, sites and the links between them): the same points,
 * sites and order, on 300 random coalitions of random instances.
 */
import { describe, expect, it } from 'vitest';
import { clusterSplitter } from './coalition-clusters.js';
import { clusters } from '../location/investment-plan.js';
import type { Link, LocationInstance, Site } from '../location/location.js';
import { mulberry32 } from '../../engines/random.js';

const random = mulberry32(2026);

function instance(points: number): LocationInstance {
  const sites: Site[] = Array.from({ length: points }, (_, j) => ({ municipality: 100 + j, kind: 'new', fixedCost: 10, minSize: 0, maxSize: 50, maxCount: 2 }));
  const links: Link[] = [];
  for (let p = 0; p < points; p++) for (let j = 0; j < points; j++) if (p === j || random() < 0.15) links.push({ point: p, site: j, km: 1 + j });
  return { points: Array.from({ length: points }, (_, p) => ({ municipality: 100 + p, residents: 10 })), sites, links, capexPerPlace: 1, lambda: 1 };
}

describe('clusterSplitter', () => {
  it("gives a coalition's clusters as its own instance has them", () => {
    let several = 0;
    for (let t = 0; t < 30; t++) {
      const group = instance(4 + Math.floor(random() * 12));
      const split = clusterSplitter(group);
      for (let c = 0; c < 10; c++) {
        const members = group.points.map((_, p) => p).filter(() => random() < 0.6);
        const siteOn = new Uint8Array(group.sites.length);
        // A member hosts a site when it is a candidate (here: most are).
        for (const p of members) if (random() < 0.8) siteOn[p] = 1;
        const got = split(members, siteOn).map((cluster) => ({ points: cluster.points.map((p) => group.points[p].municipality), sites: cluster.sites.map((j) => group.sites[j].municipality) }));
        // The reference: the restricted instance (points with a link to an open site), split by `clusters`.
        const siteIds = group.sites.map((_, j) => j).filter((j) => siteOn[j] === 1);
        const pointIds = members.filter((p) => group.links.some((link) => link.point === p && siteOn[link.site] === 1));
        const restricted: LocationInstance = {
          ...group,
          points: pointIds.map((p) => group.points[p]),
          sites: siteIds.map((j) => group.sites[j]),
          links: group.links
            .filter((link) => pointIds.includes(link.point) && siteOn[link.site] === 1)
            .map((link) => ({ point: pointIds.indexOf(link.point), site: siteIds.indexOf(link.site), km: link.km })),
        };
        const expected = clusters(restricted).map((part) => ({ points: part.points.map((point) => point.municipality), sites: part.sites.map((site) => site.municipality) }));
        expect(got).toEqual(expected);
        if (expected.length > 1) several++;
      }
    }
    expect(several).toBeGreaterThan(50);
  });
});
