/** Test support for the §5 sharing tests (src/analysis/sharing/): pairs in CSR form, a tolerance, allocations as rows. */
import { expect } from 'vitest';
import type { Neighbours } from '../analysis/accessibility/neighbours.js';
import type { SharingResult } from '../analysis/sharing/sharing.js';

export type Pair = readonly [number, number, number];

/** CSR pairs (i → j within the catchment, with km) as `neighboursWithin` builds them: sorted by j per i. */
export function pairsOf(n: number, list: readonly Pair[]): Neighbours {
  const sorted = [...list].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const start = new Int32Array(n + 1);
  for (const [i] of sorted) start[i + 1]++;
  for (let i = 0; i < n; i++) start[i + 1] += start[i];
  return { start, neighbour: Int32Array.from(sorted, (p) => p[1]), km: Float64Array.from(sorted, (p) => p[2]), radiusKm: Math.max(0, ...sorted.map((p) => p[2])) };
}

export function close(actual: number, expected: number, where: string): void {
  expect(Math.abs(actual - expected), `${where}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(expected)));
}

export const allocationsOf = (result: SharingResult): [number, number, number, number][] => result.allocations.map((a) => [a.buyer, a.provider, a.places, a.km]);
