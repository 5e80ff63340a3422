/**
 * A bounded-variable dual simplex in plain TypeScript for the many tiny
 * warm-started re-solves of the cost-sharing games (an `OpenProgram`, as
 * HiGHS's in linear-program.ts, without HiGHS's fixed cost of about
 * 0.17 ms per solve). The LP is min c·x with lower ≤ A·x ≤ upper on rows
 * and bounds on columns; row i gets a logical r_i = a_i·x (A·x − r = 0)
 * carrying the row's bounds, so every constraint is a bound.
 *
 * - Rows whose bounds are both infinite never constrain: their logical stays
 *   basic and outside the basis kept here (B is over the "active" rows only,
 *   whose logical has a finite bound or is nonbasic). Many of our rows are
 *   such (relaxed covers, cuts of absent points).
 * - B⁻¹ is kept explicitly and dense (programs of 40–300 columns), updated
 *   per pivot (product form applied in place, over the nonzeros of the
 *   pivot row and column) and rebuilt from scratch every REFACTOR_EVERY
 *   pivots or when the pivot element computed two ways disagrees. The
 *   rebuild inverts only the block of basic columns over the rows whose
 *   logical is nonbasic (B = [−I A_LS; 0 A_RS] after reordering). Columns
 *   of B⁻¹ still exactly −e (rows whose logical stayed basic since) are
 *   known as such, so B⁻¹·a_j passes over B⁻¹ only for a_j's other entries.
 * - Dual steepest-edge pricing: the weights are the squared norms of the
 *   rows of B⁻¹, exact after a rebuild and updated with each pivot
 *   (Forrest & Goldfarb 1992).
 * - Harris's two-pass ratio test (1973); a reduced cost of the wrong sign
 *   (within the tolerance, or after a bound change that leaves a variable
 *   with nothing to sit on) is removed by shifting that variable's cost.
 *   After the dual phase the shifts are dropped and a primal simplex from
 *   the now primal feasible basis restores optimality for the true costs
 *   (Koberstein 2005, "The dual simplex method, techniques for a fast and
 *   stable implementation", §6.2–6.3). Infeasibility found by the dual
 *   (a row with no entering candidate) does not depend on the costs, so it
 *   is exact with shifts too.
 * - At the optimum x_B is refined (the rows' residuals taken back through
 *   B⁻¹), and a proof of infeasibility from an updated B⁻¹ is checked
 *   (ρ·B = e_p, the basic value recomputed) before it is believed.
 * - After many degenerate pivots in a row, Bland's rule (smallest index)
 *   for the rest of the solve; an iteration cap returns 'error'.
 *
 * The solver is one object in four layers, a class per file extending the
 * one before, so that the pivot loops read its fields directly:
 * simplex-state.ts (the arrays; x_B and reduced costs from B⁻¹),
 * simplex-basis.ts (the kept basis; B⁻¹ rebuilt and updated),
 * simplex-pricing.ts (pricing and ratio tests), and here the `OpenProgram`
 * methods and the two phases.
 */
import type { LinearProgram, OpenProgram, SolveResult } from './linear-program.js';
import { SimplexPricing } from './simplex-pricing.js';
import { DUAL_TOLERANCE, finite, IMPLICIT, PIVOT_TOLERANCE, PRIMAL_TOLERANCE } from './simplex-state.js';

/** Pivots between two rebuilds of B⁻¹ (measured on a 23-point game: |B⁻¹B − I| ≤ 1e-11 after 100 updates, 1e-10 after 1,000). */
const REFACTOR_EVERY = 100;
/** Degenerate pivots in a row after which Bland's rule takes over (anti-cycling). */
const DEGENERATE_BEFORE_BLAND = 50;
/** Rebuilds forced by numerical trouble within one solve before giving up with 'error'. */
const MAX_RECOVERIES = 8;

type Phase = 'optimal' | 'infeasible' | 'unbounded' | 'error';

/** Relative distance from a whole number below which a returned value is taken as whole. */
const WHOLE = 1e-11;

/** The LP relaxation of `program` (integrality ignored) as an `OpenProgram` solved by a warm-started dual simplex. */
export function openDualSimplex(program: LinearProgram): OpenProgram {
  const simplex = new DualSimplex(program);
  // Methods bound to the engine: callers may pass them around as HiGHS's (plain functions).
  return {
    numCols: simplex.numCols,
    setColumnBounds: (columns, lower, upper) => simplex.setColumnBounds(columns, lower, upper),
    setRowBounds: (rows, lower, upper) => simplex.setRowBounds(rows, lower, upper),
    addRows: (lower, upper, starts, indices, values) => simplex.addRows(lower, upper, starts, indices, values),
    setColumnCosts: (columns, costs) => simplex.setColumnCosts(columns, costs),
    solve: () => simplex.solve(),
    duals: () => simplex.duals(),
    dispose: () => simplex.dispose(),
  };
}

class DualSimplex extends SimplexPricing implements OpenProgram {
  constructor(program: LinearProgram) {
    super(program);
    this.coldStart();
  }

  setColumnBounds(columns: Int32Array, lower: Float64Array, upper: Float64Array): void {
    for (let k = 0; k < columns.length; k++) {
      this.lower[columns[k]] = finite(lower[k]);
      this.upper[columns[k]] = finite(upper[k]);
    }
  }

  setRowBounds(rows: Int32Array, lower: Float64Array, upper: Float64Array): void {
    const n = this.numCols;
    for (let k = 0; k < rows.length; k++) {
      const i = rows[k];
      this.lower[n + i] = finite(lower[k]);
      this.upper[n + i] = finite(upper[k]);
      this.placeRow(i);
    }
  }

  addRows(lower: Float64Array, upper: Float64Array, starts: Int32Array, indices: Int32Array, values: Float64Array): void {
    const added = lower.length;
    if (added === 0) return;
    const before = this.rows;
    const entries = this.rowStart[before];
    const more = starts[added] - starts[0];
    const rowStart = new Int32Array(before + added + 1);
    rowStart.set(this.rowStart.subarray(0, before + 1));
    for (let k = 1; k <= added; k++) rowStart[before + k] = entries + starts[k] - starts[0];
    const rowIndex = new Int32Array(entries + more);
    rowIndex.set(this.rowIndex.subarray(0, entries));
    rowIndex.set(indices.subarray(starts[0], starts[added]), entries);
    const rowValue = new Float64Array(entries + more);
    rowValue.set(this.rowValue.subarray(0, entries));
    rowValue.set(values.subarray(starts[0], starts[added]), entries);
    this.rowStart = rowStart;
    this.rowIndex = rowIndex;
    this.rowValue = rowValue;
    this.growVariables(before + added);
    this.rows = before + added;
    this.buildColumns();
    for (let k = 0; k < added; k++) {
      const v = this.numCols + before + k;
      this.lower[v] = finite(lower[k]);
      this.upper[v] = finite(upper[k]);
      this.position[v] = IMPLICIT;
      this.placeRow(before + k);
    }
  }

  setColumnCosts(columns: Int32Array, costs: Float64Array): void {
    for (let k = 0; k < columns.length; k++) {
      this.originalCost[columns[k]] = costs[k];
      this.cost[columns[k]] = this.sense * costs[k];
    }
    this.computeDual();
  }

  solve(): SolveResult {
    const n = this.numCols;
    const values = new Float64Array(n);
    const phase = this.run();
    if (phase !== 'optimal') return { status: phase === 'infeasible' ? 'infeasible' : 'error', objective: NaN, values: this.columnValues(values), bound: NaN };
    this.columnValues(values);
    // A value within WHOLE of a whole number is that number: the rounding left by the updates of B⁻¹, which
    // would otherwise reach the objective's last digits (our programs' vertices are mostly whole).
    for (let j = 0; j < n; j++) {
      const whole = Math.round(values[j]);
      if (Math.abs(values[j] - whole) <= WHOLE * Math.max(1, Math.abs(whole))) values[j] = whole;
    }
    let objective = 0;
    for (let j = 0; j < n; j++) objective += this.originalCost[j] * values[j];
    return { status: 'optimal', objective, values, bound: objective };
  }

  duals(): { rowDual: Float64Array; colDual: Float64Array } {
    return this.rowAndColumnDuals();
  }

  dispose(): void {}

  /** Dual phase, then (when costs were shifted) primal phase, then a fresh x_B checked for feasibility. */
  private run(): Phase {
    const limit = 1000 + 50 * (this.numCols + this.size);
    for (let attempt = 0; attempt < 3; attempt++) {
      this.settleAll();
      const dual = this.dualPhase(limit);
      this.clearShifts();
      if (dual !== 'optimal') {
        this.releaseFreeRows();
        return dual;
      }
      const primal = this.primalPhase(limit);
      if (primal !== 'optimal') return primal;
      if (this.refine()) this.refine();
      if (this.worstInfeasibility() <= 1e3 * PRIMAL_TOLERANCE) {
        this.releaseFreeRows();
        return 'optimal';
      }
      // Drift in B⁻¹: rebuild and go on from the same basis.
      if (!this.refactor()) this.coldStart();
    }
    return 'error';
  }

  // ——— Dual phase ———

  /** B⁻¹ rebuilt within the dual phase: reduced costs fresh from it may have drifted to the wrong side, settled again. */
  private rebuild(): boolean {
    if (!this.refactor()) return false;
    this.settleAll();
    return true;
  }

  private dualPhase(limit: number): Phase {
    let degenerate = 0;
    let recoveries = 0;
    for (let iteration = 0; iteration < limit; iteration++) {
      if (this.updates >= REFACTOR_EVERY && !this.rebuild()) return 'error';
      const bland = degenerate > DEGENERATE_BEFORE_BLAND;
      const p = this.leaving(bland);
      if (p < 0) return 'optimal';
      const leaving = this.basic[p];
      const x = this.primal[p];
      const toLower = x < this.lower[leaving];
      const target = toLower ? this.lower[leaving] : this.upper[leaving];
      this.pivotRow(p);
      const entering = this.dualRatio(toLower ? -1 : 1, bland);
      if (entering < 0) {
        // A proof of infeasibility, trusted when B⁻¹ is fresh or its row checks out.
        if (this.updates === 0 || this.certifies(p)) return 'infeasible';
        if (!this.rebuild() || ++recoveries > MAX_RECOVERIES) return 'error';
        continue;
      }
      this.pivotColumn(entering);
      const pivot = this.column[p];
      if (Math.abs(pivot) <= PIVOT_TOLERANCE || Math.abs(pivot - this.alpha[entering]) > 1e-7 * Math.max(1, Math.abs(pivot))) {
        if (this.updates === 0 || !this.rebuild() || ++recoveries > MAX_RECOVERIES) return 'error';
        continue;
      }
      // Dual step: d_j −= t·α_j, t = d_e/α_e, of the sign the leaving bound needs (else shift d_e to 0).
      let t = this.reduced[entering] / pivot;
      if (toLower ? t > 0 : t < 0) {
        this.shiftCost(entering);
        t = 0;
      }
      for (let k = 0; k < this.touchedCount; k++) {
        const j = this.touched[k];
        this.reduced[j] -= t * this.alpha[j];
      }
      this.reduced[leaving] = -t;
      degenerate = Math.abs(t) <= DUAL_TOLERANCE ? degenerate + 1 : 0;
      // Primal step: the entering variable moves until the leaving one reaches its bound.
      const theta = (x - target) / pivot;
      const enteringValue = this.value[entering] + theta;
      this.stepPrimal(theta);
      this.value[leaving] = target;
      this.replace(p, entering);
      this.primal[p] = enteringValue;
    }
    return 'error';
  }

  /** x_B −= θ·`column`, over its nonzeros only (x − θ·0 = x, but for the sign of a zero x). */
  private stepPrimal(theta: number): void {
    const primal = this.primal;
    const column = this.column;
    const nonzero = this.columnPattern;
    for (let q = 0; q < this.columnNonzeros; q++) {
      const r = nonzero[q];
      primal[r] -= theta * column[r];
    }
  }

  // ——— Primal phase (after cost shifts) ———

  private primalPhase(limit: number): Phase {
    let degenerate = 0;
    let recoveries = 0;
    for (let iteration = 0; iteration < limit; iteration++) {
      if (this.updates >= REFACTOR_EVERY && !this.refactor()) return 'error';
      const bland = degenerate > DEGENERATE_BEFORE_BLAND;
      const entering = this.primalEntering(bland);
      if (entering < 0) return 'optimal';
      const direction = this.reduced[entering] < 0 ? 1 : -1;
      this.pivotColumn(entering);
      const p = this.primalRatio(direction, bland);
      const range = this.upper[entering] - this.lower[entering];
      const step = p >= 0 ? this.primalStep(p, direction) : Infinity;
      if (range < step) {
        // The entering variable reaches its other bound first: a bound flip, no pivot.
        this.move(entering, direction > 0 ? this.upper[entering] : this.lower[entering]);
        degenerate = 0;
        continue;
      }
      if (p < 0) return 'unbounded';
      this.pivotRow(p);
      const pivot = this.column[p];
      if (Math.abs(pivot - this.alpha[entering]) > 1e-7 * Math.max(1, Math.abs(pivot))) {
        if (this.updates === 0 || !this.refactor() || ++recoveries > MAX_RECOVERIES) return 'error';
        continue;
      }
      const leaving = this.basic[p];
      const rate = -direction * pivot;
      const target = rate < 0 ? this.lower[leaving] : this.upper[leaving];
      const t = this.reduced[entering] / pivot;
      for (let k = 0; k < this.touchedCount; k++) {
        const j = this.touched[k];
        this.reduced[j] -= t * this.alpha[j];
      }
      this.reduced[leaving] = -t;
      degenerate = step <= PRIMAL_TOLERANCE ? degenerate + 1 : 0;
      const enteringValue = this.value[entering] + direction * step;
      this.stepPrimal(direction * step);
      this.value[leaving] = target;
      this.replace(p, entering);
      this.primal[p] = enteringValue;
    }
    return 'error';
  }
}
