/**
 * Sharing existing capacity (METHODS.md §5): a transportation problem over
 * pairs within the catchment, x_ij ≥ 0, Σ_j x_ij ≤ D_i, Σ_i x_ij ≤ S_j, with
 * the lexicographic objective — first the most people served, then the
 * fewest person-km. Solved exactly as two linear programs (HiGHS) per
 * independent cluster of the catchment graph.
 */
import { components, groups } from './components.js';
import { INFINITY, RowBuilder, snap, type Solver } from './linear-program.js';
import type { Neighbours } from './neighbours.js';

export interface Allocation {
  readonly buyer: number;
  readonly provider: number;
  readonly places: number;
  readonly km: number;
}

export interface SharingResult {
  /** x_ij > 0, local (i = j) included, in (buyer, provider) order. */
  readonly allocations: readonly Allocation[];
  /** Unmet demand after cooperation, M*_i. */
  readonly unmet: Float64Array;
  /** Capacity left over, S_j − Σ_i x_ij. */
  readonly spare: Float64Array;
  readonly served: number;
  readonly personKm: number;
  readonly clusters: number;
}

/** Places below this are solver noise (a ten-thousandth of a resident), not an allocation or a residual. */
export const PLACES_EPSILON = 1e-4;

export function shareCapacity(supply: Float64Array, demand: Float64Array, pairs: Neighbours, solver: Solver): SharingResult {
  const n = supply.length;
  // Cluster the bipartite graph of demand i → capacity j within the catchment.
  const edges: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    if (!(demand[i] > 0)) continue;
    for (let e = pairs.start[i]; e < pairs.start[i + 1]; e++) if (supply[pairs.neighbour[e]] > 0) edges.push([i, pairs.neighbour[e]]);
  }
  const label = components(n, edges);
  const unmet = Float64Array.from(demand);
  const spare = Float64Array.from(supply);
  const allocations: Allocation[] = [];
  let clusters = 0;
  for (const members of groups(label)) {
    const vars: { i: number; j: number; km: number }[] = [];
    for (const i of members) {
      if (!(demand[i] > 0)) continue;
      for (let e = pairs.start[i]; e < pairs.start[i + 1]; e++) {
        const j = pairs.neighbour[e];
        if (supply[j] > 0) vars.push({ i, j, km: pairs.km[e] });
      }
    }
    if (vars.length === 0) continue;
    clusters++;
    const solution = solveCluster(vars, supply, demand, solver);
    vars.forEach((v, k) => {
      const x = snap(solution[k]);
      if (!(x > PLACES_EPSILON)) return;
      allocations.push({ buyer: v.i, provider: v.j, places: x, km: v.km });
      unmet[v.i] -= x;
      spare[v.j] -= x;
    });
  }
  for (let i = 0; i < n; i++) {
    if (unmet[i] < PLACES_EPSILON) unmet[i] = 0;
    if (spare[i] < PLACES_EPSILON) spare[i] = 0;
  }
  allocations.sort((a, b) => a.buyer - b.buyer || a.provider - b.provider);
  const served = allocations.reduce((sum, a) => sum + a.places, 0);
  const personKm = allocations.reduce((sum, a) => sum + a.places * a.km, 0);
  return { allocations, unmet, spare, served, personKm, clusters };
}

/** Both stages of the lexicographic LP for one cluster; returns x per variable. */
function solveCluster(vars: readonly { i: number; j: number; km: number }[], supply: Float64Array, demand: Float64Array, solver: Solver): Float64Array {
  const rows = new RowBuilder();
  const byBuyer = new Map<number, number[]>();
  const byProvider = new Map<number, number[]>();
  vars.forEach((v, k) => {
    (byBuyer.get(v.i) ?? byBuyer.set(v.i, []).get(v.i)!).push(k);
    (byProvider.get(v.j) ?? byProvider.set(v.j, []).get(v.j)!).push(k);
  });
  for (const [i, ks] of byBuyer) rows.add(ks, ks.map(() => 1), -INFINITY, demand[i]);
  for (const [j, ks] of byProvider) rows.add(ks, ks.map(() => 1), -INFINITY, supply[j]);
  const count = vars.length;
  // Stage 1: the most people served; stage 2: the fewest person-km among those allocations.
  const { first, second } = solver.lexicographic(
    { numCols: count, colLower: new Float64Array(count), colUpper: new Float64Array(count).fill(INFINITY), ...rows.build(), maximize: true, colCost: new Float64Array(count).fill(1) },
    Float64Array.from(vars, (v) => v.km),
    1e-9,
    { strategy: 'primal' },
  );
  if (first.status !== 'optimal') throw new Error(`capacity sharing: the first-stage LP ended ${first.status}`);
  if (second.status !== 'optimal') throw new Error(`capacity sharing: the second-stage LP ended ${second.status}`);
  return second.values;
}
