/**
 * How the dual simplex (dual-simplex.ts) chooses its pivots: nonbasic
 * variables settled on a bound their reduced cost allows (else their cost
 * shifted), the pivot row e_p·B⁻¹N and column B⁻¹a_v, then for the dual
 * phase the leaving row by dual steepest edge and the entering variable by
 * Harris's two-pass ratio test (1973), for the primal clean-up the entering
 * variable by largest |d_j| and the leaving row by Harris's test; Bland's
 * rule in each once degenerate pivots pile up.
 *
 * Third layer of the solver, on simplex-basis.ts.
 */
import { SimplexBasis } from './simplex-basis.js';
import { DUAL_TOLERANCE, NONBASIC, PIVOT_TOLERANCE, PRIMAL_TOLERANCE } from './simplex-state.js';

/** Pricing, the pivot row and column, and the ratio tests of both phases (layered on SimplexBasis). */
export abstract class SimplexPricing extends SimplexBasis {
  // ——— Nonbasic variables on their bounds ———

  /**
   * Each nonbasic variable onto a bound that its reduced cost allows (a
   * boxed one flips); where none does (the bound on that side is
   * infinite), its cost is shifted so that its reduced cost is zero.
   */
  protected settleAll(): void {
    const n = this.numCols;
    for (let j = 0; j < n; j++) if (this.position[j] === NONBASIC) this.settle(j);
    for (let c = 0; c < this.size; c++) {
      const v = n + this.activeRow[c];
      if (this.position[v] === NONBASIC) this.settle(v);
    }
  }

  private settle(v: number): void {
    const lower = this.lower[v];
    const upper = this.upper[v];
    const d = this.reduced[v];
    const x = this.value[v];
    let target: number;
    let wrong = false;
    if (lower === upper) target = lower;
    else if (lower > -Infinity && upper < Infinity) {
      if (x === lower && d >= -DUAL_TOLERANCE) target = lower;
      else if (x === upper && d <= DUAL_TOLERANCE) target = upper;
      else target = d >= 0 ? lower : upper;
    } else if (lower > -Infinity) {
      target = lower;
      wrong = d < -DUAL_TOLERANCE;
    } else if (upper < Infinity) {
      target = upper;
      wrong = d > DUAL_TOLERANCE;
    } else {
      target = Number.isFinite(x) ? x : 0;
      wrong = Math.abs(d) > DUAL_TOLERANCE;
    }
    if (wrong) this.shiftCost(v);
    this.move(v, target);
  }

  /** The cost of `v` shifted so that its reduced cost is zero. */
  protected shiftCost(v: number): void {
    if (this.shift[v] === 0) this.shifted.push(v);
    this.shift[v] -= this.reduced[v];
    this.reduced[v] = 0;
  }

  protected clearShifts(): void {
    if (this.shifted.length === 0) return;
    for (const v of this.shifted) this.shift[v] = 0;
    this.shifted = [];
    this.computeDual();
  }

  // ——— The pivot row and column ———

  /** Row p of B⁻¹·N into `alpha`, listing the nonbasic variables it touches in `touched`. */
  protected pivotRow(p: number): void {
    const n = this.numCols;
    const K = this.capacity;
    const base = p * K;
    const stamp = ++this.stampNow;
    let count = 0;
    for (let c = 0; c < this.size; c++) {
      const rho = this.inverse[base + c];
      if (rho === 0) continue;
      const i = this.activeRow[c];
      for (let k = this.rowStart[i]; k < this.rowStart[i + 1]; k++) {
        const j = this.rowIndex[k];
        if (this.position[j] !== NONBASIC) continue;
        if (this.stamp[j] !== stamp) {
          this.stamp[j] = stamp;
          this.alpha[j] = 0;
          this.touched[count++] = j;
        }
        this.alpha[j] += rho * this.rowValue[k];
      }
      if (this.position[n + i] === NONBASIC) {
        this.alpha[n + i] = -rho;
        this.touched[count++] = n + i;
      }
    }
    this.touchedCount = count;
  }

  /**
   * B⁻¹·a_v into `column` and its nonzeros into `columnPattern`: each entry
   * a dot product of a row of B⁻¹ with the entries of a_v on slots not unit,
   * in the column's order (as a pass over B⁻¹ per entry would, so the same
   * bits), then each unit slot's logical row over all entries.
   */
  protected pivotColumn(v: number): void {
    const K = this.capacity;
    const size = this.size;
    const column = this.column;
    const inverse = this.inverse;
    const nonzero = this.columnPattern;
    let nonzeros = 0;
    if (v < this.numCols) {
      const dense = this.gather(v, 1);
      const denseSlot = this.denseSlot;
      const denseValue = this.denseValue;
      for (let p = 0; p < size; p++) {
        const row = p * K;
        let sum = 0;
        for (let q = 0; q < dense; q++) sum += denseValue[q] * inverse[row + denseSlot[q]];
        column[p] = sum;
        if (sum !== 0) nonzero[nonzeros++] = p;
      }
      for (let q = 0; q < this.entryCount; q++) {
        const c = this.entrySlot[q];
        if (this.unitColumn[c] === 0) continue;
        const p = this.position[this.numCols + this.activeRow[c]];
        const sum = this.unitRow(c, 0);
        if (column[p] === 0 && sum !== 0) nonzero[nonzeros++] = p;
        column[p] = sum;
      }
    } else {
      const c = this.slotOf[v - this.numCols];
      for (let p = 0; p < size; p++) {
        const entry = -inverse[p * K + c];
        column[p] = entry;
        if (entry !== 0) nonzero[nonzeros++] = p;
      }
    }
    this.columnNonzeros = nonzeros;
  }

  // ——— Dual phase: leaving row, entering column ———

  /** The infeasible basic position of largest infeasibility² / weight (Bland: of smallest variable), −1 when x_B is feasible. */
  protected leaving(bland: boolean): number {
    let best = -1;
    let score = 0;
    for (let p = 0; p < this.size; p++) {
      const v = this.basic[p];
      const x = this.primal[p];
      const lower = this.lower[v];
      const upper = this.upper[v];
      // Within its bounds (most are): no tolerance to work out, as lower − tolerance ≤ lower.
      if (x >= lower && x <= upper) continue;
      let excess = 0;
      if (x < lower - PRIMAL_TOLERANCE * Math.max(1, Math.abs(lower))) excess = lower - x;
      else if (x > upper + PRIMAL_TOLERANCE * Math.max(1, Math.abs(upper))) excess = x - upper;
      else continue;
      if (bland) {
        if (best < 0 || v < this.basic[best]) best = p;
        continue;
      }
      const merit = (excess * excess) / this.weight[p];
      if (merit > score) {
        score = merit;
        best = p;
      }
    }
    return best;
  }

  /**
   * The entering variable for a leaving variable going to its lower bound
   * (sign −1) or upper bound (+1): Harris's two passes over the touched
   * nonbasic variables (Bland: the smallest ratio, then smallest index);
   * −1 when none can enter (the dual is unbounded: the LP is infeasible).
   */
  protected dualRatio(sign: number, bland: boolean): number {
    const count = this.touchedCount;
    const candidates = this.candidates;
    const ratios = this.candidateRatio;
    // First pass: the bound on the step (ratios with the tolerance), and the candidates listed with their exact
    // ratio, so that the second pass skips the rest (whether a ratio is finite does not depend on the slack).
    // The ratio d_j / ᾱ_j of a variable that limits the dual step (with the tolerance allowed on d_j, and
    // without), written out: the hottest loop of the simplex, where a call would box its numbers (V8 is
    // told to inline no function, compiler-budget.ts).
    let bound = Infinity;
    let listed = 0;
    for (let k = 0; k < count; k++) {
      const j = this.touched[k];
      const a = sign * this.alpha[j];
      if (Math.abs(a) <= PIVOT_TOLERANCE) continue;
      const lower = this.lower[j];
      const upper = this.upper[j];
      if (lower === upper) continue;
      const x = this.value[j];
      const d = this.reduced[j];
      let ratio: number;
      let exact: number;
      if (x === lower) {
        if (!(a > 0)) continue;
        ratio = (d + DUAL_TOLERANCE) / a;
        exact = (d + 0) / a;
      } else if (x === upper) {
        if (!(a < 0)) continue;
        ratio = (d - DUAL_TOLERANCE) / a;
        exact = (d - 0) / a;
      } else {
        ratio = (Math.abs(d) + DUAL_TOLERANCE) / Math.abs(a);
        exact = (Math.abs(d) + 0) / Math.abs(a);
      }
      if (ratio === Infinity) continue;
      if (ratio < bound) bound = ratio;
      candidates[listed] = j;
      ratios[listed++] = exact;
    }
    if (bound === Infinity) return -1;
    let best = -1;
    let size = 0;
    let least = Infinity;
    for (let k = 0; k < listed; k++) {
      const j = candidates[k];
      const ratio = ratios[k];
      if (bland) {
        const clamped = Math.max(ratio, 0);
        if (clamped < least || (clamped === least && j < best)) {
          least = clamped;
          best = j;
        }
        continue;
      }
      const a = Math.abs(this.alpha[j]);
      if (ratio <= bound && a > size) {
        size = a;
        best = j;
      }
    }
    return best;
  }

  // ——— Primal phase: entering column, leaving row ———

  /** A nonbasic variable whose reduced cost lets the objective fall (largest |d|; Bland: smallest index), −1 at optimum. */
  protected primalEntering(bland: boolean): number {
    let best = -1;
    for (let j = 0; j < this.numCols; j++) if (this.position[j] === NONBASIC) best = this.betterEntering(j, best, bland);
    for (let c = 0; c < this.size; c++) {
      const v = this.numCols + this.activeRow[c];
      if (this.position[v] === NONBASIC) best = this.betterEntering(v, best, bland);
    }
    return best;
  }

  /** `v` when it may enter and beats `best` (larger |d| than best's and than the tolerance; Bland: smaller index), else `best`. */
  private betterEntering(v: number, best: number, bland: boolean): number {
    const d = this.reduced[v];
    const x = this.value[v];
    if (this.lower[v] === this.upper[v]) return best;
    const rises = d < -DUAL_TOLERANCE && x < this.upper[v];
    const falls = d > DUAL_TOLERANCE && x > this.lower[v];
    if (!rises && !falls) return best;
    if (bland) return best < 0 || v < best ? v : best;
    return Math.abs(d) > (best < 0 ? DUAL_TOLERANCE : Math.abs(this.reduced[best])) ? v : best;
  }

  /** The basic position that first blocks the entering variable moving in `direction` (Harris), −1 when none does. */
  protected primalRatio(direction: number, bland: boolean): number {
    // The first pass with primalRatioOf written out (a call would box its numbers: compiler-budget.ts).
    let bound = Infinity;
    for (let p = 0; p < this.size; p++) {
      const rate = -direction * this.column[p];
      if (Math.abs(rate) <= PIVOT_TOLERANCE) continue;
      const v = this.basic[p];
      const x = this.primal[p];
      const ratio =
        rate < 0 ? (this.lower[v] > -Infinity ? (x - this.lower[v] + PRIMAL_TOLERANCE) / -rate : Infinity) : this.upper[v] < Infinity ? (this.upper[v] - x + PRIMAL_TOLERANCE) / rate : Infinity;
      if (ratio < bound) bound = ratio;
    }
    if (bound === Infinity) return -1;
    let best = -1;
    let size = 0;
    let least = Infinity;
    for (let p = 0; p < this.size; p++) {
      const rate = -direction * this.column[p];
      const ratio = this.primalRatioOf(p, rate, 0);
      if (ratio === Infinity) continue;
      if (bland) {
        const clamped = Math.max(ratio, 0);
        if (clamped < least || (clamped === least && this.basic[p] < this.basic[best])) {
          least = clamped;
          best = p;
        }
      } else if (ratio <= bound && Math.abs(rate) > size) {
        size = Math.abs(rate);
        best = p;
      }
    }
    return best;
  }

  /** Steps until basic position p reaches the bound it moves to at `rate` per step (with `slack`), Infinity when it never does. */
  private primalRatioOf(p: number, rate: number, slack: number): number {
    if (Math.abs(rate) <= PIVOT_TOLERANCE) return Infinity;
    const v = this.basic[p];
    const x = this.primal[p];
    if (rate < 0) return this.lower[v] > -Infinity ? (x - this.lower[v] + slack) / -rate : Infinity;
    return this.upper[v] < Infinity ? (this.upper[v] - x + slack) / rate : Infinity;
  }

  protected primalStep(p: number, direction: number): number {
    return Math.max(0, this.primalRatioOf(p, -direction * this.column[p], 0));
  }
}
