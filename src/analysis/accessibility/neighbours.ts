/**
 * Pairs of municipalities within a radius (METHODS.md §3): the sparse
 * structure every catchment-bounded method uses — 2SFCA within the
 * catchment, the gravity model within twice the catchment — instead of a
 * dense n×n matrix. Candidates come from a grid of cells as wide as the
 * radius, so the work grows with the number of pairs in reach, not with n².
 */
import type { DistanceTable, Municipality } from '../../model/types.js';
import { chordKm, intraMunicipalKm, unitVector } from './distance.js';

/** CSR lists: the neighbours of i are `neighbour[start[i] … start[i+1]-1]`, sorted, with `km`. Includes i itself. */
export interface Neighbours {
  readonly start: Int32Array;
  readonly neighbour: Int32Array;
  readonly km: Float64Array;
  readonly radiusKm: number;
}

const KM_PER_DEGREE = (Math.PI / 180) * 6371.0088;

/**
 * Every ordered pair (i, j) with d_ij ≤ `radiusKm`, where d_ij is the given
 * distance when distances.csv has it, else great-circle × `circuity`, and
 * d_ii the intra-municipal distance (or the given one).
 */
export function neighboursWithin(municipalities: readonly Municipality[], given: DistanceTable, circuity: number, radiusKm: number): Neighbours {
  const n = municipalities.length;
  const listed = new Map<number, number>();
  const extra: number[][] = Array.from({ length: n }, () => []);
  for (let k = 0; k < given.length; k++) {
    listed.set(given.origin[k] * n + given.destination[k], given.km[k]);
    if (given.km[k] <= radiusKm) extra[given.origin[k]].push(given.destination[k]);
  }
  // Grid of cells at least as wide as the great-circle reach: a pair in
  // reach lies in the same or an adjacent cell. Longitude cells are widened
  // for the highest latitude in the data (1 % margin for the sphere's
  // curvature); the exact distance test below decides.
  const reach = radiusKm / circuity;
  const latDegrees = Math.max(reach / KM_PER_DEGREE, 1e-6);
  let maxLat = 0;
  for (const m of municipalities) if (m.lat !== undefined) maxLat = Math.max(maxLat, Math.abs(m.lat));
  const lonDegrees = Math.min(360, (1.01 * latDegrees) / Math.max(Math.cos((Math.min(89.9, maxLat + latDegrees) * Math.PI) / 180), 1e-3));
  const cellKey = (row: number, column: number): number => row * 1_000_003 + column;
  const cells = new Map<number, number[]>();
  municipalities.forEach((m, i) => {
    if (m.lat === undefined || m.lon === undefined) return;
    const key = cellKey(Math.floor(m.lat / latDegrees), Math.floor(m.lon / lonDegrees));
    const members = cells.get(key);
    if (members) members.push(i);
    else cells.set(key, [i]);
  });
  const points = municipalities.map((m) => (m.lat !== undefined && m.lon !== undefined ? unitVector(m.lat, m.lon) : undefined));
  const start = new Int32Array(n + 1);
  let neighbour = new Int32Array(Math.max(16, n * 8));
  let km = new Float64Array(neighbour.length);
  let count = 0;
  let candidates = new Int32Array(256);
  for (let i = 0; i < n; i++) {
    const m = municipalities[i];
    let found = 0;
    const add = (j: number): void => {
      if (found === candidates.length) {
        const bigger = new Int32Array(candidates.length * 2);
        bigger.set(candidates);
        candidates = bigger;
      }
      candidates[found++] = j;
    };
    add(i);
    for (const j of extra[i]) add(j);
    if (m.lat !== undefined && m.lon !== undefined) {
      const row = Math.floor(m.lat / latDegrees);
      const column = Math.floor(m.lon / lonDegrees);
      for (let dr = -1; dr <= 1; dr++) {
        for (let dc = -1; dc <= 1; dc++) {
          const members = cells.get(cellKey(row + dr, column + dc));
          if (members) for (const j of members) add(j);
        }
      }
    }
    const sorted = candidates.subarray(0, found).sort();
    for (let c = 0; c < found; c++) {
      const j = sorted[c];
      if (c > 0 && j === sorted[c - 1]) continue;
      let d = listed.size > 0 ? listed.get(i * n + j) : undefined;
      if (d === undefined) {
        const p = points[i];
        const q = points[j];
        if (i === j) d = intraMunicipalKm(m.areaKm2);
        else if (!p || !q) continue;
        else d = chordKm(p, q) * circuity;
      }
      if (d > radiusKm) continue;
      if (count === neighbour.length) {
        const biggerNeighbour = new Int32Array(neighbour.length * 2);
        biggerNeighbour.set(neighbour);
        neighbour = biggerNeighbour;
        const biggerKm = new Float64Array(km.length * 2);
        biggerKm.set(km);
        km = biggerKm;
      }
      neighbour[count] = j;
      km[count++] = d;
    }
    start[i + 1] = count;
  }
  return { start, neighbour: neighbour.slice(0, count), km: km.slice(0, count), radiusKm };
}

/** The pairs of `neighbours` with d ≤ `radiusKm` (a smaller radius), same layout. */
export function withinRadius(neighbours: Neighbours, radiusKm: number): Neighbours {
  if (radiusKm >= neighbours.radiusKm) return neighbours;
  const n = neighbours.start.length - 1;
  const start = new Int32Array(n + 1);
  let count = 0;
  for (let k = 0; k < neighbours.km.length; k++) if (neighbours.km[k] <= radiusKm) count++;
  const neighbour = new Int32Array(count);
  const km = new Float64Array(count);
  let at = 0;
  for (let i = 0; i < n; i++) {
    for (let k = neighbours.start[i]; k < neighbours.start[i + 1]; k++) {
      if (neighbours.km[k] <= radiusKm) {
        neighbour[at] = neighbours.neighbour[k];
        km[at++] = neighbours.km[k];
      }
    }
    start[i + 1] = at;
  }
  return { start, neighbour, km, radiusKm };
}
