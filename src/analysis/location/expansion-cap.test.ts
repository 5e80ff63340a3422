/** The §6 expansion cap (issue 14): the service's columns, the smaller of both, and the default (today's places). */
import { describe, expect, it } from 'vitest';
import type { Service } from '../../model/types.js';
import { DEFAULT_EXPANSION_SHARE, expansionCap, wholeResidents } from '../cooperation.js';

const service = (extra: Partial<Service>): Service => ({ id: 's', name: 'S', unit: 'places', catchmentKm: 10, minFacilitySize: 0, capexPerPlace: 1, facilityFixedCost: 0, opexPerPlace: 0, ...extra });

describe('expansionCap', () => {
  it('defaults to today’s places (an expansion at most doubles them)', () => {
    expect(DEFAULT_EXPANSION_SHARE).toBe(1);
    expect(expansionCap(service({}), 273)).toBe(273);
  });

  it('takes max_expansion_share of today’s places, rounded down to whole places', () => {
    expect(expansionCap(service({ maxExpansionShare: 0.5 }), 273)).toBe(136);
    expect(expansionCap(service({ maxExpansionShare: 0 }), 273)).toBe(0);
  });

  it('takes max_expansion alone (no share cap), or the smaller of both', () => {
    expect(expansionCap(service({ maxExpansion: 500 }), 273)).toBe(500);
    expect(expansionCap(service({ maxExpansion: 100, maxExpansionShare: 0.5 }), 273)).toBe(100);
    expect(expansionCap(service({ maxExpansion: 200, maxExpansionShare: 0.5 }), 273)).toBe(136);
  });
});

describe('wholeResidents', () => {
  it('rounds up to whole places, ignoring rounding noise', () => {
    expect([0, 1e-9, 0.3, 1, 1.0000001, 26.6].map(wholeResidents)).toEqual([0, 0, 1, 1, 1, 27]);
  });
});
