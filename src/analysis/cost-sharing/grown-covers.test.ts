/**
 * coverGrower on a case worked by hand. Points 0–3 (25 residents each)
 * reach four new sites 0–3 (at most 40 places each); point 4 (25) reaches
 * site 0 and an expansion of 1,000 places (site 4). With 0.625 facilities
 * at each of sites 0–3 (2.5 in all): the four points 0–3 need
 * ⌈100/40⌉ = 3 facilities there, more than 2.5 — violated; any three of
 * them need ⌈75/40⌉ = 2, any two ⌈50/40⌉ = 2, one 1, all satisfied; any
 * set with point 4 reaches the expansion and needs none. Growing from any
 * point takes the others of 0–3 first (shortfall (50 − 0)/40 − 2.5 = −1.25
 * against (50 − 1,000)/40 − 2.5 with point 4), so the one violated cover
 * of four points or more, {0, 1, 2, 3} (mask 15), is found, and nothing at
 * 0.75 per site (3 in all).
 */
import { describe, expect, it } from 'vitest';
import { coverGrower } from './grown-covers.js';
import type { Link, LocationInstance, Site } from '../location/location.js';

const newSite = (municipality: number): Site => ({ municipality, kind: 'new', fixedCost: 1e6, minSize: 0, maxSize: 40, maxCount: 3 });
const links: Link[] = [];
for (let p = 0; p < 4; p++) for (let j = 0; j < 4; j++) links.push({ point: p, site: j, km: 1 });
links.push({ point: 4, site: 0, km: 5 }, { point: 4, site: 4, km: 1 });
const instance: LocationInstance = {
  points: [0, 1, 2, 3, 4].map((municipality) => ({ municipality, residents: 25 })),
  sites: [newSite(0), newSite(1), newSite(2), newSite(3), { municipality: 4, kind: 'expansion', fixedCost: 0, minSize: 0, maxSize: 1000 }],
  links,
  capexPerPlace: 1,
  lambda: 1,
};
const everyone = 0b11111;
const allSites = Uint8Array.of(1, 1, 1, 1, 1);

describe('coverGrower', () => {
  it('finds the cover of points 0–3 (mask 15) where 2.5 facilities stand for 3', () => {
    expect(coverGrower(instance, 4)(everyone, allSites, Float64Array.of(0.625, 0.625, 0.625, 0.625, 0))).toEqual([15]);
  });
  it('finds nothing at 3 facilities in all, nor among sets smaller than asked', () => {
    expect(coverGrower(instance, 4)(everyone, allSites, Float64Array.of(0.75, 0.75, 0.75, 0.75, 0))).toEqual([]);
    expect(coverGrower(instance, 5)(everyone, allSites, Float64Array.of(0.625, 0.625, 0.625, 0.625, 0))).toEqual([]);
  });
  it('counts only the coalition: without point 3 the other three need 2, and 2.5 is enough', () => {
    expect(coverGrower(instance, 3)(0b10111, allSites, Float64Array.of(0.625, 0.625, 0.625, 0.625, 0))).toEqual([]);
  });
});
