/**
 * Sharing existing capacity (METHODS.md §5): edge input first, then hand
 * cases for the lexicographic problem (served first, then person-km — each built
 * so that a naive nearest-first allocation gets it wrong), then a property
 * test on random instances against an independent min-cost max-flow
 * (successive shortest paths, written here from scratch), and the capacity a
 * partnership may count on (`partnershipCapacity`): neighbours are providers
 * only, with what their own residents and other non-partners leave free.
 *
 * Tolerances: served and person-km within 1e-6 (relative, min 1e-6
 * absolute). With whole-number supply and demand the optimum is integral,
 * so counting places in ten-thousandths (transport.ts) does not matter;
 * capacity and demand limits are checked to 1e-6.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMETERS } from '../../model/parameters.js';
import type { Dataset, Municipality } from '../../model/types.js';
import { partnershipCapacity, spareToday, type ServiceInputs } from '../cooperation.js';
import type { Neighbours } from '../accessibility/neighbours.js';
import { shareCapacity, shareSpareToday, type SharingResult } from './sharing.js';

type Pair = readonly [number, number, number];

/** CSR pairs (i → j within the catchment, with km) as `neighboursWithin` builds them: sorted by j per i. */
function pairsOf(n: number, list: readonly Pair[]): Neighbours {
  const sorted = [...list].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const start = new Int32Array(n + 1);
  for (const [i] of sorted) start[i + 1]++;
  for (let i = 0; i < n; i++) start[i + 1] += start[i];
  return { start, neighbour: Int32Array.from(sorted, (p) => p[1]), km: Float64Array.from(sorted, (p) => p[2]), radiusKm: Math.max(0, ...sorted.map((p) => p[2])) };
}

function close(actual: number, expected: number, where: string): void {
  expect(Math.abs(actual - expected), `${where}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(expected)));
}

const allocationsOf = (result: SharingResult): [number, number, number, number][] => result.allocations.map((a) => [a.buyer, a.provider, a.places, a.km]);

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

// ---------------------------------------------------------------------------
// What the partnership can share.

const municipality = (id: string, partner: boolean): Municipality => ({ id, name: id, population: 1000, partner, candidate: true });

function dataset(municipalities: Municipality[], supply: number[], demand: number[]): Dataset {
  const empty = { length: 0, origin: new Int32Array(0), destination: new Int32Array(0), service: new Int32Array(0), users: new Float64Array(0) };
  return {
    name: 'partnership-capacity',
    municipalities,
    services: [{ id: 'nursery', name: 'Nursery', unit: 'places', catchmentKm: 20, minFacilitySize: 0, capexPerPlace: 1, facilityFixedCost: 0, opexPerPlace: 1 }],
    supply: [Float64Array.from(supply)],
    demand: [Float64Array.from(demand)],
    flows: empty,
    distances: { length: 0, origin: new Int32Array(0), destination: new Int32Array(0), km: new Float64Array(0), minutes: new Float64Array(0) },
    parameters: DEFAULT_PARAMETERS,
    warnings: [],
    sources: [],
  };
}

function inputs(data: Dataset, local: number[], flows: [number, number, number][]): ServiceInputs {
  return {
    service: data.services[0],
    index: 0,
    unmet: new Float64Array(data.municipalities.length),
    local: Float64Array.from(local),
    flows: { length: flows.length, origin: Int32Array.from(flows, (f) => f[0]), destination: Int32Array.from(flows, (f) => f[1]), users: Float64Array.from(flows, (f) => f[2]) },
    pairs: pairsOf(data.municipalities.length, []),
  };
}

describe('partnershipCapacity: neighbours are providers only', () => {
  // 0 P1, 1 P2: partners. 2 N1, 3 N2, 4 N3: neighbours (partner = false).
  // Supply 50, 0, 100, 30, 10; demand 40, 30, 60, 25, 9; local use 40, 0, 40, 10, 8.
  // Flows between municipalities: N2→N1 15, N3→N1 5 (non-partners using N1), P1→N1 20 (a partner: its
  // demand is in the LP, so this use is not subtracted), N1→N2 7, N2→N3 5; plus local rows
  // N1→N1 40 and P1→P1 40, which must not count twice (local use comes from L_i).
  //   N1: 100 − 40 (own) − 15 − 5 (other non-partners) = 40
  //   N2:  30 − 10 − 7 = 13
  //   N3:  10 −  8 − 5 = −3 → 0 (never negative)
  //   P1, P2: all their capacity (50, 0); demand: partners' own (40, 30), neighbours' 0.
  const data = dataset(
    [municipality('P1', true), municipality('P2', true), municipality('N1', false), municipality('N2', false), municipality('N3', false)],
    [50, 0, 100, 30, 10],
    [40, 30, 60, 25, 9],
  );
  const flows: [number, number, number][] = [
    [3, 2, 15],
    [4, 2, 5],
    [0, 2, 20],
    [2, 3, 7],
    [3, 4, 5],
    [2, 2, 40],
    [0, 0, 40],
  ];

  it('S − own local use − other non-partners’ use for neighbours; all of a partner’s capacity; only partners’ demand', () => {
    const shared = partnershipCapacity(data, inputs(data, [40, 0, 40, 10, 8], flows));
    expect([...shared.supply]).toEqual([50, 0, 40, 13, 0]);
    expect([...shared.demand]).toEqual([40, 30, 0, 0, 0]);
  });

  it('does not depend on the order of the flow rows', () => {
    const shared = partnershipCapacity(data, inputs(data, [40, 0, 40, 10, 8], [...flows].reverse()));
    expect([...shared.supply]).toEqual([50, 0, 40, 13, 0]);
  });

  it('with shareCapacity: P2 (30 in need) buys from N1 only what N1 leaves free', () => {
    // P2 reaches N1 (8 km) and P1 (5 km). P1 has 50 places for its 40: 10 spare. N1 has 40 free.
    // Most served: P1 40 locally + P2 30 = 70; fewest person-km: P2 takes P1's 10 (5 km) and 20 in N1 (8 km).
    const shared = partnershipCapacity(data, inputs(data, [40, 0, 40, 10, 8], flows));
    const pairs = pairsOf(5, [
      [0, 0, 0],
      [1, 0, 5],
      [1, 1, 0],
      [1, 2, 8],
      [2, 2, 0],
      [3, 3, 0],
      [4, 4, 0],
    ]);
    const result = shareCapacity(shared.supply, shared.demand, pairs);
    expect(allocationsOf(result)).toEqual([
      [0, 0, 40, 0],
      [1, 0, 10, 5],
      [1, 2, 20, 8],
    ]);
    expect(result.unmet[1]).toBe(0);
    expect(result.spare[2]).toBe(20);
  });
});

// ---------------------------------------------------------------------------
// Incremental sharing (issue 14): today's unmet residents into places spare today.

describe('spareToday: places nobody uses today; a neighbour keeps room for its own residents', () => {
  // 0 P (partner): S 50, local 40, inflow 5 (from N2) → 5 spare.
  // 1 N1 (neighbour): S 100, local 60, inflow 0, unmet today 41 (a short neighbour) → 100 − 60 − 41 < 0 → 0.
  // 2 N2 (neighbour): S 30, local 10, inflow 0, unmet 0 → 20.
  const data = dataset([municipality('P', true), municipality('N1', false), municipality('N2', false)], [50, 100, 30], [60, 101, 15]);
  it('S − L − inflow, and for a neighbour less its own unmet residents (never below 0)', () => {
    const today = { ...inputs(data, [40, 60, 10], [[2, 0, 5]]), unmet: Float64Array.of(20, 41, 0) };
    expect([...spareToday(data, today)]).toEqual([5, 0, 20]);
  });
});

describe('shareSpareToday', () => {
  it('places only today’s unmet, partners first, neighbours only into partners’ spare, in whole places', () => {
    // 0 P1 partner: 12.7 unmet (→ 12 whole), 0 spare. 1 P2 partner: 0 unmet, 10 spare.
    // 2 N1 neighbour: 5 unmet, 0 spare. 3 N2 neighbour: 0 unmet, 6.9 spare (→ 6).
    // Pairs: P1→P2 4 km, P1→N2 9 km, N1→P2 3 km, N1→N2 2 km.
    // Round 1 (partners): P1's 12 into P2 10 (4 km) and N2 2 (9 km) — most placed, then fewest km.
    // Round 2 (neighbours): N1's 5 into partners' spare left: P2 0 → nothing (N2 is a neighbour: no deal).
    const pairs = pairsOf(4, [
      [0, 1, 4],
      [0, 3, 9],
      [2, 1, 3],
      [2, 3, 2],
    ]);
    const result = shareSpareToday({ unmet: [12.7, 0, 5, 0], spare: [0, 10, 0, 6.9], partner: [true, true, false, false] }, pairs);
    expect(allocationsOf(result)).toEqual([
      [0, 1, 10, 4],
      [0, 3, 2, 9],
    ]);
    close(result.unmet[0], 0.7, 'P1 left (a fraction of a resident stays)');
    expect(result.unmet[2]).toBe(5);
    close(result.spare[3], 4.9, 'N2 spare left');
    expect(result.served).toBe(12);
    expect(result.personKm).toBe(58);
  });

  it('a neighbour buys in a partner once the partners are placed', () => {
    // P1 needs 3 of P2's 10 spare; N1's 5 then take 5 of the 7 left.
    const pairs = pairsOf(3, [
      [0, 1, 4],
      [2, 1, 3],
    ]);
    const result = shareSpareToday({ unmet: [3, 0, 5], spare: [0, 10, 0], partner: [true, true, false] }, pairs);
    expect(allocationsOf(result)).toEqual([
      [0, 1, 3, 4],
      [2, 1, 5, 3],
    ]);
    expect(result.spare[1]).toBe(2);
  });

  it('never sells more than the spare or buys more than the unmet, in whole places (property)', () => {
    const instance = fc.record({
      unmet: fc.array(fc.double({ min: 0, max: 50, noNaN: true }), { minLength: 5, maxLength: 5 }),
      spare: fc.array(fc.double({ min: 0, max: 50, noNaN: true }), { minLength: 5, maxLength: 5 }),
      partner: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
      pairs: fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 30 })), { selector: (p) => `${p[0]},${p[1]}`, maxLength: 15 }),
    });
    fc.assert(
      fc.property(instance, ({ unmet, spare, partner, pairs }) => {
        const result = shareSpareToday({ unmet, spare, partner }, pairsOf(5, pairs));
        const bought = new Array<number>(5).fill(0);
        const sold = new Array<number>(5).fill(0);
        for (const a of result.allocations) {
          expect(Number.isInteger(a.places)).toBe(true);
          expect(partner[a.buyer] || partner[a.provider]).toBe(true);
          bought[a.buyer] += a.places;
          sold[a.provider] += a.places;
        }
        for (let i = 0; i < 5; i++) {
          expect(bought[i]).toBeLessThanOrEqual(unmet[i] + 1e-9);
          expect(sold[i]).toBeLessThanOrEqual(spare[i] + 1e-9);
        }
      }),
      { numRuns: 100, seed: 14 },
    );
  });
});
