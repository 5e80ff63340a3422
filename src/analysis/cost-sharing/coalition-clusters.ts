/**
 * A coalition's independent clusters read off its group's instance
 * (docs/methods.md §8): the coalition's points (those with a site of the
 * coalition in reach) joined through the coalition's sites they share. The
 * same clusters, in the same order (by smallest point), with the same
 * points and sites as building the coalition's own instance and splitting
 * it (investment-plan.ts `buildInstance`, `clusters`) — without building
 * either (buildInstance and clusters took 0.8 s of the national
 * scenario's §7 in process). Also the closed form of a cluster of one point
 * and one site.
 */
import { maxCountOf, type LocationInstance } from '../location/location.js';

export interface CoalitionCluster {
  /** Points of the group's instance, ascending. */
  readonly points: number[];
  /** Sites of the group's instance in reach of them and in the coalition, ascending. */
  readonly sites: number[];
}

/** For `instance` (a group's): the clusters of coalitions given by their points (ascending) and sites (a mask). */
export function clusterSplitter(instance: LocationInstance): (points: readonly number[], siteOn: Uint8Array) => CoalitionCluster[] {
  const reach: number[][] = instance.points.map(() => []);
  for (const link of instance.links) reach[link.point].push(link.site);
  const parent = new Int32Array(instance.points.length);
  const owner = new Int32Array(instance.sites.length).fill(-1);
  const find = (p: number): number => {
    while (parent[p] !== p) p = parent[p] = parent[parent[p]];
    return p;
  };
  return (points, siteOn) => {
    const reached: number[] = [];
    for (const p of points) {
      parent[p] = p;
      let any = false;
      for (const j of reach[p]) {
        if (siteOn[j] !== 1) continue;
        any = true;
        if (owner[j] < 0) owner[j] = p;
        else {
          const a = find(p);
          const b = find(owner[j]);
          if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
        }
      }
      if (any) reached.push(p);
    }
    const byRoot = new Map<number, CoalitionCluster>();
    const out: CoalitionCluster[] = [];
    for (const p of reached) {
      const root = find(p);
      let cluster = byRoot.get(root);
      if (!cluster) {
        cluster = { points: [], sites: [] };
        byRoot.set(root, cluster);
        out.push(cluster);
      }
      cluster.points.push(p);
      for (const j of reach[p]) {
        if (siteOn[j] !== 1 || owner[j] === -2) continue;
        // Each site once (marked −2 until the reset below), in its cluster.
        owner[j] = -2;
        cluster.sites.push(j);
      }
    }
    for (const cluster of out) {
      cluster.sites.sort((a, b) => a - b);
      for (const j of cluster.sites) owner[j] = -1;
    }
    return out;
  };
}

/**
 * A cluster of one point and one site of a group's instance as the coalition's own instance has it (a new
 * site's count bounded by the demand in its reach, buildInstance's), for `ownSiteOnly`; undefined otherwise.
 */
export function ownSitePart(instance: LocationInstance, part: CoalitionCluster): LocationInstance | undefined {
  if (part.points.length !== 1 || part.sites.length !== 1) return undefined;
  const point = instance.points[part.points[0]];
  const site = instance.sites[part.sites[0]];
  const link = instance.links.find((l) => l.point === part.points[0] && l.site === part.sites[0])!;
  const own = site.kind === 'new' && Number.isFinite(site.maxSize) ? { ...site, maxCount: Math.max(1, Math.ceil(point.residents / site.maxSize)) } : site;
  return { ...instance, points: [point], sites: [own], links: [{ point: 0, site: 0, km: link.km }] };
}

/**
 * The closed form of a cluster of one point and one site: an expansion serves what its cap holds
 * (capex + λ·d per place); new facilities serve everyone, as few as the
 * maximum size allows, each at least the minimum size — what the §6 solve
 * of that cluster gives. Undefined for any other cluster.
 */
export function ownSiteOnly(part: LocationInstance | undefined, lambda: number): { cost: number; reached: Float64Array } | undefined {
  if (!part || part.points.length !== 1 || part.sites.length !== 1) return undefined;
  const site = part.sites[0];
  const km = part.links[0].km;
  const residents = part.points[0].residents;
  if (site.kind === 'expansion') {
    const reached = Math.min(residents, site.maxSize);
    return { cost: (part.capexPerPlace + lambda * km) * reached, reached: Float64Array.of(reached) };
  }
  const reached = Math.min(residents, maxCountOf(site) * site.maxSize);
  const count = Number.isFinite(site.maxSize) ? Math.max(1, Math.ceil(reached / site.maxSize - 1e-9)) : 1;
  return { cost: count * site.fixedCost + part.capexPerPlace * Math.max(reached, count * site.minSize) + lambda * km * reached, reached: Float64Array.of(reached) };
}
