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
import { maximumFlow, shortRegion, type ShortRegion } from '../../engines/max-flow.js';

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
  const finished = maximumFlow(pairs, demand, capacity, flows);
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
 * Differences of steps remembered by the Anderson mixing. On the national
 * map plain scaling needs 2,500–5,900 sweeps; mixing over the last steps
 * 100–250 (docs/performance.md).
 */
const MEMORY = 12;
/** A step whose residual is this many times the best one's restarts the mixing. */
const RESTART = 100;

/**
 * Balancing factors for one region (`side` 1: the short region, 0: the
 * rest), written into `out` for the region's pairs. Outside: rows equal
 * D_i, columns at most S_j (b_j clipped at 1). Inside: columns equal S_j,
 * rows at most D_i (a_i clipped at 1). A sweep is two exact block
 * maximisations of the dual (coordinate ascent): a from b, row by row,
 * summing each column's Σ_i a_i P_ij on the way, then b from those sums.
 * It converges but, on a large map where capacity binds almost everywhere,
 * as slowly as diffusion; Anderson mixing of the last sweeps speeds it up.
 * The margins are checked on every sweep at no extra cost: rows hold by
 * construction, columns are compared with their bound before b is updated.
 * Rounding is finally trimmed so that neither bound is exceeded.
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
  const colSum = new Float64Array(capacity.length);
  const inColumns = new Uint8Array(capacity.length);
  for (let p = 0; p < region.column.length; p++) inColumns[region.column[p]] = 1;
  const { start, prior: weight, column } = region;
  // a from b (clipped at 1 inside) and the column sums Σ_i a_i P_ij; returns the rows' violation.
  const rowsAndColumns = (): number => {
    colSum.fill(0);
    let worst = 0;
    let p = 0;
    for (let r = 0; r < rowCount; r++) {
      const end = start[r + 1];
      let sum = 0;
      for (let q = p; q < end; q++) sum += weight[q] * b[column[q]];
      let factor = a[r];
      if (sum > 0) {
        factor = bounded(target[r] / sum);
        if (side === 1) factor = Math.min(1, factor);
        a[r] = factor;
        const shortfall = (target[r] - factor * sum) / target[r];
        if (side === 0 || factor < 1) worst = Math.max(worst, Math.abs(shortfall));
        else if (shortfall < 0) worst = Math.max(worst, -shortfall);
      }
      for (; p < end; p++) colSum[column[p]] += factor * weight[p];
    }
    return worst;
  };
  // The unknowns are ln b_j of the region's columns; one sweep is the fixed-point map G, accelerated
  // by Anderson mixing (Anderson 1965; Walker & Ni 2011) over the last MEMORY steps.
  const unknowns = Int32Array.from({ length: capacity.length }, (_, j) => j).filter((j) => inColumns[j] === 1);
  const size = unknowns.length;
  // The columns' violation of the optimality conditions at the current b, and G(x) into `gx`.
  const columnsStep = (gx: Float64Array): number => {
    let worst = 0;
    for (let k = 0; k < size; k++) {
      const j = unknowns[k];
      if (!(colSum[j] > 0)) {
        gx[k] = Math.log(b[j]);
        continue;
      }
      const shortfall = (capacity[j] - b[j] * colSum[j]) / capacity[j];
      if (side === 1 || b[j] < 1) worst = Math.max(worst, Math.abs(shortfall));
      else if (shortfall < 0) worst = Math.max(worst, -shortfall);
      let next = bounded(capacity[j] / colSum[j]);
      if (side === 0) next = Math.min(1, next);
      gx[k] = Math.log(next);
    }
    return worst;
  };
  const write = (from: Float64Array): void => {
    for (let k = 0; k < size; k++) b[unknowns[k]] = side === 0 ? Math.exp(Math.min(0, from[k])) : bounded(Math.exp(from[k]));
  };
  const x = new Float64Array(size);
  const gx = new Float64Array(size);
  const mixing = new AndersonMixing(size, MEMORY);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    write(x);
    const rowViolation = rowsAndColumns();
    if (Math.max(rowViolation, columnsStep(gx)) <= tolerance) {
      converged = true;
      break;
    }
    mixing.step(x, gx);
  }
  if (!converged) {
    write(x);
    rowsAndColumns();
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
 * Anderson mixing (type II; Walker & Ni 2011): x ← G(x_k) − ΔG·θ with θ
 * minimising ‖r_k − ΔR·θ‖, r = G(x) − x, ΔR and ΔG the differences of the
 * last residuals and G values; solved by the normal equations with a small
 * ridge. The Gram matrix of ΔR is kept up to date one difference at a
 * time. A residual `RESTART` times the best one's forgets the history.
 */
class AndersonMixing {
  private readonly dr: Float64Array[];
  private readonly dg: Float64Array[];
  private readonly gram: Float64Array;
  private readonly lastR: Float64Array;
  private readonly lastG: Float64Array;
  private readonly residual: Float64Array;
  private stored = 0;
  private newest = -1;
  private hasLast = false;
  private bestNorm = Infinity;

  constructor(
    private readonly size: number,
    private readonly memory: number,
  ) {
    this.dr = Array.from({ length: memory }, () => new Float64Array(size));
    this.dg = Array.from({ length: memory }, () => new Float64Array(size));
    this.gram = new Float64Array(memory * memory);
    this.lastR = new Float64Array(size);
    this.lastG = new Float64Array(size);
    this.residual = new Float64Array(size);
  }

  /** The next x from x and G(x) (`x` is overwritten). */
  step(x: Float64Array, gx: Float64Array): void {
    const { size, memory, residual, lastR, lastG } = this;
    let norm = 0;
    for (let k = 0; k < size; k++) {
      residual[k] = gx[k] - x[k];
      norm += residual[k] * residual[k];
    }
    if (!(norm <= RESTART * this.bestNorm)) {
      this.stored = 0;
      this.newest = -1;
      this.hasLast = false;
    }
    this.bestNorm = Math.min(this.bestNorm, norm);
    if (this.hasLast) {
      const slot = (this.newest = (this.newest + 1) % memory);
      const dr = this.dr[slot];
      const dg = this.dg[slot];
      for (let k = 0; k < size; k++) {
        dr[k] = residual[k] - lastR[k];
        dg[k] = gx[k] - lastG[k];
      }
      this.stored = Math.min(memory, this.stored + 1);
      for (let c = 0; c < this.stored; c++) {
        const other = this.dr[c];
        let sum = 0;
        for (let k = 0; k < size; k++) sum += dr[k] * other[k];
        this.gram[slot * memory + c] = this.gram[c * memory + slot] = sum;
      }
    }
    lastR.set(residual);
    lastG.set(gx);
    this.hasLast = true;
    x.set(gx);
    if (this.stored > 0) this.mix(x);
  }

  private mix(x: Float64Array): void {
    const { size, memory, residual } = this;
    const m = this.stored;
    const gram = new Float64Array(m * m);
    const right = new Float64Array(m);
    let trace = 0;
    for (let c = 0; c < m; c++) {
      for (let d = 0; d < m; d++) gram[c * m + d] = this.gram[c * memory + d];
      trace += gram[c * m + c];
      const dr = this.dr[c];
      let sum = 0;
      for (let k = 0; k < size; k++) sum += dr[k] * residual[k];
      right[c] = sum;
    }
    for (let c = 0; c < m; c++) gram[c * m + c] += 1e-10 * trace + 1e-300;
    const theta = solveSymmetric(gram, right, m);
    if (!theta) return;
    for (let c = 0; c < m; c++) {
      const dg = this.dg[c];
      const weight = theta[c];
      for (let k = 0; k < size; k++) {
        const next = x[k] - weight * dg[k];
        if (Number.isFinite(next)) x[k] = next;
      }
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
