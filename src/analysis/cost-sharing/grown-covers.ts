/**
 * Violated covers of larger point sets found by growing them (docs/methods.md
 * §8), for groups too large to list every connected set (lazy-covers.ts
 * lists them up to 12 points). From each point of the coalition, the set T
 * grows by the point sharing an open site with it that leaves the largest
 * fractional shortfall, (demand(T) − caps of the expansions T reaches) / max
 * − Σ y over the new sites T reaches; every T on the way whose rounded-up
 * need exceeds that Σ y is returned. A heuristic separation: the covers it
 * finds are valid, it need not find every violated one.
 *
 * Sets are bitmasks, so the group has at most 31 points and 31 sites.
 */
import type { LocationInstance } from '../location/location.js';

export const GROWN_LIMIT = 31;

/** For `instance`: the masks of violated covers of at least `smallest` points, given the coalition (points mask), its open sites and the relaxation's counts per site. */
export function coverGrower(instance: LocationInstance, smallest: number): (coalition: number, sitesOn: Uint8Array, count: Float64Array) => number[] {
  const reach = new Int32Array(instance.points.length);
  for (const link of instance.links) reach[link.point] |= 1 << link.site;
  const residents = Float64Array.from(instance.points, (point) => point.residents);
  const sites = instance.sites;
  return (coalition, sitesOn, count) => {
    let open = 0;
    sitesOn.forEach((on, j) => (open |= on << j));
    // Caps, largest size and Σ y of a set of sites, into `measured` (an object returned per call, or numbers
    // kept in variables of this closure, were most of mazowieckie's §7 allocation: V8 inlines no function,
    // compiler-budget.ts, so each call boxed its numbers).
    const measured = new Float64Array(3);
    const measure = (mask: number): void => {
      let caps = 0;
      let largest = 0;
      let counted = 0;
      for (let rest = mask; rest !== 0; rest &= rest - 1) {
        const j = 31 - Math.clz32(rest & -rest);
        if (sites[j].kind === 'new') {
          largest = Math.max(largest, sites[j].maxSize);
          counted += count[j];
        } else caps += sites[j].maxSize;
      }
      measured[0] = caps;
      measured[1] = largest;
      measured[2] = counted;
    };
    const found = new Set<number>();
    for (let start = coalition; start !== 0; start &= start - 1) {
      const p = 31 - Math.clz32(start & -start);
      let points = 1 << p;
      let siteMask = reach[p] & open;
      let demand = residents[p];
      for (let size = 1; ; size++) {
        measure(siteMask);
        const caps = measured[0];
        const largest = measured[1];
        const counted = measured[2];
        const beyond = demand - caps;
        const need = !(beyond > 1e-9) || largest === 0 ? 0 : Number.isFinite(largest) ? Math.ceil(beyond / largest - 1e-9) : 1;
        if (size >= smallest && need > counted + 1e-6) found.add(points);
        let best = -1;
        let bestScore = -Infinity;
        for (let rest = coalition & ~points; rest !== 0; rest &= rest - 1) {
          const q = 31 - Math.clz32(rest & -rest);
          if ((reach[q] & siteMask) === 0) continue;
          measure(siteMask | (reach[q] & open));
          if (measured[1] === 0 || !Number.isFinite(measured[1])) continue;
          const score = (demand + residents[q] - measured[0]) / measured[1] - measured[2];
          if (score > bestScore) {
            bestScore = score;
            best = q;
          }
        }
        if (best < 0) break;
        points |= 1 << best;
        siteMask |= reach[best] & open;
        demand += residents[best];
      }
    }
    return [...found];
  };
}
