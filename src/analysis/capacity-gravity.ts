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
import { shortRegion, type ShortRegion } from './max-flow.js';

export interface CapacityOptions {
  /** Stop when every balanced margin is within this share of its target (default 1e-9). */
  readonly tolerance?: number;
  /** Scaling sweeps per region at most (default 20,000). */
  readonly maxIterations?: number;
  /**
   * The short region of these pairs, demand and places, when already known:
   * it does not depend on the model's β (the sensitivity line reuses it).
   */
  readonly region?: ShortRegion;
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
  /** The short region found (undefined where no capacity binds). */
  readonly region?: ShortRegion;
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

  const region = options.region ?? shortRegion(pairs, demand, capacity);
  const flows = new Float64Array(production.length);
  // Pairs that carry nobody in every maximum flow stay empty.
  const prior = new Float64Array(production.length);
  for (let k = 0; k < prior.length; k++) prior[k] = region.pairDead[k] ? 0 : production[k];
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
    region,
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
  let rowCount = 0;
  let pairCount = 0;
  for (let g = 0; g < originShort.length; g++) {
    if (originShort[g] !== side) continue;
    rowCount++;
    for (let k = pairs.start[g]; k < pairs.start[g + 1]; k++) if (destinationShort[pairs.destination[k]] === side) pairCount++;
  }
  const rows = new Int32Array(rowCount);
  const start = new Int32Array(rowCount + 1);
  const pair = new Int32Array(pairCount);
  const weight = new Float64Array(pairCount);
  const column = new Int32Array(pairCount);
  let r = 0;
  let p = 0;
  for (let g = 0; g < originShort.length; g++) {
    if (originShort[g] !== side) continue;
    for (let k = pairs.start[g]; k < pairs.start[g + 1]; k++) {
      const j = pairs.destination[k];
      if (destinationShort[j] !== side) continue;
      pair[p] = k;
      weight[p] = prior[k];
      column[p++] = j;
    }
    rows[r++] = g;
    start[r] = p;
  }
  return { rows, start, pair, prior: weight, column };
}

/** Factors are kept within these bounds: near-ties push them towards 0 or ∞, where products turn into NaN. */
const SMALLEST = 1e-150;
const LARGEST = 1e150;
const bounded = (value: number): number => Math.min(LARGEST, Math.max(SMALLEST, value));

/**
 * Steps remembered by the Anderson mixing. On the national map plain
 * scaling needs 2,500–5,900 sweeps; mixing over 8 steps 100–550
 * (docs/performance.md).
 */
const MEMORY = 8;
/** A step whose residual is this many times the best one's restarts the mixing. */
const RESTART = 100;
/** Sweeps between two checks of the margins (a check costs about a sweep). */
const CHECK_EVERY = 10;

/**
 * Balancing factors for one region (`side` 1: the short region, 0: the
 * rest), written into `out` for the region's pairs. Outside: rows equal
 * D_i, columns at most S_j (b_j clipped at 1). Inside: columns equal S_j,
 * rows at most D_i (a_i clipped at 1). A sweep is two exact block
 * maximisations of the dual (coordinate ascent), which converges but, on a
 * large map where capacity binds almost everywhere, as slowly as diffusion;
 * Anderson mixing of the last sweeps speeds it up. The last update is the
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
  const updateRows = (): void => {
    for (let r = 0; r < rowCount; r++) {
      if (!(rowSum[r] > 0)) continue;
      let next = bounded(target[r] / rowSum[r]);
      if (side === 1) next = Math.min(1, next);
      a[r] = next;
    }
  };
  const updateColumns = (): void => {
    for (let j = 0; j < capacity.length; j++) {
      if (!inColumns[j] || !(colSum[j] > 0)) continue;
      let next = bounded(capacity[j] / colSum[j]);
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
  // The clipped factors are the unknowns (outside: b per column; inside: a per row); the other
  // factors follow from them exactly. One plain sweep is the fixed-point map G, accelerated by
  // Anderson mixing (Anderson 1965; Walker & Ni 2011) over the last MEMORY steps in the log domain.
  const unknowns = side === 0 ? Int32Array.from({ length: capacity.length }, (_, j) => j).filter((j) => inColumns[j] === 1) : Int32Array.from({ length: rowCount }, (_, r) => r);
  const size = unknowns.length;
  const factor = side === 0 ? b : a;
  const sweep = (): void => {
    if (side === 0) {
      rows();
      updateRows();
      columns();
      updateColumns();
    } else {
      columns();
      updateColumns();
      rows();
      updateRows();
    }
  };
  const read = (into: Float64Array): void => {
    for (let k = 0; k < size; k++) into[k] = Math.log(factor[unknowns[k]]);
  };
  const write = (from: Float64Array): void => {
    for (let k = 0; k < size; k++) factor[unknowns[k]] = Math.exp(Math.min(0, from[k]));
  };
  const x = new Float64Array(size);
  const gx = new Float64Array(size);
  const residual = new Float64Array(size);
  // Ring buffers of the last steps' G(x) and residuals.
  const pastG = Array.from({ length: MEMORY }, () => new Float64Array(size));
  const pastR = Array.from({ length: MEMORY }, () => new Float64Array(size));
  const differences = new Float64Array(MEMORY * size);
  let stored = 0;
  let newest = -1;
  read(x);
  let iterations = 0;
  let converged = false;
  let bestNorm = Infinity;
  while (iterations < maxIterations) {
    iterations++;
    write(x);
    sweep();
    read(gx);
    let norm = 0;
    for (let k = 0; k < size; k++) {
      residual[k] = gx[k] - x[k];
      norm += residual[k] * residual[k];
    }
    if (iterations % CHECK_EVERY === 0 && violation() <= tolerance) {
      converged = true;
      break;
    }
    if (!(norm <= RESTART * bestNorm)) stored = 0;
    bestNorm = Math.min(bestNorm, norm);
    newest = (newest + 1) % MEMORY;
    pastG[newest].set(gx);
    pastR[newest].set(residual);
    stored = Math.min(MEMORY, stored + 1);
    x.set(gx);
    if (stored >= 2) andersonStep(x, pastG, pastR, newest, stored, residual, differences);
  }
  if (!converged) {
    write(x);
    sweep();
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

/**
 * Anderson mixing (type II): x ← G(x_k) − ΔG·θ with θ minimising
 * ‖r_k − ΔR·θ‖, ΔR and ΔG the differences of the last residuals and G
 * values; solved by the normal equations with a small ridge.
 */
function andersonStep(x: Float64Array, pastG: readonly Float64Array[], pastR: readonly Float64Array[], newest: number, stored: number, residual: Float64Array, dr: Float64Array): void {
  const memory = pastG.length;
  const m = stored - 1;
  const size = x.length;
  // Differences of consecutive residuals, oldest first, as rows of `dr` (a buffer of memory × size).
  for (let c = 0; c < m; c++) {
    const older = pastR[(newest - stored + 1 + c + memory) % memory];
    const newer = pastR[(newest - stored + 2 + c + memory) % memory];
    const row = c * size;
    for (let k = 0; k < size; k++) dr[row + k] = newer[k] - older[k];
  }
  const gram = new Float64Array(m * m);
  const right = new Float64Array(m);
  for (let c = 0; c < m; c++) {
    const rowC = c * size;
    for (let d = c; d < m; d++) {
      const rowD = d * size;
      let sum = 0;
      for (let k = 0; k < size; k++) sum += dr[rowC + k] * dr[rowD + k];
      gram[c * m + d] = gram[d * m + c] = sum;
    }
    let sum = 0;
    for (let k = 0; k < size; k++) sum += dr[rowC + k] * residual[k];
    right[c] = sum;
  }
  let trace = 0;
  for (let c = 0; c < m; c++) trace += gram[c * m + c];
  for (let c = 0; c < m; c++) gram[c * m + c] += 1e-10 * trace + 1e-300;
  const theta = solveSymmetric(gram, right, m);
  if (!theta) return;
  for (let c = 0; c < m; c++) {
    const older = pastG[(newest - stored + 1 + c + memory) % memory];
    const newer = pastG[(newest - stored + 2 + c + memory) % memory];
    const weight = theta[c];
    for (let k = 0; k < size; k++) {
      const next = x[k] - weight * (newer[k] - older[k]);
      if (Number.isFinite(next)) x[k] = next;
    }
  }
}

/** Solves the m×m symmetric positive definite system by Cholesky; undefined if it is not. */
function solveSymmetric(matrix: Float64Array, right: Float64Array, m: number): Float64Array | undefined {
  const l = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = matrix[i * m + j];
      for (let k = 0; k < j; k++) sum -= l[i * m + k] * l[j * m + k];
      if (i === j) {
        if (!(sum > 0)) return undefined;
        l[i * m + i] = Math.sqrt(sum);
      } else l[i * m + j] = sum / l[j * m + j];
    }
  }
  const y = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let sum = right[i];
    for (let k = 0; k < i; k++) sum -= l[i * m + k] * y[k];
    y[i] = sum / l[i * m + i];
  }
  for (let i = m - 1; i >= 0; i--) {
    let sum = y[i];
    for (let k = i + 1; k < m; k++) sum -= l[k * m + i] * y[k];
    y[i] = sum / l[i * m + i];
  }
  return y;
}
