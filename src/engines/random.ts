/**
 * Seeded pseudo-random numbers (mulberry32, Tommy Ettinger's 32-bit
 * generator). Analyses take a generator as input and never call
 * `Math.random`, so every result is reproducible from `--seed`.
 */
export type Random = () => number;

/** A generator of floats in [0, 1) from a 32-bit seed. */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
