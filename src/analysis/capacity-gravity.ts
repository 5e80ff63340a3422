/**
 * Capacity-aware gravity estimate (METHODS.md §4; docs/methods.md): the
 * production-constrained flows P_ij = D_i·W_j^α f(d_ij) / Σ_k W_k^α f(d_ik)
 * corrected so that no destination receives more than its places S_j and
 * no origin sends more than its residents in need D_i.
 *
 * Among the allocations T that place as many residents as possible within
 * reach (a maximum flow), T is the one closest to P in information
 * (minimum Σ T_ij ln(T_ij/P_ij) − T_ij + P_ij): the doubly-constrained
 * gravity model with inequality constraints (Wilson 1970; Fotheringham &
 * O'Kelly 1989, ch. 2), solved by balancing factors clipped at their bound —
 * Sinkhorn-type scaling of entropy-regularised partial transport. Its
 * optimality conditions give T_ij = a_i·P_ij·b_j and split the map in two
 * (max-flow.ts):
 *
 * - outside the short region every origin is fully placed (Σ_j T_ij = D_i)
 *   and b_j ≤ 1, with b_j < 1 only where the destination is full;
 * - inside it every destination is full (Σ_i T_ij = S_j), a_i ≤ 1, with
 *   a_i < 1 only where the origin is fully placed: a full destination
 *   admits the same share b_j of everyone the model would send it, and
 *   origins outside the region send nobody there.
 *
 * Where no capacity binds, P itself satisfies both bounds and is returned
 * unchanged.
 */
import type { GravityPairs } from './gravity.js';
import { shortRegion } from './max-flow.js';

export interface CapacityOptions {
  /** Stop when every balanced margin is within this share of its target (default 1e-9). */
  readonly tolerance?: number;
  /** Scaling sweeps per region at most (default 20,000). */
  readonly maxIterations?: number;
}

export interface CapacityEstimate {
  /** T per pair of `pairs`. */
  readonly flows: Float64Array;
  /** Capacity bound somewhere: the estimate differs from the production-constrained one. */
  readonly capacityBinds: boolean;
  /** Origins (groups) in the short region: they may keep residents without a place. */
  readonly shortOrigins: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/**
 * T for `pairs` from the production-constrained flows `production` (P, row sums
 * `demand[g]`) and places `capacity[j]` by municipality.
 */
export function capacityAwareFlows(pairs: GravityPairs, production: Float64Array, demand: Float64Array, capacity: Float64Array, options: CapacityOptions = {}): CapacityEstimate {
  const tolerance = options.tolerance ?? 1e-9;
  const maxIterations = options.maxIterations ?? 20_000;
  const inflow = columnSums(pairs, production, capacity.length);
  let binds = false;
  for (let j = 0; j < capacity.length && !binds; j++) if (inflow[j] > capacity[j] * (1 + 1e-12)) binds = true;
  if (!binds) return { flows: production, capacityBinds: false, shortOrigins: 0, iterations: 0, converged: true };

  const region = shortRegion(pairs, demand, capacity);
  const flows = new Float64Array(production.length);
  // Pairs that carry nobody in every maximum flow stay empty.
  const prior = Float64Array.from(production, (value, k) => (region.pairDead[k] ? 0 : value));
  let shortOrigins = 0;
  for (let g = 0; g < demand.length; g++) shortOrigins += region.originShort[g];
  // Pairs from outside the region into it carry nothing; the rest is balanced per region.
  const outside = balance(pairs, prior, demand, capacity, region.originShort, region.destinationShort, 0, tolerance, maxIterations, flows);
  const inside = balance(pairs, prior, demand, capacity, region.originShort, region.destinationShort, 1, tolerance, maxIterations, flows);
  // Scaling approaches the margins; augmenting paths from its result close
  // what is left (within the tolerance, or more where near-ties of demand
  // and places make scaling slow), so the flows are a maximum flow exactly.
  const finished = shortRegion(pairs, demand, capacity, flows).flows;
  return {
    flows: finished,
    capacityBinds: true,
    shortOrigins,
    iterations: Math.max(outside.iterations, inside.iterations),
    converged: outside.converged && inside.converged,
  };
}

function columnSums(pairs: GravityPairs, flows: Float64Array, columns: number): Float64Array {
  const sums = new Float64Array(columns);
  for (let k = 0; k < flows.length; k++) sums[pairs.destination[k]] += flows[k];
  return sums;
}

/** The pairs of one region as flat lists: rows, and per pair its prior and column. */
interface Region {
  readonly rows: Int32Array;
  /** Pairs of row r: `start[r] … start[r+1]-1` in `pair`, `prior`, `column`. */
  readonly start: Int32Array;
  readonly pair: Int32Array;
  readonly prior: Float64Array;
  readonly column: Int32Array;
}

function regionOf(pairs: GravityPairs, prior: Float64Array, originShort: Uint8Array, destinationShort: Uint8Array, side: 0 | 1): Region {
  const rows: number[] = [];
  const start: number[] = [0];
  const pair: number[] = [];
  for (let g = 0; g < originShort.length; g++) {
    if (originShort[g] !== side) continue;
    for (let k = pairs.start[g]; k < pairs.start[g + 1]; k++) if (destinationShort[pairs.destination[k]] === side) pair.push(k);
    rows.push(g);
    start.push(pair.length);
  }
  const pairIndex = Int32Array.from(pair);
  return {
    rows: Int32Array.from(rows),
    start: Int32Array.from(start),
    pair: pairIndex,
    prior: Float64Array.from(pairIndex, (k) => prior[k]),
    column: Int32Array.from(pairIndex, (k) => pairs.destination[k]),
  };
}

/**
 * Over-relaxation of each scaling step in the log domain (Thibault, Chizat,
 * Dossal & Papadakis 2021; Lehmann, von Renesse, Sambale & Uschmajew 2022):
 * 1 is plain scaling. On the national map it cuts the sweeps from about
 * 2,500–5,900 to 190–240 (docs/performance.md); halved whenever the margins
 * stop improving.
 */
const RELAXATION = 1.9;
/** Factors are kept within these bounds: near-ties push them towards 0 or ∞, where products turn into NaN. */
const SMALLEST = 1e-150;
const LARGEST = 1e150;

/** The step from `current` towards the exact block solution `exact`, over-relaxed by ω in the log domain. */
function relaxed(current: number, exact: number, omega: number): number {
  const plain = Math.min(LARGEST, Math.max(SMALLEST, exact));
  if (omega === 1) return plain;
  const next = Math.pow(current, 1 - omega) * Math.pow(plain, omega);
  return next > SMALLEST && next < LARGEST ? next : plain;
}

/** Margins this many times worse than the best seen mean the over-relaxation diverges. */
const DIVERGING = 10;
/** Sweeps between two checks of the margins (a check costs about a sweep). */
const CHECK_EVERY = 10;

/**
 * Balancing factors for one region (`side` 1: the short region, 0: the
 * rest), written into `out` for the region's pairs. Outside: rows equal
 * D_i, columns at most S_j (b_j clipped at 1). Inside: columns equal S_j,
 * rows at most D_i (a_i clipped at 1). Each step is an exact block
 * maximisation of the dual (coordinate ascent), taken over-relaxed in the
 * log domain and clipped at the bound, which speeds up the slow,
 * diffusion-like convergence of plain scaling on large maps; a step that
 * does not improve the margins is retaken plain. The last update is the
 * one that enforces the hard bound, and rounding is finally trimmed so that
 * neither bound is exceeded.
 */
function balance(
  pairs: GravityPairs,
  prior: Float64Array,
  demand: Float64Array,
  capacity: Float64Array,
  originShort: Uint8Array,
  destinationShort: Uint8Array,
  side: 0 | 1,
  tolerance: number,
  maxIterations: number,
  out: Float64Array,
): { iterations: number; converged: boolean } {
  const region = regionOf(pairs, prior, originShort, destinationShort, side);
  const rowCount = region.rows.length;
  if (rowCount === 0) return { iterations: 0, converged: true };
  const target = Float64Array.from(region.rows, (g) => demand[g]);
  const a = new Float64Array(rowCount).fill(1);
  const b = new Float64Array(capacity.length).fill(1);
  const rowSum = new Float64Array(rowCount);
  const colSum = new Float64Array(capacity.length);
  const inColumns = new Uint8Array(capacity.length);
  for (let p = 0; p < region.column.length; p++) inColumns[region.column[p]] = 1;
  const { start, prior: weight, column } = region;
  const rows = (): void => {
    let p = start[0];
    for (let r = 0; r < rowCount; r++) {
      const end = start[r + 1];
      let sum = 0;
      for (; p < end; p++) sum += weight[p] * b[column[p]];
      rowSum[r] = sum;
    }
  };
  const columns = (): void => {
    colSum.fill(0);
    let p = start[0];
    for (let r = 0; r < rowCount; r++) {
      const end = start[r + 1];
      const factor = a[r];
      for (; p < end; p++) colSum[column[p]] += factor * weight[p];
    }
  };
  const updateRows = (omega: number): void => {
    for (let r = 0; r < rowCount; r++) {
      if (!(rowSum[r] > 0)) continue;
      let next = relaxed(a[r], target[r] / rowSum[r], omega);
      if (side === 1) next = Math.min(1, next);
      a[r] = next;
    }
  };
  const updateColumns = (omega: number): void => {
    for (let j = 0; j < capacity.length; j++) {
      if (!inColumns[j] || !(colSum[j] > 0)) continue;
      let next = relaxed(b[j], capacity[j] / colSum[j], omega);
      if (side === 0) next = Math.min(1, next);
      b[j] = next;
    }
  };
  // The violation of the optimality conditions after a sweep (see `gap`).
  const violation = (): number => {
    rows();
    let worst = 0;
    for (let r = 0; r < rowCount; r++) {
      const shortfall = (target[r] - a[r] * rowSum[r]) / target[r];
      if (side === 0 || a[r] < 1) worst = Math.max(worst, Math.abs(shortfall));
      else if (shortfall < 0) worst = Math.max(worst, -shortfall);
    }
    columns();
    for (let j = 0; j < capacity.length; j++) {
      if (!inColumns[j] || !(capacity[j] > 0)) continue;
      const shortfall = (capacity[j] - b[j] * colSum[j]) / capacity[j];
      if (side === 1 || b[j] < 1) worst = Math.max(worst, Math.abs(shortfall));
      else if (shortfall < 0) worst = Math.max(worst, -shortfall);
    }
    return worst;
  };
  let iterations = 0;
  let converged = false;
  let omega = RELAXATION;
  let best = Infinity;
  // Outside: end on columns (the hard bound S_j); inside: end on rows (D_i).
  while (iterations < maxIterations) {
    iterations++;
    if (side === 0) {
      rows();
      updateRows(omega);
      columns();
      updateColumns(omega);
    } else {
      columns();
      updateColumns(omega);
      rows();
      updateRows(omega);
    }
    if (iterations % CHECK_EVERY !== 0) continue;
    const now = violation();
    if (now <= tolerance) {
      converged = true;
      break;
    }
    // Over-relaxed margins need not improve at every check, but must not run away: if they do, relax less.
    if (now > DIVERGING * best) {
      omega = 1 + (omega - 1) / 2;
      best = now;
    } else best = Math.min(best, now);
  }
  {
    // Finish with a plain sweep so that the last step enforces the hard bound.
    if (side === 0) {
      rows();
      updateRows(1);
      columns();
      updateColumns(1);
    } else {
      columns();
      updateColumns(1);
      rows();
      updateRows(1);
    }
  }
  for (let r = 0; r < rowCount; r++) for (let p = region.start[r]; p < region.start[r + 1]; p++) out[region.pair[p]] = a[r] * region.prior[p] * b[region.column[p]];
  trim(pairs, demand, capacity, originShort, side, out);
  return { iterations, converged };
}

/** Scale down any row above D_i or column above S_j (rounding only) so both bounds hold exactly. */
function trim(pairs: GravityPairs, demand: Float64Array, capacity: Float64Array, originShort: Uint8Array, side: 0 | 1, out: Float64Array): void {
  const colSum = new Float64Array(capacity.length);
  for (let g = 0; g < demand.length; g++) {
    if (originShort[g] !== side) continue;
    let sum = 0;
    for (let k = pairs.start[g]; k < pairs.start[g + 1]; k++) sum += out[k];
    if (sum > demand[g]) for (let k = pairs.start[g]; k < pairs.start[g + 1]; k++) out[k] *= demand[g] / sum;
    for (let k = pairs.start[g]; k < pairs.start[g + 1]; k++) colSum[pairs.destination[k]] += out[k];
  }
  for (let g = 0; g < demand.length; g++) {
    if (originShort[g] !== side) continue;
    for (let k = pairs.start[g]; k < pairs.start[g + 1]; k++) {
      const j = pairs.destination[k];
      if (colSum[j] > capacity[j]) out[k] *= capacity[j] / colSum[j];
    }
  }
}
