/**
 * What a partnership may count on under §5 (METHODS.md §5; issue 14):
 * `partnershipCapacity` — neighbours are providers only, with what their own
 * residents and other non-partners leave free — and the incremental mode:
 * `spareToday` (places nobody uses today) and `shareSpareToday` (today's
 * unmet residents into them). Hand cases, then properties (fast-check).
 * Tolerance: 1e-6 (relative, min 1e-6 absolute).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Dataset, Municipality } from '../../model/types.js';
import { allocationsOf, close, pairsOf } from '../../testing/sharing.js';
import { partnershipCapacity, spareToday, type ServiceInputs } from '../cooperation.js';
import { shareCapacity, shareSpareToday } from './sharing.js';

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
    manifestParameters: {},
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
