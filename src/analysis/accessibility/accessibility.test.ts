/**
 * 2SFCA (METHODS.md §3): a 3-municipality case worked by hand, and the
 * conservation invariant Σ_i D_i·A_i = Σ_j S_j on random datasets.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DistanceTable, Municipality } from '../../model/types.js';
import { twoStepFloatingCatchment } from './accessibility.js';
import { haversineKm } from './distance.js';
import { neighboursWithin } from './neighbours.js';

const place = (id: string, lat?: number, lon?: number): Municipality => ({
  id,
  name: id,
  population: 1,
  partner: true,
  candidate: true,
  ...(lat !== undefined && lon !== undefined ? { lat, lon } : {}),
});

function table(rows: [number, number, number][]): DistanceTable {
  return {
    length: rows.length,
    origin: Int32Array.from(rows, (r) => r[0]),
    destination: Int32Array.from(rows, (r) => r[1]),
    km: Float64Array.from(rows, (r) => r[2]),
    minutes: new Float64Array(rows.length).fill(NaN),
  };
}

describe('2SFCA, three municipalities worked by hand', () => {
  // A —10 km— B —10 km— C, A–C 20 km, intra-municipal 0 km; catchment 15 km.
  // S = (100, 0, 50), D = (60, 40, 80).
  // R_A = 100 / (60 + 40) = 1;  R_B = 0 / (60 + 40 + 80) = 0;  R_C = 50 / (40 + 80) = 5/12.
  // A_A = R_A + R_B = 1;  A_B = R_A + R_B + R_C = 17/12;  A_C = R_B + R_C = 5/12.
  // Σ D·A = 60 + 40·17/12 + 80·5/12 = 60 + 170/3 + 100/3 = 150 = Σ S.
  const municipalities = [place('A'), place('B'), place('C')];
  const distances = table([
    [0, 1, 10],
    [1, 0, 10],
    [1, 2, 10],
    [2, 1, 10],
    [0, 2, 20],
    [2, 0, 20],
  ]);
  const pairs = neighboursWithin(municipalities, distances, 1.3, 15);
  const result = twoStepFloatingCatchment(Float64Array.of(100, 0, 50), Float64Array.of(60, 40, 80), pairs);

  it('finds the catchments from the given distances', () => {
    expect(Array.from(pairs.start)).toEqual([0, 2, 5, 7]);
    expect(Array.from(pairs.neighbour)).toEqual([0, 1, 0, 1, 2, 1, 2]);
  });

  it('gives the hand values', () => {
    expect(result.ratio[0]).toBeCloseTo(1, 14);
    expect(result.ratio[1]).toBe(0);
    expect(result.ratio[2]).toBeCloseTo(5 / 12, 14);
    expect(result.access[0]).toBeCloseTo(1, 14);
    expect(result.access[1]).toBeCloseTo(17 / 12, 14);
    expect(result.access[2]).toBeCloseTo(5 / 12, 14);
    expect(result.unreachedSupply).toBe(0);
  });

  it('counts supply that no demand reaches', () => {
    const lonely = twoStepFloatingCatchment(Float64Array.of(100, 0, 50), Float64Array.of(0, 0, 80), pairs);
    // A's catchment (A, B) has no demand: its 100 places reach nobody.
    expect(lonely.unreachedSupply).toBe(100);
    expect(lonely.access[2]).toBeCloseTo(50 / 80, 14);
  });
});

describe('2SFCA conservation on random datasets', () => {
  const dataset = fc.record({
    points: fc.array(fc.tuple(fc.double({ min: 52, max: 53, noNaN: true }), fc.double({ min: 19, max: 20.5, noNaN: true }), fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 400 })), {
      minLength: 1,
      maxLength: 40,
    }),
    catchment: fc.double({ min: 1, max: 80, noNaN: true }),
  });

  it('Σ_i D_i·A_i = Σ_j S_j when every facility has demand in its catchment (1e-9 relative)', () => {
    fc.assert(
      fc.property(dataset, ({ points, catchment }) => {
        const municipalities = points.map(([lat, lon], k) => place(`m${k}`, lat, lon));
        const supply = Float64Array.from(points, (p) => p[2]);
        const demand = Float64Array.from(points, (p) => p[3]);
        const pairs = neighboursWithin(municipalities, table([]), 1.3, catchment);
        const result = twoStepFloatingCatchment(supply, demand, pairs);
        // Every municipality reaches itself (intra-municipal distance 0) and has demand ≥ 1.
        expect(result.unreachedSupply).toBe(0);
        const total = supply.reduce((a, b) => a + b, 0);
        const served = demand.reduce((sum, d, i) => sum + d * result.access[i], 0);
        expect(Math.abs(served - total)).toBeLessThanOrEqual(1e-9 * Math.max(1, total));
      }),
      { numRuns: 200, seed: 20261122 },
    );
  });

  it('finds exactly the pairs a brute-force search finds', () => {
    fc.assert(
      fc.property(dataset, ({ points, catchment }) => {
        const municipalities = points.map(([lat, lon], k) => place(`m${k}`, lat, lon));
        const pairs = neighboursWithin(municipalities, table([]), 1.3, catchment);
        const expected: string[] = [];
        municipalities.forEach((a, i) =>
          municipalities.forEach((b, j) => {
            if (i === j || haversineKm(a.lat!, a.lon!, b.lat!, b.lon!) * 1.3 <= catchment) expected.push(`${i}-${j}`);
          }),
        );
        const found: string[] = [];
        for (let i = 0; i < municipalities.length; i++) for (let e = pairs.start[i]; e < pairs.start[i + 1]; e++) found.push(`${i}-${pairs.neighbour[e]}`);
        expect(found).toEqual(expected);
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});
