/**
 * The data of shared investment (docs/methods.md §6): points with residual
 * demand, candidate sites (new facilities, counted, or expansions of
 * existing ones), the links within the catchment, and the plan that comes
 * out. location.ts solves it.
 */
export interface Site {
  readonly municipality: number;
  readonly kind: 'new' | 'expansion';
  readonly fixedCost: number;
  readonly minSize: number;
  /** Infinity when unbounded; for an expansion, the most places it may add. */
  readonly maxSize: number;
  /** New sites: the most facilities of this size the site may get (default 1); an integer count y_j ∈ {0…maxCount}. */
  readonly maxCount?: number;
}

/** The most facilities a site may get (1 for an expansion). */
export function maxCountOf(site: Site): number {
  return site.kind === 'new' ? (site.maxCount ?? 1) : 1;
}

export interface Point {
  readonly municipality: number;
  readonly residents: number;
}

export interface Link {
  readonly point: number;
  readonly site: number;
  readonly km: number;
}

export interface LocationInstance {
  readonly points: readonly Point[];
  readonly sites: readonly Site[];
  /** Pairs within the catchment, sorted by (point, site). */
  readonly links: readonly Link[];
  readonly capexPerPlace: number;
  /** Cost per person-km (PLN). */
  readonly lambda: number;
}

export interface Assignment {
  readonly point: number;
  readonly residents: number;
  readonly km: number;
}

export interface Facility {
  readonly site: number;
  /** Facilities built at the site (y_j; 1 for an expansion). */
  readonly count: number;
  readonly places: number;
  /** F·y + capex·q. */
  readonly investment: number;
  readonly assigned: readonly Assignment[];
}

export type Method = 'none' | 'closed-form' | 'lp' | 'milp' | 'heuristic';

export interface LocationPlan {
  readonly facilities: readonly Facility[];
  /** Objective: investment + λ·person-km. */
  readonly cost: number;
  readonly investment: number;
  readonly personKm: number;
  readonly served: number;
  readonly method: Method;
  /** Lower bound on the optimal cost (equal to `cost` when proved optimal). */
  readonly bound: number;
  readonly optimal: boolean;
}

export interface LocationOptions {
  /** Investment budget (PLN): maximal-coverage form. */
  readonly budget?: number;
  /** Branch-and-bound node limit of an exact solve (deterministic; default 20,000). */
  readonly maxNodes?: number;
  /** Safety net in seconds for one MILP (default 10). */
  readonly timeLimit?: number;
  /** Force the heuristic (for comparisons). */
  readonly heuristic?: boolean;
}

export const EMPTY_PLAN: LocationPlan = { facilities: [], cost: 0, investment: 0, personKm: 0, served: 0, method: 'none', bound: 0, optimal: true };

/** A budget so large that only capacity limits coverage (HiGHS reads ≥ 1e30 as infinite). */
export const UNLIMITED = 1e30;
