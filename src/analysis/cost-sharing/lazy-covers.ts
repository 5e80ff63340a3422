/**
 * Covers of larger point sets for the location game (docs/methods.md §8),
 * added to the open program only where a coalition's relaxation violates
 * them. A set T of the coalition's points can only be served by the sites
 * they reach, so the new facilities there must hold what the expansions
 * there cannot: Σ y over those sites ≥ ⌈(demand(T) − caps)/max⌉ — the local
 * covers of single points, pairs and triples, here for every connected set
 * of four points or more. Valid for every plan of every coalition holding
 * T, so a row once added stays, with its bound set per coalition (or
 * relaxed when the coalition lacks a point of T).
 *
 * Measured on 12 points of a mazowieckie nursery group (4,095
 * coalitions, exact): 44,620 → 13,635 LP solves, 19.0 → 6.4 s, the same
 * costs; with every such cover in the program from the start, 13,291
 * solves but 31.9 s (3,227 rows slow every solve).
 */
import { INFINITY, type OpenProgram } from '../../engines/linear-program.js';
import { facilitiesNeededOpen, type LocationInstance } from '../location/location.js';
import { coverGrower, GROWN_LIMIT } from './grown-covers.js';

/** Points up to which a game has the pool (every connected set of a group this size: at most 4,096). */
export const POOL_POINTS = 12;

interface Cover {
  /** Bit p set for each point p of T. */
  readonly mask: number;
  readonly sites: readonly number[];
  readonly columns: Int32Array;
  readonly demand: number;
  /** Its row in the program, −1 until added. */
  row: number;
  lower: number;
}

export interface CoverPool {
  /** The coalition's points and sites: the bounds of the rows already added. */
  reset(wantedPoints: Uint8Array, wantedSites: Uint8Array): void;
  /** Adds the covers the coalition's relaxed `values` violate; true when it added any. */
  separate(values: Float64Array): boolean;
  readonly rows: () => number;
}

/** The pool of `instance` (at most POOL_POINTS points, else empty), whose rows go after `firstRow`. */
export function coverPool(instance: LocationInstance, yColumn: Int32Array, model: OpenProgram, firstRow: number, smallest: number): CoverPool {
  const covers = instance.points.length <= POOL_POINTS ? connectedSets(instance, yColumn, smallest) : [];
  // A larger group (up to 31 points and sites): violated covers found by growing sets (grown-covers.ts), each kept once.
  const grow = instance.points.length > POOL_POINTS && instance.points.length <= GROWN_LIMIT && instance.sites.length <= GROWN_LIMIT ? coverGrower(instance, smallest) : undefined;
  const grown = new Map<number, Cover>();
  const reach: number[][] = instance.points.map(() => []);
  for (const link of instance.links) reach[link.point].push(link.site);
  const count = new Float64Array(instance.sites.length);
  const candidates = (values: Float64Array): Iterable<Cover> => {
    if (!grow) return covers;
    instance.sites.forEach((_, j) => (count[j] = yColumn[j] >= 0 && sitesOn[j] === 1 ? values[yColumn[j]] : 0));
    return grow(coalition, sitesOn, count).map((mask) => {
      let cover = grown.get(mask);
      if (!cover) grown.set(mask, (cover = coverOf(instance, reach, yColumn, mask)));
      return cover;
    });
  };
  const added: Cover[] = [];
  let nextRow = firstRow;
  let coalition = 0;
  let sitesOn: Uint8Array = new Uint8Array(instance.sites.length);
  const needed = (cover: Cover): number => ((cover.mask & coalition) === cover.mask ? facilitiesNeededOpen(instance.sites, cover.sites, sitesOn, cover.demand) : 0);
  return {
    reset(wantedPoints, wantedSites) {
      coalition = 0;
      wantedPoints.forEach((on, p) => (coalition |= on << p));
      sitesOn = wantedSites;
      const rows: number[] = [];
      const lower: number[] = [];
      for (const cover of added) {
        const need = needed(cover);
        const bound = need > 0 ? need : -INFINITY;
        if (bound === cover.lower) continue;
        cover.lower = bound;
        rows.push(cover.row);
        lower.push(bound);
      }
      if (rows.length > 0)
        model.setRowBounds(
          Int32Array.from(rows),
          Float64Array.from(lower),
          Float64Array.from(rows, () => INFINITY),
        );
    },
    separate(values) {
      const violated: Cover[] = [];
      for (const cover of candidates(values)) {
        if (cover.row >= 0 || (cover.mask & coalition) !== cover.mask) continue;
        const need = needed(cover);
        if (!(need > 0)) continue;
        let sum = 0;
        for (const column of cover.columns) sum += values[column];
        if (sum < need - 1e-6) {
          cover.lower = need;
          violated.push(cover);
        }
      }
      if (violated.length === 0) return false;
      const starts = new Int32Array(violated.length + 1);
      violated.forEach((cover, k) => (starts[k + 1] = starts[k] + cover.columns.length));
      const indices = new Int32Array(starts[violated.length]);
      violated.forEach((cover, k) => indices.set(cover.columns, starts[k]));
      model.addRows(
        Float64Array.from(violated, (cover) => cover.lower),
        Float64Array.from(violated, () => INFINITY),
        starts,
        indices,
        new Float64Array(indices.length).fill(1),
      );
      for (const cover of violated) {
        cover.row = nextRow++;
        added.push(cover);
      }
      return true;
    },
    rows: () => added.length,
  };
}

/**
 * Every set of at least `smallest` points connected through shared sites, with the new sites any of them
 * reaches. Sets as bitmasks of points, the sites they reach as a bitmask of sites (at most 31; else each
 * cover built from its points' lists), each grown from the set without its lowest point.
 */
function connectedSets(instance: LocationInstance, yColumn: Int32Array, smallest: number): Cover[] {
  const n = instance.points.length;
  const reach: number[][] = instance.points.map(() => []);
  for (const link of instance.links) reach[link.point].push(link.site);
  const bySiteMask = instance.sites.length <= 31;
  const siteBits = reach.map((sites) => sites.reduce((mask, j) => mask | (1 << j), 0));
  const touches = Array.from({ length: n }, (_, p) => {
    let mask = 0;
    for (let q = 0; q < n; q++) if (q !== p && (bySiteMask ? (siteBits[p] & siteBits[q]) !== 0 : reach[p].some((j) => reach[q].includes(j)))) mask |= 1 << q;
    return mask;
  });
  const union = new Int32Array(1 << n);
  const size = new Uint8Array(1 << n);
  const covers: Cover[] = [];
  for (let mask = 1; mask < 1 << n; mask++) {
    const lowest = mask & -mask;
    union[mask] = union[mask ^ lowest] | siteBits[31 - Math.clz32(lowest)];
    size[mask] = size[mask ^ lowest] + 1;
    if (size[mask] < smallest) continue;
    let seen = lowest;
    for (let grew = true; grew; ) {
      grew = false;
      for (let rest = seen; rest !== 0; rest &= rest - 1) {
        const more = touches[31 - Math.clz32(rest & -rest)] & mask & ~seen;
        if (more !== 0) {
          seen |= more;
          grew = true;
        }
      }
    }
    if (seen !== mask) continue;
    const cover = bySiteMask ? coverOfSites(instance, yColumn, mask, union[mask]) : coverOf(instance, reach, yColumn, mask);
    if (cover.columns.length > 0) covers.push(cover);
  }
  return covers;
}

/** The cover of the points in `mask` reaching the sites in `siteMask` (as coverOf gives it). */
function coverOfSites(instance: LocationInstance, yColumn: Int32Array, mask: number, siteMask: number): Cover {
  const sites: number[] = [];
  for (let rest = siteMask; rest !== 0; rest &= rest - 1) sites.push(31 - Math.clz32(rest & -rest));
  const columns = Int32Array.from(sites.filter((j) => yColumn[j] >= 0).map((j) => yColumn[j]));
  let demand = 0;
  for (let p = 0; p < instance.points.length; p++) if (mask & (1 << p)) demand += instance.points[p].residents;
  return { mask, sites, columns, demand, row: -1, lower: -INFINITY };
}

/** The cover of the points in `mask`: the sites any of them reaches, their counts' columns, their demand. */
function coverOf(instance: LocationInstance, reach: readonly (readonly number[])[], yColumn: Int32Array, mask: number): Cover {
  const points = Array.from({ length: instance.points.length }, (_, p) => p).filter((p) => mask & (1 << p));
  const sites = [...new Set(points.flatMap((p) => reach[p]))].sort((a, b) => a - b);
  const columns = Int32Array.from(sites.filter((j) => yColumn[j] >= 0).map((j) => yColumn[j]));
  return { mask, sites, columns, demand: points.reduce((sum, p) => sum + instance.points[p].residents, 0), row: -1, lower: -INFINITY };
}
