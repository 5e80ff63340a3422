/**
 * Two-step floating catchment area accessibility (METHODS.md §3; Luo & Wang
 * 2003, Environment and Planning B 30(6)). Step 1: each facility's supply
 * per person in need within its catchment, R_j = S_j / Σ_{k: d_kj ≤ d0} D_k.
 * Step 2: each municipality's sum of the ratios within reach,
 * A_i = Σ_{j: d_ij ≤ d0} R_j — places per person in need.
 */
import type { Neighbours } from './neighbours.js';

export interface Accessibility {
  /** A_i, places per person in need within reach. */
  readonly access: Float64Array;
  /** R_j; 0 where no demand lies within the catchment. */
  readonly ratio: Float64Array;
  /** Supply (Σ S_j) that no demand reaches: it cannot enter any A_i. */
  readonly unreachedSupply: number;
}

/**
 * 2SFCA over `pairs`: the neighbours of k are exactly the j with d_kj ≤ d0.
 * Invariant: Σ_i D_i·A_i = Σ_j S_j − unreachedSupply.
 */
export function twoStepFloatingCatchment(supply: Float64Array, demand: Float64Array, pairs: Neighbours): Accessibility {
  const n = supply.length;
  const demandInReach = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    for (let e = pairs.start[k]; e < pairs.start[k + 1]; e++) demandInReach[pairs.neighbour[e]] += demand[k];
  }
  const ratio = new Float64Array(n);
  let unreachedSupply = 0;
  for (let j = 0; j < n; j++) {
    if (demandInReach[j] > 0) ratio[j] = supply[j] / demandInReach[j];
    else unreachedSupply += supply[j];
  }
  const access = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let e = pairs.start[i]; e < pairs.start[i + 1]; e++) sum += ratio[pairs.neighbour[e]];
    access[i] = sum;
  }
  return { access, ratio, unreachedSupply };
}
