/**
 * The capacity-aware gravity estimate (issue 13; docs/methods.md §4):
 * tiny cases worked by hand, seeded property tests of its bounds and of
 * "unplaced only where every place in reach is taken", the production-
 * constrained model where capacity never binds, and an independent
 * reference in Python on real geography with a shortage
 * (fixtures/gravity/capacity-starachowice: reference.py → expected.json,
 * scipy's maximum flow and L-BFGS-B on the dual; tolerance 1e-6 persons).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../io/load-dataset.js';
import { servflow } from '../../testing/servflow.js';
import { analyzeAsLoaded } from '../../testing/analysis.js';
import { capacityAwareFlows } from './capacity-gravity.js';
import { gravityFlows, type GravityPairs } from './gravity.js';
import { shortRegion } from '../../engines/max-flow.js';
import { solveTransport } from '../../engines/transport.js';

/** Pairs from lists of (destination, km) per origin; every destination has capacity `mass`. */
function pairsOf(lists: readonly (readonly [number, number])[][], mass: (j: number) => number): GravityPairs {
  const start = [0];
  const destination: number[] = [];
  const km: number[] = [];
  for (const list of lists) {
    for (const [j, d] of list) {
      destination.push(j);
      km.push(d);
    }
    start.push(destination.length);
  }
  return {
    start: Int32Array.from(start),
    origin: Int32Array.from(lists, (_, g) => g),
    destination: Int32Array.from(destination),
    logMass: Float64Array.from(destination, (j) => Math.log(mass(j))),
    km: Float64Array.from(km),
  };
}

function sums(pairs: GravityPairs, flows: Float64Array, columns: number): { rows: Float64Array; columns: Float64Array } {
  const rows = new Float64Array(pairs.start.length - 1);
  const cols = new Float64Array(columns);
  for (let g = 0; g < rows.length; g++) {
    for (let k = pairs.start[g]; k < pairs.start[g + 1]; k++) {
      rows[g] += flows[k];
      cols[pairs.destination[k]] += flows[k];
    }
  }
  return { rows, columns: cols };
}

describe('capacityAwareFlows, worked by hand', () => {
  it('two villages with one nursery of 20 places for 10 + 30 children: each gets the same share of its would-be users (5 and 15)', () => {
    const pairs = pairsOf([[[0, 3]], [[0, 5]]], () => 20);
    const demand = Float64Array.of(10, 30);
    const prior = gravityFlows(pairs, 'exp', 1, 0.3, demand);
    expect(Array.from(prior)).toEqual([10, 30]);
    const estimate = capacityAwareFlows(pairs, prior, demand, Float64Array.of(20));
    expect(estimate.capacityBinds).toBe(true);
    expect(estimate.shortOrigins).toBe(2);
    expect(estimate.flows[0]).toBeCloseTo(5, 9);
    expect(estimate.flows[1]).toBeCloseTo(15, 9);
  });

  it('an origin with a roomy alternative sends nobody to the full nursery another origin depends on', () => {
    // Origin 0 (10 children) reaches nursery 0 (5 places, 2 km) and nursery 1 (100 places, 6 km);
    // origin 1 (10 children) reaches only nursery 0. Most placed: 15 — origin 1 takes all 5 places of nursery 0.
    const capacity = Float64Array.of(5, 100);
    const pairs = pairsOf(
      [
        [
          [0, 2],
          [1, 6],
        ],
        [[0, 2]],
      ],
      (j) => capacity[j],
    );
    const demand = Float64Array.of(10, 10);
    const prior = gravityFlows(pairs, 'exp', 1, 0.3, demand);
    const region = shortRegion(pairs, demand, capacity);
    expect(region.placed).toBeCloseTo(15, 12);
    expect(Array.from(region.originShort)).toEqual([0, 1]);
    expect(Array.from(region.destinationShort)).toEqual([1, 0]);
    const { flows } = capacityAwareFlows(pairs, prior, demand, capacity);
    expect(flows[0]).toBe(0);
    expect(flows[1]).toBeCloseTo(10, 9);
    expect(flows[2]).toBeCloseTo(5, 9);
  });

  it('where no capacity binds, returns the production-constrained flows themselves', () => {
    const pairs = pairsOf(
      [
        [
          [0, 1],
          [1, 4],
        ],
        [
          [0, 3],
          [1, 2],
        ],
      ],
      () => 50,
    );
    const demand = Float64Array.of(12, 7);
    const prior = gravityFlows(pairs, 'exp', 1, 0.3, demand);
    const estimate = capacityAwareFlows(pairs, prior, demand, Float64Array.of(50, 50));
    expect(estimate.capacityBinds).toBe(false);
    expect(estimate.flows).toBe(prior);
  });
});

/** A random map: origins × destinations within reach, demand and places (whole or fractional). */
const instance = fc
  .record({
    origins: fc.integer({ min: 1, max: 9 }),
    destinations: fc.integer({ min: 1, max: 9 }),
    seed: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 200, maxLength: 200 }),
    beta: fc.double({ min: 0.02, max: 1.5, noNaN: true }),
    plenty: fc.boolean(),
  })
  .map(({ origins, destinations, seed, beta, plenty }) => {
    let at = 0;
    const next = (): number => seed[at++ % seed.length];
    const capacity = Float64Array.from({ length: destinations }, () => (plenty ? 1e6 : Math.round(next() * 40)) + 1);
    const lists = Array.from({ length: origins }, () => {
      const list: [number, number][] = [];
      for (let j = 0; j < destinations; j++) if (next() < 0.55) list.push([j, 0.5 + 30 * next()]);
      if (list.length === 0) list.push([Math.floor(next() * destinations), 1 + 10 * next()]);
      return list;
    });
    const pairs = pairsOf(lists, (j) => capacity[j]);
    const demand = Float64Array.from({ length: origins }, () => 1 + Math.round(next() * 60));
    return { pairs, demand, capacity, beta, plenty };
  });

describe('capacityAwareFlows, seeded property tests', () => {
  it('no origin sends more than its demand, no destination receives more than its places, the most are placed, and nobody is left out while a place in reach is free', () => {
    fc.assert(
      fc.property(instance, ({ pairs, demand, capacity, beta }) => {
        const prior = gravityFlows(pairs, 'exp', 1, beta, demand);
        // Near-ties of demand and places can leave scaling short of its tolerance; the augmenting finish holds the properties anyway.
        const { flows } = capacityAwareFlows(pairs, prior, demand, capacity, { maxIterations: 2000 });
        const { rows, columns } = sums(pairs, flows, capacity.length);
        // Bounds up to the rounding of a sum (1e-12 relative).
        rows.forEach((sum, g) => expect(sum).toBeLessThanOrEqual(demand[g] * (1 + 1e-12)));
        columns.forEach((sum, j) => expect(sum).toBeLessThanOrEqual(capacity[j] * (1 + 1e-12)));
        // The most that can be placed, by the network simplex (an independent exact solver).
        const most = solveTransport({ demand, supply: capacity, row: Int32Array.from(pairs.destination, (_, k) => groupOf(pairs, k)), column: pairs.destination, cost: pairs.km }).served;
        expect(Math.abs(rows.reduce((a, b) => a + b, 0) - most)).toBeLessThan(1e-6 * Math.max(1, most));
        for (let g = 0; g < rows.length; g++) {
          if (demand[g] - rows[g] <= 1e-6 * demand[g]) continue;
          for (let k = pairs.start[g]; k < pairs.start[g + 1]; k++) expect(capacity[pairs.destination[k]] - columns[pairs.destination[k]]).toBeLessThan(1e-6 * capacity[pairs.destination[k]]);
        }
      }),
      { seed: 13, numRuns: 300 },
    );
  });

  it('with abundant capacity equals the production-constrained model (1e-9)', () => {
    fc.assert(
      fc.property(instance, ({ pairs, demand, beta }) => {
        const prior = gravityFlows(pairs, 'exp', 1, beta, demand);
        const { flows } = capacityAwareFlows(pairs, prior, demand, new Float64Array(9).fill(1e9));
        flows.forEach((value, k) => expect(Math.abs(value - prior[k])).toBeLessThanOrEqual(1e-9 * Math.max(1, prior[k])));
      }),
      { seed: 7, numRuns: 200 },
    );
  });
});

function groupOf(pairs: GravityPairs, k: number): number {
  let g = 0;
  while (pairs.start[g + 1] <= k) g++;
  return g;
}

describe('against an independent reference in Python (real geography, a shortage)', () => {
  const folder = 'fixtures/gravity/capacity-starachowice';
  const expected = JSON.parse(readFileSync(`${folder}/expected.json`, 'utf8')) as { placed: number; short_origins: string[]; flows: { origin: string; destination: string; users: number }[] };
  const { dataset } = loadDataset(folder);
  const result = analyzeAsLoaded(dataset).services[0];
  const ids = dataset.municipalities.map((m) => m.id);

  it('reproduces every estimated flow to 1e-6 persons', () => {
    const got = new Map<string, number>();
    for (let k = 0; k < result.flows.length; k++) got.set(`${ids[result.flows.origin[k]]}>${ids[result.flows.destination[k]]}`, result.flows.users[k]);
    expect(got.size).toBe(expected.flows.length);
    for (const flow of expected.flows) expect(Math.abs((got.get(`${flow.origin}>${flow.destination}`) ?? NaN) - flow.users)).toBeLessThan(1e-6);
  });

  it('leaves the unplaced with the same origins, and unmet = demand − placed', () => {
    expect(result.gravity.capacity?.shortOrigins).toBe(expected.short_origins.length);
    expect(result.all.servedResidents).toBeCloseTo(expected.placed, 6);
    expect(result.all.unmet).toBeCloseTo(result.all.demand - expected.placed, 6);
  });
});

describe('the bundled sample', () => {
  it('nursery: the partners have unmet demand, equal per municipality to demand − residents placed; no destination above its places', async () => {
    const analysis = analyzeAsLoaded(loadDataset('data').dataset);
    const nursery = analysis.services.find((s) => s.service.id === 'nursery');
    expect(nursery?.flowsEstimated).toBe(true);
    expect(nursery?.partners.unmet).toBeGreaterThan(50);
    const placed = new Float64Array(analysis.dataset.municipalities.length);
    const received = new Float64Array(analysis.dataset.municipalities.length);
    const flows = nursery!.flows;
    for (let k = 0; k < flows.length; k++) {
      placed[flows.origin[k]] += flows.users[k];
      received[flows.destination[k]] += flows.users[k];
    }
    nursery!.municipalities.forEach((row, i) => {
      expect(row.unmet).toBeCloseTo(row.demand - placed[i], 9);
      expect(received[i]).toBeLessThanOrEqual(row.supply * (1 + 1e-6));
    });
    const run = await servflow('analyze', '--format', 'json', '--out', `${process.env.TMPDIR ?? '/tmp'}/servflow-fail-on-${process.pid}`, '--fail-on', 'unmet>0.05', '--quiet');
    expect(run.status).toBe(1);
  });
});
