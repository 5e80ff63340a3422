/**
 * What the dual simplex of dual-simplex.ts keeps of a program: the rows
 * (CSR, and by column for B⁻¹·a_j), per variable its bounds, cost, cost
 * shift, value and reduced cost, and the kept basis with its dense B⁻¹;
 * with the operations the other layers share — the arrays grown, x_B and
 * the reduced costs computed afresh from B⁻¹, a nonbasic variable moved —
 * and the tolerances and position codes they all use.
 *
 * First layer of the solver (then simplex-basis.ts, simplex-pricing.ts,
 * dual-simplex.ts, each class extending the one before), so that the pivot
 * loops of every layer read the fields of one object directly.
 */
import type { LinearProgram } from './linear-program.js';

/** Bounds at or beyond this magnitude are infinite (INFINITY of linear-program.ts). */
const INFINITE_BOUND = 1e30;
/** A basic value this far outside its bound is infeasible. */
export const PRIMAL_TOLERANCE = 1e-9;
/** A reduced cost this far on the wrong side is dual infeasible (our costs: km ~1–20, places 4e4, facilities 1e6). */
export const DUAL_TOLERANCE = 1e-9;
/** Pivot elements smaller than this are never chosen. */
export const PIVOT_TOLERANCE = 1e-9;

/** Position of a nonbasic variable. */
export const NONBASIC = -1;
/** Position of the logical of a row outside the kept basis (free row): basic. */
export const IMPLICIT = -2;

/** A bound of the program, ±Infinity where it is infinite. */
export const finite = (bound: number): number => (bound >= INFINITE_BOUND ? Infinity : bound <= -INFINITE_BOUND ? -Infinity : bound);

/** What the simplex keeps of a program (see the fields), and the values and reduced costs that follow from the basis. */
export abstract class SimplexState {
  readonly numCols: number;
  /** 1 to minimise, −1 to maximise (costs are kept negated). */
  protected readonly sense: number;
  protected readonly originalCost: Float64Array;
  protected rows = 0;
  // The rows (CSR) and the same entries by column (CSC, rebuilt when rows are added).
  protected rowStart: Int32Array;
  protected rowIndex: Int32Array;
  protected rowValue: Float64Array;
  protected colStart = new Int32Array(0);
  protected colIndex = new Int32Array(0);
  protected colValue = new Float64Array(0);
  // Per variable: columns 0 … n−1, then the logical of row i at n + i.
  protected cost = new Float64Array(0);
  protected shift = new Float64Array(0);
  protected shifted: number[] = [];
  protected lower = new Float64Array(0);
  protected upper = new Float64Array(0);
  /** Values of nonbasic variables (basic ones are in `primal`). */
  protected value = new Float64Array(0);
  protected reduced = new Float64Array(0);
  /** Basic position, NONBASIC or IMPLICIT. */
  protected position = new Int32Array(0);
  // The kept basis: `size` active rows (slot → row), `size` basic variables (position → variable), B⁻¹ row-major by position × slot.
  protected capacity = 0;
  protected size = 0;
  protected activeRow = new Int32Array(0);
  protected slotOf = new Int32Array(0);
  protected basic = new Int32Array(0);
  protected inverse = new Float64Array(0);
  protected primal = new Float64Array(0);
  protected weight = new Float64Array(0);
  /**
   * Per slot c, 1 when column c of B⁻¹ is exactly −e at the position of its
   * row's logical, exact zeros elsewhere: so from a rebuild, the slack basis
   * or the row's activation until that logical leaves (an update changes
   * column c only where the pivot row has a nonzero there). An entry of a_j
   * on such a slot is then one term of B⁻¹a_j, not a pass over B⁻¹: 43–59 %
   * of the entries of the entering columns on our workloads (measured).
   */
  protected unitColumn = new Int32Array(0);
  protected updates = 0;
  // Work arrays.
  protected alpha = new Float64Array(0);
  protected stamp = new Int32Array(0);
  protected stampNow = 0;
  protected touched = new Int32Array(0);
  protected touchedCount = 0;
  protected candidates = new Int32Array(0);
  protected candidateRatio = new Float64Array(0);
  protected column = new Float64Array(0);
  /** The positions where `column` is nonzero (`columnNonzeros` of them, a few perhaps zero), from `pivotColumn`. */
  protected columnPattern = new Int32Array(0);
  protected columnNonzeros = 0;
  // A column of A over the active rows (slot, scaled entry), all `entryCount` then those on slots not unit, from `gather`.
  protected entrySlot = new Int32Array(0);
  protected entryValue = new Float64Array(0);
  protected entryCount = 0;
  protected denseSlot = new Int32Array(0);
  protected denseValue = new Float64Array(0);
  private entryResult = new Float64Array(0);
  protected pattern = new Int32Array(0);
  protected scratch = new Float64Array(0);

  constructor(program: LinearProgram) {
    this.numCols = program.numCols;
    this.sense = program.maximize ? -1 : 1;
    this.originalCost = Float64Array.from(program.colCost);
    this.rowStart = Int32Array.from(program.starts.subarray(0, program.numRows + 1));
    if (this.rowStart.length === 0) this.rowStart = new Int32Array(1);
    const entries = this.rowStart[program.numRows] ?? 0;
    this.rowIndex = Int32Array.from(program.indices.subarray(0, entries));
    this.rowValue = Float64Array.from(program.values.subarray(0, entries));
    this.growVariables(program.numRows);
    const n = this.numCols;
    for (let j = 0; j < n; j++) {
      this.cost[j] = this.sense * program.colCost[j];
      this.lower[j] = finite(program.colLower[j]);
      this.upper[j] = finite(program.colUpper[j]);
    }
    for (let i = 0; i < program.numRows; i++) {
      this.lower[n + i] = finite(program.rowLower[i]);
      this.upper[n + i] = finite(program.rowUpper[i]);
    }
    this.rows = program.numRows;
    this.buildColumns();
  }

  // ——— Storage ———

  /** Per-variable arrays for `rows` rows (existing entries kept). */
  protected growVariables(rows: number): void {
    const total = this.numCols + rows;
    const grow = <T extends Float64Array | Int32Array>(array: T, make: (length: number) => T): T => {
      const next = make(total);
      next.set(array.subarray(0, Math.min(array.length, total)));
      return next;
    };
    const float = (length: number) => new Float64Array(length);
    const int = (length: number) => new Int32Array(length);
    this.cost = grow(this.cost, float);
    this.shift = grow(this.shift, float);
    this.lower = grow(this.lower, float);
    this.upper = grow(this.upper, float);
    this.value = grow(this.value, float);
    this.reduced = grow(this.reduced, float);
    this.position = grow(this.position, int);
    this.slotOf = grow(this.slotOf, int);
    for (let i = this.rows; i < rows; i++) this.slotOf[i] = -1;
    this.alpha = new Float64Array(total);
    this.stamp = new Int32Array(total);
    this.stampNow = 0;
    this.touched = new Int32Array(total);
    this.candidates = new Int32Array(total);
    this.candidateRatio = new Float64Array(total);
    this.entrySlot = new Int32Array(rows);
    this.entryValue = new Float64Array(rows);
    this.denseSlot = new Int32Array(rows);
    this.denseValue = new Float64Array(rows);
    this.entryResult = new Float64Array(rows);
    this.scratch = new Float64Array(Math.max(total, this.capacity));
  }

  /** The entries by column, from the rows. */
  protected buildColumns(): void {
    const n = this.numCols;
    const entries = this.rowStart[this.rows];
    const colStart = new Int32Array(n + 1);
    for (let k = 0; k < entries; k++) colStart[this.rowIndex[k] + 1]++;
    for (let j = 0; j < n; j++) colStart[j + 1] += colStart[j];
    const next = colStart.slice(0, n);
    const colIndex = new Int32Array(entries);
    const colValue = new Float64Array(entries);
    for (let i = 0; i < this.rows; i++) {
      for (let k = this.rowStart[i]; k < this.rowStart[i + 1]; k++) {
        const at = next[this.rowIndex[k]]++;
        colIndex[at] = i;
        colValue[at] = this.rowValue[k];
      }
    }
    this.colStart = colStart;
    this.colIndex = colIndex;
    this.colValue = colValue;
  }

  /** B⁻¹ and the basis arrays for `needed` active rows. */
  protected ensureCapacity(needed: number): void {
    if (needed <= this.capacity) return;
    const capacity = Math.max(16, needed, 2 * this.capacity);
    const inverse = new Float64Array(capacity * capacity);
    for (let p = 0; p < this.size; p++) inverse.set(this.inverse.subarray(p * this.capacity, p * this.capacity + this.size), p * capacity);
    const grow = <T extends Float64Array | Int32Array>(array: T, next: T): T => {
      next.set(array.subarray(0, this.size));
      return next;
    };
    this.inverse = inverse;
    this.activeRow = grow(this.activeRow, new Int32Array(capacity));
    this.basic = grow(this.basic, new Int32Array(capacity));
    this.primal = grow(this.primal, new Float64Array(capacity));
    this.weight = grow(this.weight, new Float64Array(capacity));
    this.unitColumn = grow(this.unitColumn, new Int32Array(capacity));
    this.column = new Float64Array(capacity);
    this.columnPattern = new Int32Array(capacity);
    this.pattern = new Int32Array(capacity);
    if (this.scratch.length < capacity) this.scratch = new Float64Array(capacity);
    this.capacity = capacity;
  }

  // ——— Values and reduced costs ———

  /** x_B = B⁻¹·(−N·x_N) over the active rows, over the slots where −N·x_N is nonzero (most are: our bounds are mostly 0). */
  protected computePrimal(): void {
    const n = this.numCols;
    const K = this.capacity;
    const rhs = this.scratch;
    const nonzero = this.pattern;
    let count = 0;
    for (let c = 0; c < this.size; c++) {
      const i = this.activeRow[c];
      let sum = this.position[n + i] === NONBASIC ? this.value[n + i] : 0;
      for (let k = this.rowStart[i]; k < this.rowStart[i + 1]; k++) {
        const j = this.rowIndex[k];
        if (this.position[j] === NONBASIC) sum -= this.rowValue[k] * this.value[j];
      }
      rhs[c] = sum;
      if (sum !== 0) nonzero[count++] = c;
    }
    for (let p = 0; p < this.size; p++) {
      const row = p * K;
      let sum = 0;
      for (let k = 0; k < count; k++) sum += this.inverse[row + nonzero[k]] * rhs[nonzero[k]];
      this.primal[p] = sum;
    }
  }

  /** y = c_B·B⁻¹ and d = c − y·A (shifted costs), over the active rows. */
  protected computeDual(): void {
    const n = this.numCols;
    const K = this.capacity;
    const y = this.scratch;
    y.fill(0, 0, this.size);
    for (let p = 0; p < this.size; p++) {
      const v = this.basic[p];
      const c = this.cost[v] + this.shift[v];
      if (c === 0) continue;
      for (let s = 0; s < this.size; s++) y[s] += c * this.inverse[p * K + s];
    }
    for (let j = 0; j < n; j++) this.reduced[j] = this.position[j] === NONBASIC ? this.cost[j] + this.shift[j] : 0;
    for (let i = 0; i < this.rows; i++) this.reduced[n + i] = 0;
    for (let c = 0; c < this.size; c++) {
      const i = this.activeRow[c];
      const yc = y[c];
      if (this.position[n + i] === NONBASIC) this.reduced[n + i] = this.cost[n + i] + this.shift[n + i] + yc;
      if (yc === 0) continue;
      for (let k = this.rowStart[i]; k < this.rowStart[i + 1]; k++) {
        const j = this.rowIndex[k];
        if (this.position[j] === NONBASIC) this.reduced[j] -= yc * this.rowValue[k];
      }
    }
  }

  /** Column values into `values` (basic from x_B). */
  protected columnValues(values: Float64Array): Float64Array {
    for (let j = 0; j < this.numCols; j++) values[j] = this.position[j] >= 0 ? this.primal[this.position[j]] : this.value[j];
    return values;
  }

  /**
   * The duals of the current basis, in HiGHS's signs (∂objective/∂bound):
   * row i's is y_i = (c_B·B⁻¹) at its slot (zero for a row outside the kept
   * basis: its logical is basic), column j's its reduced cost c_j − y·a_j
   * (zero when basic). Computed afresh from B⁻¹, for the optimum's prices.
   */
  rowAndColumnDuals(): { rowDual: Float64Array; colDual: Float64Array } {
    const n = this.numCols;
    const K = this.capacity;
    const y = new Float64Array(this.size);
    for (let p = 0; p < this.size; p++) {
      const c = this.cost[this.basic[p]];
      if (c === 0) continue;
      for (let s = 0; s < this.size; s++) y[s] += c * this.inverse[p * K + s];
    }
    const rowDual = new Float64Array(this.rows);
    const colDual = new Float64Array(n);
    for (let j = 0; j < n; j++) colDual[j] = this.position[j] >= 0 ? 0 : this.cost[j];
    for (let c = 0; c < this.size; c++) {
      const i = this.activeRow[c];
      rowDual[i] = y[c];
      if (y[c] === 0) continue;
      for (let k = this.rowStart[i]; k < this.rowStart[i + 1]; k++) if (this.position[this.rowIndex[k]] < 0 && this.rowIndex[k] < n) colDual[this.rowIndex[k]] -= y[c] * this.rowValue[k];
    }
    // Kept negated when maximising: back to the program's own sense.
    for (let i = 0; i < this.rows; i++) rowDual[i] *= this.sense;
    for (let j = 0; j < n; j++) colDual[j] *= this.sense;
    return { rowDual, colDual };
  }

  protected worstInfeasibility(): number {
    let worst = 0;
    for (let p = 0; p < this.size; p++) {
      const v = this.basic[p];
      const x = this.primal[p];
      const excess = Math.max(this.lower[v] - x, x - this.upper[v]) / Math.max(1, Math.abs(x));
      if (excess > worst) worst = excess;
    }
    return worst;
  }

  /**
   * The entries of column v < numCols of A on active rows, times `scale`, in
   * the column's order: all into `entrySlot`/`entryValue` (`entryCount`),
   * those on slots not unit also into `denseSlot`/`denseValue`; the count of these.
   */
  protected gather(v: number, scale: number): number {
    const slotOf = this.slotOf;
    const colIndex = this.colIndex;
    const colValue = this.colValue;
    let count = 0;
    let dense = 0;
    for (let k = this.colStart[v]; k < this.colStart[v + 1]; k++) {
      const c = slotOf[colIndex[k]];
      if (c < 0) continue;
      const a = scale * colValue[k];
      this.entrySlot[count] = c;
      this.entryValue[count++] = a;
      if (this.unitColumn[c] === 1) continue;
      this.denseSlot[dense] = c;
      this.denseValue[dense++] = a;
    }
    this.entryCount = count;
    return dense;
  }

  /** `start` + Σ_q entryValue[q]·B⁻¹[r][entrySlot[q]] in the column's order, r the position of unit slot c's logical. */
  protected unitRow(c: number, start: number): number {
    const row = this.position[this.numCols + this.activeRow[c]] * this.capacity;
    let sum = start;
    for (let q = 0; q < this.entryCount; q++) sum += this.entryValue[q] * this.inverse[row + this.entrySlot[q]];
    return sum;
  }

  /**
   * Nonbasic `v` to `target`: x_B −= Δ·B⁻¹a_v, row by row of B⁻¹ over the
   * entries of a_v on slots not unit (on a unit slot only its logical's row
   * has a term: that row summed over all entries) — per x_p the same
   * operations in the same order as a pass over B⁻¹ per entry, less x − 0.
   */
  protected move(v: number, target: number): void {
    const delta = target - this.value[v];
    if (delta === 0) return;
    this.value[v] = target;
    const K = this.capacity;
    const size = this.size;
    const inverse = this.inverse;
    const primal = this.primal;
    if (v < this.numCols) {
      const dense = this.gather(v, -delta);
      const count = this.entryCount;
      const n = this.numCols;
      // The logicals' rows first, from x_p before the pass (−Δ·a summed: x − s·b = x + (−s)·b exactly).
      for (let q = 0; q < count; q++) {
        const c = this.entrySlot[q];
        if (this.unitColumn[c] === 1) this.entryResult[q] = this.unitRow(c, primal[this.position[n + this.activeRow[c]]]);
      }
      const denseSlot = this.denseSlot;
      const denseValue = this.denseValue;
      if (dense > 0) {
        for (let p = 0; p < size; p++) {
          const row = p * K;
          let x = primal[p];
          for (let q = 0; q < dense; q++) x += denseValue[q] * inverse[row + denseSlot[q]];
          primal[p] = x;
        }
      }
      for (let q = 0; q < count; q++) {
        const c = this.entrySlot[q];
        if (this.unitColumn[c] === 1) primal[this.position[n + this.activeRow[c]]] = this.entryResult[q];
      }
    } else {
      const c = this.slotOf[v - this.numCols];
      for (let p = 0; p < size; p++) primal[p] += delta * inverse[p * K + c];
    }
  }
}
