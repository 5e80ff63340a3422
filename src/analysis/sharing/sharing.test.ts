/**
 * Sharing existing capacity (METHODS.md §5), the engine `shareCapacity`:
 * edge input first, then hand cases for the lexicographic problem (served
 * first, then person-km — each built so that a naive nearest-first
 * allocation gets it wrong), then a property test on random instances
 * against an independent min-cost max-flow (successive shortest paths,
 * written here from scratch). What a partnership may count on and the
 * incremental mode are in partnership-capacity.test.ts.
 *
 * Tolerances: served and person-km within 1e-6 (relative, min 1e-6
 * absolute). With whole-number supply and demand the optimum is integral,
 * so counting places in ten-thousandths (transport.ts) does not matter;
 * capacity and demand limits are checked to 1e-6.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocationsOf, close, pairsOf, type Pair } from '../../testing/sharing.js';
import { shareCapacity } from './sharing.js';

describe('shareCapacity: edge input', () => {
  it('no municipalities: nothing served, no cluster', () => {
    const result = shareCapacity(new Float64Array(0), new Float64Array(0), pairsOf(0, []));
    expect(result).toMatchObject({ allocations: [], served: 0, personKm: 0, clusters: 0 });
    expect(result.unmet).toHaveLength(0);
  });

  it('no demand: nothing served, all capacity spare', () => {
    const result = shareCapacity(
      Float64Array.of(10, 5),
      Float64Array.of(0, 0),
      pairsOf(2, [
        [0, 0, 0],
        [0, 1, 3],
        [1, 0, 3],
        [1, 1, 0],
      ]),
    );
    expect(result.allocations).toEqual([]);
    expect([...result.spare]).toEqual([10, 5]);
    expect(result.clusters).toBe(0);
  });

  it('no capacity: all demand unmet', () => {
    const result = shareCapacity(
      Float64Array.of(0, 0),
      Float64Array.of(4, 6),
      pairsOf(2, [
        [0, 0, 0],
        [0, 1, 3],
        [1, 0, 3],
        [1, 1, 0],
      ]),
    );
    expect(result.allocations).toEqual([]);
    expect([...result.unmet]).toEqual([4, 6]);
  });

  it('capacity out of reach (no pair): nothing shared', () => {
    // A has 10 places and 0 need, B needs 6 and has no place, the pair A–B is beyond the catchment.
    const result = shareCapacity(
      Float64Array.of(10, 0),
      Float64Array.of(0, 6),
      pairsOf(2, [
        [0, 0, 0],
        [1, 1, 0],
      ]),
    );
    expect(result.allocations).toEqual([]);
    expect([...result.unmet]).toEqual([0, 6]);
    expect([...result.spare]).toEqual([10, 0]);
  });

  it('does not change its inputs', () => {
    const supply = Float64Array.of(10, 0, 5);
    const demand = Float64Array.of(3, 8, 6);
    const pairs = pairsOf(3, [
      [0, 0, 0],
      [1, 0, 4],
      [1, 2, 2],
      [2, 2, 0],
      [2, 0, 5],
    ]);
    const copies = [supply.slice(), demand.slice(), pairs.start.slice(), pairs.neighbour.slice(), pairs.km.slice()];
    shareCapacity(supply, demand, pairs);
    expect([supply, demand, pairs.start, pairs.neighbour, pairs.km]).toEqual(copies);
  });
});

describe('shareCapacity: the lexicographic problem by hand', () => {
  // Municipalities: 0 = P (10 places), 1 = Q (10 places), 2 = X (10 in need), 3 = Y (10 in need).

  it('served first: X reaches P (1 km) and Q (5 km), Y only P (2 km) — nearest-first would give X P and leave Y out (10 served); the LP serves 20', () => {
    // Only allocation serving 20: X→Q 10, Y→P 10 (person-km 50 + 20 = 70).
    const pairs = pairsOf(4, [
      [0, 0, 0],
      [1, 1, 0],
      [2, 0, 1],
      [2, 1, 5],
      [3, 0, 2],
    ]);
    const result = shareCapacity(Float64Array.of(10, 10, 0, 0), Float64Array.of(0, 0, 10, 10), pairs);
    expect(allocationsOf(result)).toEqual([
      [2, 1, 10, 5],
      [3, 0, 10, 2],
    ]);
    expect(result.served).toBe(20);
    expect(result.personKm).toBe(70);
    expect([...result.unmet]).toEqual([0, 0, 0, 0]);
    expect([...result.spare]).toEqual([0, 0, 0, 0]);
    expect(result.clusters).toBe(1);
  });

  it('then person-km: X–P 1, X–Q 2, Y–P 3, Y–Q 10 — nearest-first (X→P, Y→Q) costs 110 person-km; the LP sends X→Q, Y→P: 50', () => {
    // Both allocations serve all 20; the only other optimum of stage 1 mixes them: with X→P = t,
    // person-km = 1·t + 2(10 − t) + 3(10 − t) + 10t = 50 + 6t, least at t = 0 (nearest-first is t = 10: 110).
    const pairs = pairsOf(4, [
      [0, 0, 0],
      [1, 1, 0],
      [2, 0, 1],
      [2, 1, 2],
      [3, 0, 3],
      [3, 1, 10],
    ]);
    const result = shareCapacity(Float64Array.of(10, 10, 0, 0), Float64Array.of(0, 0, 10, 10), pairs);
    expect(allocationsOf(result)).toEqual([
      [2, 1, 10, 2],
      [3, 0, 10, 3],
    ]);
    expect(result.served).toBe(20);
    expect(result.personKm).toBe(50);
  });

  it('local places count as allocations (i = i) and limits hold when capacity is short: 15 places for 25 in need', () => {
    // A: 10 places, 12 in need; B: 5 places, 13 in need; A–B 4 km; d_AA = d_BB = 0.
    // Served = 15 (all places); person-km 0 if each serves its own: A→A 10, B→B 5.
    const pairs = pairsOf(2, [
      [0, 0, 0],
      [0, 1, 4],
      [1, 0, 4],
      [1, 1, 0],
    ]);
    const result = shareCapacity(Float64Array.of(10, 5), Float64Array.of(12, 13), pairs);
    expect(allocationsOf(result)).toEqual([
      [0, 0, 10, 0],
      [1, 1, 5, 0],
    ]);
    expect([...result.unmet]).toEqual([2, 8]);
    expect([...result.spare]).toEqual([0, 0]);
  });

  it('independent clusters are solved apart: two pairs far apart make two clusters', () => {
    // A (5 places) serves B (3 in need) 6 km away; C (2 places) serves D (4 in need) 1 km away.
    const pairs = pairsOf(4, [
      [0, 0, 0],
      [1, 0, 6],
      [1, 1, 0],
      [2, 2, 0],
      [3, 2, 1],
      [3, 3, 0],
    ]);
    const result = shareCapacity(Float64Array.of(5, 0, 2, 0), Float64Array.of(0, 3, 0, 4), pairs);
    expect(allocationsOf(result)).toEqual([
      [1, 0, 3, 6],
      [3, 2, 2, 1],
    ]);
    expect(result.clusters).toBe(2);
    expect([...result.unmet]).toEqual([0, 0, 0, 2]);
    expect([...result.spare]).toEqual([2, 0, 0, 0]);
    expect(result.personKm).toBe(20);
  });
});

// ---------------------------------------------------------------------------
// Independent reference: min-cost max-flow by successive shortest paths.

/** Most residents served and the fewest person-km doing so, on the network source → i (D_i) → j (km) → sink (S_j). */
function minCostMaxFlow(supply: readonly number[], demand: readonly number[], pairs: readonly Pair[]): { flow: number; cost: number } {
  const n = supply.length;
  const source = 2 * n;
  const sink = 2 * n + 1;
  const to: number[] = [];
  const capacity: number[] = [];
  const cost: number[] = [];
  const adjacency: number[][] = Array.from({ length: 2 * n + 2 }, () => []);
  const edge = (a: number, b: number, cap: number, c: number): void => {
    adjacency[a].push(to.length);
    to.push(b), capacity.push(cap), cost.push(c);
    adjacency[b].push(to.length);
    to.push(a), capacity.push(0), cost.push(-c);
  };
  for (let i = 0; i < n; i++) if (demand[i] > 0) edge(source, i, demand[i], 0);
  for (let j = 0; j < n; j++) if (supply[j] > 0) edge(n + j, sink, supply[j], 0);
  for (const [i, j, km] of pairs) if (demand[i] > 0 && supply[j] > 0) edge(i, n + j, Infinity, km);
  let flow = 0;
  let total = 0;
  for (;;) {
    // Bellman–Ford on the residual graph (reverse edges carry negative costs).
    const distance = new Array<number>(2 * n + 2).fill(Infinity);
    const via = new Array<number>(2 * n + 2).fill(-1);
    distance[source] = 0;
    for (let round = 0; round < 2 * n + 2; round++) {
      let changed = false;
      for (let a = 0; a < 2 * n + 2; a++) {
        if (distance[a] === Infinity) continue;
        for (const e of adjacency[a]) {
          if (capacity[e] > 1e-12 && distance[a] + cost[e] < distance[to[e]] - 1e-12) {
            distance[to[e]] = distance[a] + cost[e];
            via[to[e]] = e;
            changed = true;
          }
        }
      }
      if (!changed) break;
    }
    if (distance[sink] === Infinity) return { flow, cost: total };
    let push = Infinity;
    for (let v = sink; v !== source; v = to[via[v] ^ 1]) push = Math.min(push, capacity[via[v]]);
    for (let v = sink; v !== source; v = to[via[v] ^ 1]) {
      capacity[via[v]] -= push;
      capacity[via[v] ^ 1] += push;
    }
    flow += push;
    total += push * distance[sink];
  }
}

describe('shareCapacity on random instances (fast-check, seed 5)', () => {
  const instance = fc.integer({ min: 1, max: 7 }).chain((n) =>
    fc.record({
      supply: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 40 })), { minLength: n, maxLength: n }),
      demand: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 40 })), { minLength: n, maxLength: n }),
      // Per ordered pair (i, j): within the catchment or not, and its km (i = i always listed, as neighboursWithin does).
      reach: fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 2000 })), { minLength: n * n, maxLength: n * n }),
      permutation: fc.shuffledSubarray(
        Array.from({ length: n }, (_, i) => i),
        { minLength: n, maxLength: n },
      ),
    }),
  );
  const pairList = (n: number, reach: readonly [boolean, number][]): Pair[] =>
    reach.flatMap(([within, hundredths], k) => {
      const i = Math.floor(k / n);
      const j = k % n;
      return within || i === j ? [[i, j, hundredths / 100] as const] : [];
    });

  it('respects demand, capacity and the catchment; serves the maximum at the least person-km (= min-cost max-flow); is order-free', () => {
    fc.assert(
      fc.property(instance, ({ supply, demand, reach, permutation }) => {
        const n = supply.length;
        const list = pairList(n, reach);
        const result = shareCapacity(Float64Array.from(supply), Float64Array.from(demand), pairsOf(n, list));
        const kmOf = new Map(list.map(([i, j, km]) => [i * n + j, km]));
        const bought = new Float64Array(n);
        const sold = new Float64Array(n);
        for (const a of result.allocations) {
          expect(kmOf.get(a.buyer * n + a.provider), `allocation ${a.buyer}→${a.provider} is not a pair within the catchment`).toBe(a.km);
          expect(a.places).toBeGreaterThan(0);
          bought[a.buyer] += a.places;
          sold[a.provider] += a.places;
        }
        for (let i = 0; i < n; i++) {
          expect(bought[i]).toBeLessThanOrEqual(demand[i] + 1e-6);
          expect(sold[i]).toBeLessThanOrEqual(supply[i] + 1e-6);
          close(result.unmet[i], demand[i] - bought[i], `unmet ${i}`);
          close(result.spare[i], supply[i] - sold[i], `spare ${i}`);
        }
        const reference = minCostMaxFlow(supply, demand, list);
        close(result.served, reference.flow, 'served vs max-flow');
        close(result.personKm, reference.cost, 'person-km vs min-cost max-flow');
        // Row order does not matter: relabel the municipalities and solve again.
        const relabel = (i: number): number => permutation[i];
        const shuffledSupply = new Float64Array(n);
        const shuffledDemand = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          shuffledSupply[relabel(i)] = supply[i];
          shuffledDemand[relabel(i)] = demand[i];
        }
        const shuffled = shareCapacity(
          shuffledSupply,
          shuffledDemand,
          pairsOf(
            n,
            list.map(([i, j, km]) => [relabel(i), relabel(j), km] as const),
          ),
        );
        close(shuffled.served, result.served, 'served after relabelling');
        close(shuffled.personKm, result.personKm, 'person-km after relabelling');
      }),
      { seed: 5, numRuns: 200 },
    );
  }, 120_000);
});
