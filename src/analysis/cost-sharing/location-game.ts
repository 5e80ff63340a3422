/**
 * The §6 cost of many parts of one instance — the coalitions of a
 * cost-sharing game (docs/methods.md §8) — on one open program: the
 * instance's LP relaxation stays loaded in HiGHS, a coalition is a change
 * of bounds (its points' demand rows kept, the others' set to zero; its
 * sites open, the others closed), and branch and bound over the counts y
 * re-solves from the previous basis. A coalition's program is exactly the
 * instance's restricted to its points and sites (a count bound that is
 * larger than the coalition needs never binds), so its optimum is the one a
 * fresh solve gives; the cuts valid only with every point present are
 * relaxed.
 */
import { branchAndBound, type BranchRow } from '../../engines/branch-and-bound.js';
import { INFINITY, type LinearProgram, type Solver } from '../../engines/linear-program.js';
import { facilitiesNeeded, facilitiesNeededOpen, localCovers, locationProgram, maxCountOf, type LocationInstance } from '../location/location.js';
import { coverPool, POOL_POINTS } from './lazy-covers.js';

export interface LocationGame {
  /**
   * The least cost of serving every resident of `points` with `sites`
   * (indices into the instance). Undefined when they cannot all be served,
   * or beyond the node limit: the caller then solves that part in full.
   */
  cost(points: readonly number[], sites: readonly number[]): number | undefined;
  /** The largest relative gap (cost − bound) / cost of a cost returned with `maxSolves` (at the limit, or within `relativeGap`); 0 when every cost was proved exactly. */
  worstGap(): number;
  /** Covers of four points or more added so far (src/analysis/cost-sharing/lazy-covers.ts). */
  covers(): number;
  dispose(): void;
}

export interface LocationGameOptions {
  /**
   * LP solves of branch and bound per coalition at most, a dive from the
   * root first: at the limit the coalition's own MILP goes to HiGHS
   * (its cuts close gaps that branching here does not), warm-started
   * from the best plan found, within `relativeGap`; its cost is HiGHS's
   * plan, its gap HiGHS's (see `worstGap`). Without it, each cost is
   * proved here (2,000 solves, else undefined).
   */
  readonly maxSolves?: number;
  /** With `maxSolves`: the relative gap within which a plan counts as proved (default 1e-9). */
  readonly relativeGap?: number;
  /** Seconds for one coalition's MILP with HiGHS (a safety net; default 10). */
  readonly timeLimit?: number;
}

export function openLocationGame(instance: LocationInstance, solver: Solver, options: LocationGameOptions = {}): LocationGame {
  const built = locationProgram(instance, { relax: true, covers: false });
  const { yColumn, cuts, coverRow } = built;
  // Triples too in a group whose connected sets are all listed (lazy-covers.ts, up to 12 points: measured, a
  // third fewer solves). In a larger one the grown covers start from three points instead: as many solves, each
  // cheaper without the triples' rows (300 random coalitions, three runs each: a national 19-player group
  // 846–878 → 678–696 ms, mazowieckie's 14- and 23-player ones 419–453 → 370–384 and 608–652 → 504–564 ms).
  const triples = instance.points.length <= POOL_POINTS;
  const local = localCovers(instance, yColumn, triples ? 3 : 2);
  const program = withRows(
    built.program,
    local.map((cover) => cover.columns),
  );
  const localRows = Int32Array.from(local, (_, k) => built.program.numRows + k);
  const localLower = new Float64Array(local.length).fill(-INFINITY);
  const localColumns = local.map((cover) => Int32Array.from(cover.columns));
  const model = solver.open(program);
  // Covers of four points or more (three where the local covers stop at pairs), added where violated.
  const pool = coverPool(instance, yColumn, model, program.numRows, triples ? 4 : 3);
  const pointCount = instance.points.length;
  const siteCount = instance.sites.length;
  const z = instance.links.length;
  // The cuts hold only with every point present: relaxed once.
  const cutRows = Int32Array.from({ length: cuts }, (_, k) => pointCount + k);
  model.setRowBounds(cutRows, new Float64Array(cuts).fill(-INFINITY), new Float64Array(cuts).fill(INFINITY));
  const pointOn = new Uint8Array(pointCount).fill(1);
  const siteOn = new Uint8Array(siteCount).fill(1);
  const residents = Float64Array.from(instance.points, (point) => point.residents);
  const localDemand = local.map((cover) => cover.points.reduce((sum, p) => sum + residents[p], 0));
  // The cover row's activity, the count of all facilities, is whole in every plan: branched on first.
  const allCounts = Int32Array.from(yColumn.filter((column) => column >= 0));
  let worst = 0;
  const setPoints = (wanted: Uint8Array): void => {
    const rows: number[] = [];
    for (let p = 0; p < pointCount; p++) if (wanted[p] !== pointOn[p]) rows.push(p);
    if (rows.length === 0) return;
    const value = Float64Array.from(rows, (p) => (wanted[p] ? residents[p] : 0));
    model.setRowBounds(Int32Array.from(rows), value, value);
    for (const p of rows) pointOn[p] = wanted[p];
  };
  const setSites = (wanted: Uint8Array): void => {
    const columns: number[] = [];
    const upper: number[] = [];
    for (let j = 0; j < siteCount; j++) {
      if (wanted[j] === siteOn[j]) continue;
      const site = instance.sites[j];
      columns.push(z + j);
      upper.push(wanted[j] ? program.colUpper[z + j] : 0);
      if (site.kind === 'new') {
        columns.push(yColumn[j]);
        upper.push(wanted[j] ? maxCountOf(site) : 0);
      }
      siteOn[j] = wanted[j];
    }
    if (columns.length === 0) return;
    // HiGHS takes a set of indices in increasing order.
    const order = columns.map((_, k) => k).sort((a, b) => columns[a] - columns[b]);
    model.setColumnBounds(
      Int32Array.from(order, (k) => columns[k]),
      new Float64Array(columns.length),
      Float64Array.from(order, (k) => upper[k]),
    );
  };
  return {
    cost(points, sites) {
      const wantedPoints = new Uint8Array(pointCount);
      for (const p of points) wantedPoints[p] = 1;
      const wantedSites = new Uint8Array(siteCount);
      for (const j of sites) wantedSites[j] = 1;
      setPoints(wantedPoints);
      setSites(wantedSites);
      const branchRows: BranchRow[] = [];
      if (coverRow >= 0) {
        const demand = points.reduce((sum, p) => sum + residents[p], 0);
        const needed = facilitiesNeeded(
          sites.map((j) => instance.sites[j]),
          demand,
        );
        model.setRowBounds(Int32Array.of(coverRow), Float64Array.of(needed), Float64Array.of(INFINITY));
        branchRows.push({ row: coverRow, columns: allCounts, lower: needed, upper: INFINITY });
      }
      // Each point, and each pair of points sharing a site, needs what its open sites in reach cannot hold otherwise.
      // (Plain loops: once per coalition and cover, where a callback's closure and numbers would be allocated
      // each time, as V8 inlines no function, compiler-budget.ts.)
      const changed: number[] = [];
      for (let k = 0; k < local.length; k++) {
        const cover = local[k];
        let present = true;
        for (let c = 0; c < cover.points.length && present; c++) present = wantedPoints[cover.points[c]] === 1;
        const needed = present ? facilitiesNeededOpen(instance.sites, cover.sites, wantedSites, localDemand[k]) : 0;
        const lower = needed > 0 ? needed : -INFINITY;
        if (lower !== localLower[k]) {
          localLower[k] = lower;
          changed.push(k);
        }
      }
      // So is each present cover's: branched on next, in the covers' order.
      local.forEach((_, k) => localLower[k] > 0 && branchRows.push({ row: localRows[k], columns: localColumns[k], lower: localLower[k], upper: INFINITY }));
      if (changed.length > 0)
        model.setRowBounds(
          Int32Array.from(changed, (k) => localRows[k]),
          Float64Array.from(changed, (k) => localLower[k]),
          Float64Array.from(changed, () => INFINITY),
        );
      pool.reset(wantedPoints, wantedSites);
      const integer = Int32Array.from(
        sites
          .filter((j) => yColumn[j] >= 0)
          .map((j) => yColumn[j])
          .sort((a, b) => a - b),
      );
      const lower = new Float64Array(integer.length);
      const upper = Float64Array.from(integer, (column) => program.colUpper[column]);
      if (options.maxSolves === undefined) {
        const result = branchAndBound(model, integer, lower, upper, { separate: pool.separate, branchRows });
        return result.status === 'optimal' ? result.objective : undefined;
      }
      const result = branchAndBound(model, integer, lower, upper, {
        maxNodes: options.maxSolves,
        dive: true,
        separate: pool.separate,
        branchRows,
        ...(options.relativeGap !== undefined ? { relativeGap: options.relativeGap } : {}),
      });
      if (result.status === 'infeasible') return undefined;
      const plan = result.status === 'limit' ? coalitionMilp(instance, points, sites, solver, result.values, options) : result;
      if (!plan || !Number.isFinite(plan.objective)) return undefined;
      worst = Math.max(worst, (plan.objective - plan.bound) / Math.max(1, Math.abs(plan.objective)));
      return plan.objective;
    },
    worstGap: () => worst,
    covers: () => pool.rows(),
    dispose() {
      model.dispose();
    },
  };
}

/**
 * A coalition's own MILP (`points` and `sites` of `instance`) with HiGHS
 * within the relative gap, started from `incumbent` (values of the whole
 * instance's program, whose first columns are the links, then q per site,
 * then y per new site — as the coalition's program orders its own):
 * its objective and bound, or undefined when HiGHS finds no plan.
 */
function coalitionMilp(
  instance: LocationInstance,
  points: readonly number[],
  sites: readonly number[],
  solver: Solver,
  incumbent: Float64Array | undefined,
  options: LocationGameOptions,
): { objective: number; bound: number } | undefined {
  const pointIndex = new Map(points.map((p, k) => [p, k]));
  const siteIndex = new Map(sites.map((j, k) => [j, k]));
  const linkIds = instance.links.flatMap((link, k) => (pointIndex.has(link.point) && siteIndex.has(link.site) ? [k] : []));
  const part: LocationInstance = {
    ...instance,
    points: points.map((p) => instance.points[p]),
    sites: sites.map((j) => instance.sites[j]),
    links: linkIds.map((k) => ({ ...instance.links[k], point: pointIndex.get(instance.links[k].point)!, site: siteIndex.get(instance.links[k].site)! })),
  };
  const { program } = locationProgram(part);
  let start: Float64Array | undefined;
  if (incumbent) {
    const z = instance.links.length;
    const newSites = sites.filter((j) => instance.sites[j].kind === 'new');
    const yOf = new Map<number, number>();
    let y = 0;
    instance.sites.forEach((site, j) => site.kind === 'new' && yOf.set(j, y++));
    start = Float64Array.from([...linkIds.map((k) => incumbent[k]), ...sites.map((j) => incumbent[z + j]), ...newSites.map((j) => Math.round(incumbent[z + instance.sites.length + yOf.get(j)!]))]);
  }
  // A cut pool of 100 (HiGHS's default 10,000): measured on 114 hard coalitions of a 19-player national group
  // 8.6 → 4.4 s, on 48 of a 23-player one 1.85 → 1.57 s, the costs within the gap. Without presolve, which on
  // these programs led HiGHS into long searches (measured, 300 random coalitions each, the MILPs after 200 solves:
  // a 20-player mazowieckie group's 18 MILPs 1.80 → 0.35 s, 1,358 → 17 nodes without the start; a 23-player
  // one's 30 MILPs 1.06 → 0.80 s; a 14-player one's 57 and a national 23-player one's 19 unchanged within noise;
  // the costs within the gap either way).
  const result = solver.solve(program, { relativeGap: options.relativeGap ?? 1e-9, maxNodes: 20000, timeLimit: options.timeLimit ?? 10, cutPool: 100, presolve: false, ...(start ? { start } : {}) });
  if (result.status !== 'optimal' && result.status !== 'limit') return undefined;
  // HiGHS proves its plan within the gap; its own bound is not read back: the gap stated is the one allowed.
  const gap = options.relativeGap ?? 1e-9;
  return { objective: result.objective, bound: result.status === 'optimal' ? result.objective - gap * Math.abs(result.objective) : result.bound };
}

/** `program` with rows Σ x[columns] (unbounded until set) appended. */
function withRows(program: LinearProgram, rows: readonly (readonly number[])[]): LinearProgram {
  const starts = new Int32Array(program.numRows + rows.length + 1);
  starts.set(program.starts);
  rows.forEach((row, k) => (starts[program.numRows + k + 1] = starts[program.numRows + k] + row.length));
  const extra = rows.flat();
  return {
    ...program,
    numRows: program.numRows + rows.length,
    rowLower: Float64Array.from([...program.rowLower, ...rows.map(() => -INFINITY)]),
    rowUpper: Float64Array.from([...program.rowUpper, ...rows.map(() => INFINITY)]),
    starts,
    indices: Int32Array.from([...program.indices, ...extra]),
    values: Float64Array.from([...program.values, ...extra.map(() => 1)]),
  };
}
