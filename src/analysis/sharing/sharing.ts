/**
 * Sharing existing capacity (METHODS.md §5; docs/methods.md):
 * `shareSpareToday` places today's unmet residents into places spare today
 * (the default, incremental); `shareCapacity` is the engine, and alone the
 * full reallocation. A transportation problem over
 * pairs within the catchment, x_ij ≥ 0, Σ_j x_ij ≤ D_i, Σ_i x_ij ≤ S_j, with
 * the lexicographic objective — first the most people served, then the
 * fewest person-km. Solved exactly as a minimum-cost maximum flow by a
 * network simplex (transport.ts) in places counted to a ten-thousandth.
 */
import { components } from '../../engines/components.js';
import type { Neighbours } from '../accessibility/neighbours.js';
import { solveTransport } from '../../engines/transport.js';

export interface Allocation {
  readonly buyer: number;
  readonly provider: number;
  readonly places: number;
  readonly km: number;
}

export interface SharingResult {
  /** x_ij > 0, local (i = j) included, in (buyer, provider) order. */
  readonly allocations: readonly Allocation[];
  /** Unmet demand after cooperation, M*_i. */
  readonly unmet: Float64Array;
  /** Capacity left over, S_j − Σ_i x_ij. */
  readonly spare: Float64Array;
  readonly served: number;
  readonly personKm: number;
  readonly clusters: number;
}

/** Residuals below this (a ten-thousandth of a resident, the unit flows are counted in) are rounding noise, not unmet demand or spare places. */
export const PLACES_EPSILON = 1e-4;

export function shareCapacity(supply: Float64Array, demand: Float64Array, pairs: Neighbours): SharingResult {
  const n = supply.length;
  // Every pair within the catchment is an arc i → j (i = j included: local places); the solver drops those
  // without need at i or places at j.
  const buyer = new Int32Array(pairs.neighbour.length);
  for (let i = 0; i < n; i++) buyer.fill(i, pairs.start[i], pairs.start[i + 1]);
  const nonNegative = (value: number): number => (value > 0 ? value : 0);
  const { flow } = solveTransport({
    demand: Float64Array.from(demand, nonNegative),
    supply: Float64Array.from(supply, nonNegative),
    row: buyer,
    column: pairs.neighbour,
    cost: pairs.km,
  });
  const unmet = Float64Array.from(demand);
  const spare = Float64Array.from(supply);
  const allocations: Allocation[] = [];
  let served = 0;
  let personKm = 0;
  // Flows are whole ten-thousandths of a place: any positive one is an allocation, not noise.
  flow.forEach((places, e) => {
    if (!(places > 0)) return;
    const allocation = { buyer: buyer[e], provider: pairs.neighbour[e], places, km: pairs.km[e] };
    allocations.push(allocation);
    unmet[allocation.buyer] -= places;
    spare[allocation.provider] -= places;
    served += places;
    personKm += places * allocation.km;
  });
  for (let i = 0; i < n; i++) {
    if (unmet[i] < PLACES_EPSILON) unmet[i] = 0;
    if (spare[i] < PLACES_EPSILON) spare[i] = 0;
  }
  allocations.sort((a, b) => a.buyer - b.buyer || a.provider - b.provider);
  return { allocations, unmet, spare, served, personKm, clusters: clusterCount(supply, demand, pairs, buyer) };
}

/** Independent clusters of the catchment graph that have an arc with need at one end and places at the other (reported; the network simplex solves them together). */
function clusterCount(supply: Float64Array, demand: Float64Array, pairs: Neighbours, buyer: Int32Array): number {
  function* arcs(): Generator<readonly [number, number]> {
    for (let e = 0; e < buyer.length; e++) if (demand[buyer[e]] > 0 && supply[pairs.neighbour[e]] > 0) yield [buyer[e], pairs.neighbour[e]];
  }
  const label = components(supply.length, arcs());
  const seen = new Uint8Array(supply.length);
  let count = 0;
  for (const [i] of arcs()) {
    if (seen[label[i]] === 0) count++;
    seen[label[i]] = 1;
  }
  return count;
}

/** What is there today, by municipality: residents without a place and places nobody uses. */
export interface Today {
  /** Residents without a place today, M_i (§1). */
  readonly unmet: ArrayLike<number>;
  /** Places free today that may be offered (a neighbour's: what its own residents leave). */
  readonly spare: ArrayLike<number>;
  readonly partner: readonly boolean[];
}

/** Whole places or residents: a fraction of a resident is no place to sell or buy (1e-6 absorbs rounding). */
const whole = (value: number): number => (value > 0 ? Math.floor(value + 1e-6) : 0);

/**
 * Incremental sharing (METHODS.md §5 as amended by issue 14): residents
 * served today keep their places; only today's unmet residents are placed,
 * in whole places, into places spare today within the catchment — first the
 * partners' residents into any spare place, then the neighbours' residents
 * into what partners still have spare (a partner is on one side of every
 * agreement). Each stage is the lexicographic transportation problem of
 * `shareCapacity` (most placed, then least person-km). Buyers never buy more
 * than their unmet residents, providers never sell more than their spare
 * places, and nobody served today loses a place. `unmet` is today's unmet
 * less the places bought (fractions of a resident stay), `spare` today's
 * spare less the places sold.
 */
export function shareSpareToday(today: Today, pairs: Neighbours): SharingResult {
  const n = today.partner.length;
  const offered = Float64Array.from({ length: n }, (_, j) => whole(today.spare[j]));
  const partners = shareCapacity(
    offered,
    Float64Array.from({ length: n }, (_, i) => (today.partner[i] ? whole(today.unmet[i]) : 0)),
    pairs,
  );
  const left = Float64Array.from(partners.spare, (places, j) => (today.partner[j] ? places : 0));
  const neighbours = shareCapacity(
    left,
    Float64Array.from({ length: n }, (_, i) => (today.partner[i] ? 0 : whole(today.unmet[i]))),
    pairs,
  );
  const allocations = [...partners.allocations, ...neighbours.allocations].sort((a, b) => a.buyer - b.buyer || a.provider - b.provider);
  const unmet = Float64Array.from({ length: n }, (_, i) => Math.max(0, today.unmet[i]));
  const spare = Float64Array.from({ length: n }, (_, j) => Math.max(0, today.spare[j]));
  for (const a of allocations) {
    unmet[a.buyer] -= a.places;
    spare[a.provider] -= a.places;
  }
  for (let i = 0; i < n; i++) {
    if (unmet[i] < PLACES_EPSILON) unmet[i] = 0;
    if (spare[i] < PLACES_EPSILON) spare[i] = 0;
  }
  return {
    allocations,
    unmet,
    spare,
    served: partners.served + neighbours.served,
    personKm: partners.personKm + neighbours.personKm,
    clusters: partners.clusters + neighbours.clusters,
  };
}
