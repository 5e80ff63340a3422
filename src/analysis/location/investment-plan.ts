/**
 * §6 for a service (docs/methods.md §6): the instance of the partnership's
 * residual demand (points, candidate sites with their counts or expansion
 * caps, links within the catchment), its independent clusters, and the
 * plan — each cluster solved by location.ts, the facilities of a site
 * reported together.
 */
import type { Dataset, Service } from '../../model/types.js';
import { components, groups } from '../../engines/components.js';
import type { Solver } from '../../engines/linear-program.js';
import { solveLocation, type Link, type LocationInstance, type LocationOptions, type LocationPlan, type Method, type Point, type Site } from './location.js';
import type { Neighbours } from '../accessibility/neighbours.js';

/** Progress of a long step: `done` of `total` parts of what `label` names. */
export type Progress = (label: string, done: number, total: number) => void;

export interface PlannedFacility {
  readonly municipality: number;
  readonly kind: 'new' | 'expansion';
  /** Facilities of this kind at this site: several new ones where one of the maximum size cannot hold the demand. */
  readonly count: number;
  readonly places: number;
  readonly capex: number;
  readonly opexPerYear: number;
  /** Residents served, by home municipality. */
  readonly serves: readonly { readonly municipality: number; readonly residents: number; readonly km: number }[];
  readonly meanKm: number;
  readonly maxKm: number;
}

export interface InvestmentPlan {
  readonly facilities: readonly PlannedFacility[];
  readonly investment: number;
  readonly opexPerYear: number;
  readonly personKm: number;
  /** Objective value: investment + λ·person-km. */
  readonly cost: number;
  readonly served: number;
  /** Residual demand no candidate site reaches within the catchment. */
  readonly unreachable: readonly { readonly municipality: number; readonly residents: number }[];
  /** Residual demand left unserved under the budget. */
  readonly unservedInBudget: number;
  /** Residual demand in reach that the candidate sites cannot hold (new facilities at their maximum size, nothing to expand). */
  readonly unservedCapacity: number;
  /** The budget, in the maximal-coverage form. */
  readonly budget?: number;
  readonly clusters: number;
  readonly methods: readonly Method[];
  readonly optimal: boolean;
  /** Best lower bound of the cost; (cost − bound)/cost is the gap. */
  readonly bound: number;
  readonly gap: number;
}

export interface Territory {
  /** Municipalities whose residual demand is planned for. */
  readonly points: readonly number[];
  /** Municipalities that may host a facility. */
  readonly sites: readonly number[];
}

/** Whole residents to place: a fraction of a resident still needs a whole place (1e-6 absorbs rounding). */
export const wholeResidents = (value: number): number => (value > 1e-6 ? Math.ceil(value - 1e-6) : 0);

/**
 * The most places an expansion of today's `places` may add: the service's
 * `max_expansion` (places) and `max_expansion_share` (of today's places),
 * whichever is smaller; by default DEFAULT_EXPANSION_SHARE of today's places.
 */
export const DEFAULT_EXPANSION_SHARE = 1;

export function expansionCap(service: Service, places: number): number {
  const share = service.maxExpansionShare ?? (service.maxExpansion === undefined ? DEFAULT_EXPANSION_SHARE : undefined);
  const byShare = share === undefined ? Infinity : Math.floor(share * places + 1e-9);
  return Math.min(byShare, service.maxExpansion ?? Infinity);
}

/**
 * The §6 instance over `territory`; points no site reaches are returned
 * apart. `residual[i]` residents of point i (whole places: rounded up).
 * A municipality with places today may expand them (up to `expansionCap`);
 * one without may get new facilities — several where a single one of the
 * maximum size cannot hold the demand in its reach (an integer count, at
 * most the maximum-size facilities that demand needs). `lambda`: PLN per
 * person-km (the run's parameter).
 */
export function buildInstance(
  dataset: Dataset,
  service: Service,
  index: number,
  residual: ArrayLike<number>,
  pairs: Neighbours,
  territory: Territory,
  lambda: number,
): { instance: LocationInstance; unreachable: number[] } {
  const supply = dataset.supply[index];
  const isSite = new Set(territory.sites);
  const inReach = new Map<number, number>(territory.sites.map((j) => [j, 0]));
  for (const i of territory.points) {
    for (let e = pairs.start[i]; e < pairs.start[i + 1]; e++) {
      const j = pairs.neighbour[e];
      if (isSite.has(j)) inReach.set(j, inReach.get(j)! + wholeResidents(residual[i]));
    }
  }
  const siteOf = new Map<number, number>();
  const sites: Site[] = [];
  for (const j of territory.sites) {
    siteOf.set(j, sites.length);
    if (supply[j] > 0) {
      sites.push({ municipality: j, kind: 'expansion', fixedCost: 0, minSize: 0, maxSize: expansionCap(service, supply[j]) });
    } else {
      const maxSize = service.maxFacilitySize ?? Infinity;
      const maxCount = Number.isFinite(maxSize) ? Math.max(1, Math.ceil(inReach.get(j)! / maxSize)) : 1;
      sites.push({ municipality: j, kind: 'new', fixedCost: service.facilityFixedCost, minSize: service.minFacilitySize, maxSize, maxCount });
    }
  }
  const points: Point[] = [];
  const links: Link[] = [];
  const unreachable: number[] = [];
  for (const i of territory.points) {
    const found: Link[] = [];
    for (let e = pairs.start[i]; e < pairs.start[i + 1]; e++) {
      const site = siteOf.get(pairs.neighbour[e]);
      if (site !== undefined) found.push({ point: points.length, site, km: pairs.km[e] });
    }
    if (found.length === 0) {
      unreachable.push(i);
      continue;
    }
    points.push({ municipality: i, residents: wholeResidents(residual[i]) });
    links.push(...found.sort((a, b) => a.site - b.site));
  }
  return { instance: { points, sites, links, capexPerPlace: service.capexPerPlace, lambda }, unreachable };
}

/** Split an instance into independent clusters (points and sites joined by links). */
export function clusters(instance: LocationInstance): LocationInstance[] {
  const p = instance.points.length;
  const label = components(
    p + instance.sites.length,
    instance.links.map((link) => [link.point, p + link.site] as const),
  );
  return groups(label)
    .map((members): LocationInstance | undefined => {
      const pointIds = members.filter((m) => m < p);
      if (pointIds.length === 0) return undefined;
      const inCluster = new Set(pointIds);
      const siteIds = [...new Set(instance.links.filter((link) => inCluster.has(link.point)).map((link) => link.site))].sort((a, b) => a - b);
      const pointIndex = new Map(pointIds.map((id, k) => [id, k]));
      const siteIndex = new Map(siteIds.map((id, k) => [id, k]));
      return {
        ...instance,
        points: pointIds.map((id) => instance.points[id]),
        sites: siteIds.map((id) => instance.sites[id]),
        links: instance.links.filter((link) => pointIndex.has(link.point)).map((link) => ({ point: pointIndex.get(link.point)!, site: siteIndex.get(link.site)!, km: link.km })),
      };
    })
    .filter((cluster): cluster is LocationInstance => cluster !== undefined);
}

export function planInvestment(
  dataset: Dataset,
  service: Service,
  index: number,
  residual: Float64Array,
  pairs: Neighbours,
  lambda: number,
  solver: Solver,
  options: LocationOptions,
  onProgress: Progress | undefined,
): InvestmentPlan {
  const n = dataset.municipalities.length;
  const points = Array.from({ length: n }, (_, i) => i).filter((i) => residual[i] > 0);
  const sites = Array.from({ length: n }, (_, j) => j).filter((j) => dataset.municipalities[j].candidate);
  const { instance, unreachable } = buildInstance(dataset, service, index, residual, pairs, { points, sites }, lambda);
  // A budget is shared by the whole partnership: one instance; otherwise independent clusters.
  const parts = options.budget !== undefined ? [instance] : clusters(instance);
  const plans: { instance: LocationInstance; plan: LocationPlan }[] = [];
  parts.forEach((part, k) => {
    plans.push({ instance: part, plan: solveLocation(part, solver, options) });
    onProgress?.(`${service.id}: facility location`, k + 1, parts.length);
  });
  // A site's facilities are reported together, with their count.
  const bySite = new Map<string, { municipality: number; kind: 'new' | 'expansion'; count: number; places: number; capex: number; serves: Map<number, { residents: number; km: number }> }>();
  for (const { instance: part, plan } of plans) {
    for (const facility of plan.facilities) {
      const site = part.sites[facility.site];
      const key = `${site.municipality}:${site.kind}`;
      const entry = bySite.get(key) ?? { municipality: site.municipality, kind: site.kind, count: 0, places: 0, capex: 0, serves: new Map() };
      entry.count += facility.count;
      entry.places += facility.places;
      entry.capex += facility.investment;
      for (const a of facility.assigned) {
        const home = part.points[a.point].municipality;
        const served = entry.serves.get(home) ?? { residents: 0, km: a.km };
        served.residents += a.residents;
        entry.serves.set(home, served);
      }
      bySite.set(key, entry);
    }
  }
  const facilities: PlannedFacility[] = [...bySite.values()]
    .map((entry) => {
      const serves = [...entry.serves].map(([municipality, x]) => ({ municipality, residents: x.residents, km: x.km })).sort((a, b) => a.municipality - b.municipality);
      const residents = serves.reduce((sum, x) => sum + x.residents, 0);
      return {
        municipality: entry.municipality,
        kind: entry.kind,
        count: entry.count,
        places: entry.places,
        capex: entry.capex,
        opexPerYear: entry.places * service.opexPerPlace,
        serves,
        meanKm: residents > 0 ? serves.reduce((sum, x) => sum + x.residents * x.km, 0) / residents : 0,
        maxKm: serves.reduce((max, x) => Math.max(max, x.km), 0),
      };
    })
    .sort((a, b) => a.municipality - b.municipality || a.kind.localeCompare(b.kind));
  const sum = (pick: (plan: LocationPlan) => number): number => plans.reduce((total, { plan }) => total + pick(plan), 0);
  const cost = sum((plan) => plan.cost);
  const bound = sum((plan) => plan.bound);
  const reachable = instance.points.reduce((total, point) => total + point.residents, 0);
  return {
    facilities,
    investment: sum((plan) => plan.investment),
    opexPerYear: facilities.reduce((total, f) => total + f.opexPerYear, 0),
    personKm: sum((plan) => plan.personKm),
    cost,
    served: sum((plan) => plan.served),
    unreachable: unreachable.map((municipality) => ({ municipality, residents: residual[municipality] })),
    unservedInBudget: options.budget !== undefined ? Math.max(0, reachable - sum((plan) => plan.served)) : 0,
    unservedCapacity: options.budget === undefined && reachable - sum((plan) => plan.served) > 1e-3 ? reachable - sum((plan) => plan.served) : 0,
    ...(options.budget !== undefined ? { budget: options.budget } : {}),
    clusters: parts.length,
    methods: [...new Set(plans.map(({ plan }) => plan.method))].sort(),
    optimal: plans.every(({ plan }) => plan.optimal),
    bound,
    gap: cost > 0 ? Math.max(0, (cost - bound) / cost) : 0,
  };
}
