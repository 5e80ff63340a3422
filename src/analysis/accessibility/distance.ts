/**
 * Distances between municipalities (METHODS.md §3): the given distance when
 * distances.csv has the pair, else the great-circle distance × circuity; the
 * intra-municipal distance (2/3)·√(area/π) when no distance is given.
 */
import type { DistanceTable, Municipality } from '../../model/types.js';

/** Mean Earth radius (IUGG), km. */
export const EARTH_RADIUS_KM = 6371.0088;

const RADIANS = Math.PI / 180;

/** A point on the unit sphere, for fast repeated distances. */
export type UnitVector = readonly [number, number, number];

export function unitVector(lat: number, lon: number): UnitVector {
  const phi = lat * RADIANS;
  const lambda = lon * RADIANS;
  return [Math.cos(phi) * Math.cos(lambda), Math.cos(phi) * Math.sin(lambda), Math.sin(phi)];
}

/**
 * Great-circle distance in km between two unit vectors: 2R·asin(chord/2).
 * This is the haversine formula (hav θ = chord²/4), accurate at short range.
 */
export function chordKm(a: UnitVector, b: UnitVector): number {
  const dx = a[0] - b[0];
  const dy = a[1] - b[1];
  const dz = a[2] - b[2];
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(dx * dx + dy * dy + dz * dz) / 2));
}

/** Great-circle distance in km between two WGS84 points (haversine, spherical Earth of radius 6371.0088 km). */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  return chordKm(unitVector(lat1, lon1), unitVector(lat2, lon2));
}

/**
 * Mean distance from the centre of a disc of area `areaKm2` to its points,
 * (2/3)·√(area/π): the trip length of a resident served at home. 0 when the
 * area is unknown.
 */
export function intraMunicipalKm(areaKm2: number | undefined): number {
  return areaKm2 !== undefined && areaKm2 > 0 ? (2 / 3) * Math.sqrt(areaKm2 / Math.PI) : 0;
}

export interface DistanceLookup {
  /** Travel distance in km from municipality i to municipality j. */
  km(i: number, j: number): number;
}

/** Distances for a dataset: given ones first, then great-circle × circuity. */
export function distanceLookup(municipalities: readonly Municipality[], given: DistanceTable, circuity: number): DistanceLookup {
  const n = municipalities.length;
  const table = new Map<number, number>();
  for (let k = 0; k < given.length; k++) table.set(given.origin[k] * n + given.destination[k], given.km[k]);
  const points = municipalities.map((m) => (m.lat !== undefined && m.lon !== undefined ? unitVector(m.lat, m.lon) : undefined));
  return {
    km(i: number, j: number): number {
      const listed = table.size > 0 ? table.get(i * n + j) : undefined;
      if (listed !== undefined) return listed;
      const a = municipalities[i];
      if (i === j) return intraMunicipalKm(a.areaKm2);
      const p = points[i];
      const q = points[j];
      return p && q ? chordKm(p, q) * circuity : NaN;
    },
  };
}
