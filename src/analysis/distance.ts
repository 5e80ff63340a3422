/**
 * Distances between municipalities (METHODS.md §3): the given distance when
 * distances.csv has the pair, else the great-circle distance × circuity; the
 * intra-municipal distance (2/3)·√(area/π) when no distance is given.
 */
import type { DistanceTable, Municipality } from '../model/types.js';

/** Mean Earth radius (IUGG), km. */
export const EARTH_RADIUS_KM = 6371.0088;

const RADIANS = Math.PI / 180;

/** Great-circle distance in km between two WGS84 points (haversine formula). */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RADIANS;
  const dLon = (lon2 - lon1) * RADIANS;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RADIANS) * Math.cos(lat2 * RADIANS) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
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
  return {
    km(i: number, j: number): number {
      const listed = table.size > 0 ? table.get(i * n + j) : undefined;
      if (listed !== undefined) return listed;
      const a = municipalities[i];
      if (i === j) return intraMunicipalKm(a.areaKm2);
      const b = municipalities[j];
      if (a.lat === undefined || a.lon === undefined || b.lat === undefined || b.lon === undefined) return NaN;
      return haversineKm(a.lat, a.lon, b.lat, b.lon) * circuity;
    },
  };
}
