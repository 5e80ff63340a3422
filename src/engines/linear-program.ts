/**
 * Linear and mixed-integer programs for HiGHS (METHODS.md §5–§6). A program
 * is plain data (CSR rows); a `Solver` solves it. The HiGHS instance is
 * loaded by the command (WebAssembly loading is asynchronous I/O) and passed
 * in, so the analyses stay synchronous and pure.
 */
import type { Highs } from 'highs';

export interface LinearProgram {
  readonly numCols: number;
  readonly numRows: number;
  readonly maximize?: boolean;
  readonly colCost: Float64Array;
  readonly colLower: Float64Array;
  readonly colUpper: Float64Array;
  readonly rowLower: Float64Array;
  readonly rowUpper: Float64Array;
  /** Rows in CSR form: row r has entries starts[r] … starts[r+1]-1. */
  readonly starts: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float64Array;
  /** Integer columns (1) among continuous ones (0); absent for an LP. */
  readonly integer?: Uint8Array;
}

export type SolveStatus = 'optimal' | 'infeasible' | 'limit' | 'error';

export interface SolveResult {
  readonly status: SolveStatus;
  readonly objective: number;
  readonly values: Float64Array;
  /** Best bound of a MIP (equal to the objective when proved optimal). */
  readonly bound: number;
  /** Of an LP solved to optimality: row duals and reduced costs (HiGHS signs: ∂objective/∂bound). */
  readonly rowDual?: Float64Array;
  readonly colDual?: Float64Array;
}

export interface SolveOptions {
  /** Seconds; a safety net, since a time limit makes results depend on the machine. */
  readonly timeLimit?: number;
  /** Branch-and-bound nodes (deterministic work limit for MIPs). */
  readonly maxNodes?: number;
  /** Relative MIP gap accepted as optimal (default 1e-9: exact for our purposes). */
  readonly relativeGap?: number;
  /** LP algorithm; 'primal' simplex is the fastest on our transportation problems. */
  readonly strategy?: 'choose' | 'primal' | 'dual' | 'ipm';
  /** A feasible solution to start a MIP from (a warm start: an incumbent from the first node). */
  readonly start?: Float64Array;
  /** A soft limit on the MIP's cut pool (HiGHS's default 10,000): small programs solve faster with a small pool. */
  readonly cutPool?: number;
  /** HiGHS's presolve (default on). */
  readonly presolve?: boolean;
}

/**
 * An LP kept open between solves: bounds change, and each solve starts
 * from the previous optimal basis (a warm start: a few dual simplex
 * iterations instead of a fresh solve). Integrality is ignored — branch and
 * bound is the caller's (src/engines/branch-and-bound.ts). Dispose it.
 */
export interface OpenProgram {
  readonly numCols: number;
  setColumnBounds(columns: Int32Array, lower: Float64Array, upper: Float64Array): void;
  setRowBounds(rows: Int32Array, lower: Float64Array, upper: Float64Array): void;
  /** Rows lower ≤ Σ values·x[indices] ≤ upper appended (CSR: row k's entries from starts[k] to starts[k + 1]). */
  addRows(lower: Float64Array, upper: Float64Array, starts: Int32Array, indices: Int32Array, values: Float64Array): void;
  /** New objective coefficients of `columns` (increasing). */
  setColumnCosts(columns: Int32Array, costs: Float64Array): void;
  /** The LP over the current bounds (no duals). */
  solve(): SolveResult;
  /** Row duals and reduced costs of the last optimal solve (HiGHS signs: ∂objective/∂bound). */
  duals(): { rowDual: Float64Array; colDual: Float64Array };
  dispose(): void;
}

export interface Solver {
  solve(program: LinearProgram, options?: SolveOptions): SolveResult;
  /** The LP relaxation of `program`, kept open for bound changes and warm-started solves. */
  open(program: LinearProgram): OpenProgram;
}

export const INFINITY = 1e30;

/**
 * Residents and places from a solution, rid of the solver's tolerance noise
 * (31.000001 → 31): rounded to a ten-thousandth of a person.
 */
export function snap(value: number): number {
  const snapped = Math.round(value * 1e4) / 1e4;
  return snapped === 0 ? 0 : snapped;
}

/** A `Solver` over a loaded HiGHS instance. */
export function highsSolver(highs: Highs): Solver {
  const codes = highs.constants.modelStatus;
  const strategyOptions = (strategy: SolveOptions['strategy']): Record<string, string | number> =>
    strategy === 'primal' ? { solver: 'simplex', simplex_strategy: 4 } : strategy === 'dual' ? { solver: 'simplex', simplex_strategy: 1 } : strategy === 'ipm' ? { solver: 'ipm' } : {};
  const create = (program: LinearProgram) =>
    highs.createModel({
      numCols: program.numCols,
      numRows: program.numRows,
      sense: program.maximize ? highs.constants.objectiveSense.maximize : highs.constants.objectiveSense.minimize,
      colCost: program.colCost,
      colLower: program.colLower,
      colUpper: program.colUpper,
      rowLower: program.rowLower,
      rowUpper: program.rowUpper,
      matrix: { format: 'csr', numRows: program.numRows, numCols: program.numCols, starts: program.starts, indices: program.indices, values: program.values },
      ...(program.integer ? { integrality: Int32Array.from(program.integer) } : {}),
    });
  type Model = ReturnType<typeof create>;
  const configure = (model: Model, options: SolveOptions): void => {
    model.options.set({
      output_flag: false,
      random_seed: 0,
      mip_rel_gap: options.relativeGap ?? 1e-9,
      mip_abs_gap: 1e-9,
      // Feasibility jump and symmetry detection cost more than they save on our small location MIPs
      // (measured: a 20–50-column MIP 60 → 9 ms; objectives equal to 1e-14).
      mip_heuristic_run_feasibility_jump: false,
      mip_detect_symmetry: false,
      ...strategyOptions(options.strategy),
      ...(options.timeLimit !== undefined ? { time_limit: options.timeLimit } : {}),
      ...(options.maxNodes !== undefined ? { mip_max_nodes: options.maxNodes } : {}),
      ...(options.cutPool !== undefined ? { mip_pool_soft_limit: options.cutPool } : {}),
      ...(options.presolve === false ? { presolve: 'off' } : {}),
    });
  };
  const result = (model: Model, program: LinearProgram): SolveResult => {
    const status = model.getModelStatus();
    const solution = program.numCols > 0 ? model.getSolution() : undefined;
    const values = solution ? solution.colValue : new Float64Array(0);
    const objective = program.numCols > 0 ? model.getObjectiveValue() : 0;
    const hasSolution = values.length === program.numCols && Number.isFinite(objective) && values.every((value) => Number.isFinite(value));
    if (status === codes.optimal || status === codes.empty) {
      const duals = solution && !program.integer ? { rowDual: solution.rowDual, colDual: solution.colDual } : {};
      return { status: 'optimal', objective, values, bound: objective, ...duals };
    }
    if (status === codes.infeasible) return { status: 'infeasible', objective: NaN, values, bound: NaN };
    if ((status === codes.timeLimit || status === codes.iterationLimit || status === codes.solutionLimit || status === codes.interrupted) && hasSolution) {
      const bound = program.integer ? Number(model.info.get('mip_dual_bound')) : objective;
      return { status: 'limit', objective, values, bound };
    }
    return { status: 'error', objective: NaN, values, bound: NaN };
  };
  return {
    solve(program, options = {}) {
      const model = create(program);
      try {
        configure(model, options);
        if (options.start && program.integer) model.setSolution({ colValue: options.start });
        model.run();
        return result(model, program);
      } finally {
        model.dispose();
      }
    },
    open(program) {
      const relaxed = { ...program, integer: undefined };
      const model = create(relaxed);
      configure(model, {});
      // Re-solves start from the last basis: presolve would only redo work each time (measured: bound change
      // and re-solve 1.3–2.0 → 0.5–0.8 ms on a 163-column coalition program).
      model.options.set({ presolve: 'off' });
      let disposed = false;
      return {
        numCols: program.numCols,
        setColumnBounds(columns, lower, upper) {
          if (columns.length > 0) model.changeColsBounds({ kind: 'set', indices: columns }, lower, upper);
        },
        setRowBounds(rows, lower, upper) {
          if (rows.length > 0) model.changeRowsBounds({ kind: 'set', indices: rows }, lower, upper);
        },
        addRows(lower, upper, starts, indices, values) {
          if (lower.length > 0) model.addRows({ lower, upper, matrix: { format: 'csr', numRows: lower.length, numCols: program.numCols, starts, indices, values } });
        },
        setColumnCosts(columns, costs) {
          if (columns.length > 0) model.changeColsCost({ kind: 'set', indices: columns }, costs);
        },
        solve() {
          // The raw call: the wrapper's run() records call metadata each time, 0.19 → 0.05 ms per
          // re-solve of an unchanged 116-column program (measured; the basis is kept either way).
          model.raw.run();
          return result(model, relaxed);
        },
        duals() {
          const solution = model.getSolution();
          return { rowDual: solution.rowDual, colDual: solution.colDual };
        },
        dispose() {
          if (!disposed) model.dispose();
          disposed = true;
        },
      };
    },
  };
}

/** Builds CSR rows incrementally. */
export class RowBuilder {
  private readonly starts: number[] = [0];
  private readonly indices: number[] = [];
  private readonly values: number[] = [];
  readonly lower: number[] = [];
  readonly upper: number[] = [];

  /** Add a row lower ≤ Σ values·x[indices] ≤ upper; returns its index. */
  add(indices: readonly number[], values: readonly number[], lower: number, upper: number): number {
    for (let k = 0; k < indices.length; k++) {
      this.indices.push(indices[k]);
      this.values.push(values[k]);
    }
    this.starts.push(this.indices.length);
    this.lower.push(lower);
    this.upper.push(upper);
    return this.lower.length - 1;
  }

  get count(): number {
    return this.lower.length;
  }

  build(): Pick<LinearProgram, 'numRows' | 'rowLower' | 'rowUpper' | 'starts' | 'indices' | 'values'> {
    return {
      numRows: this.lower.length,
      rowLower: Float64Array.from(this.lower),
      rowUpper: Float64Array.from(this.upper),
      starts: Int32Array.from(this.starts),
      indices: Int32Array.from(this.indices),
      values: Float64Array.from(this.values),
    };
  }
}
