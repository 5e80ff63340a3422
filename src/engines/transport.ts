/**
 * The lexicographic transportation problem of METHODS.md §5 — x_k ≥ 0 on
 * arcs k = (row i, column j), Σ_j x_ij ≤ D_i, Σ_i x_ij ≤ S_j; first the
 * most flow (people served), then the least Σ c_ij·x_ij (person-km) — solved
 * exactly as a minimum-cost flow by a primal network simplex.
 *
 * The network has a root r, a node per row (needing D_i) and a node per
 * column (offering S_j):
 *
 *   j → i  per arc, cost (0, c_ij): the allocation x_ij
 *   r → i  cost (1, 0): demand left unmet
 *   j → r  cost (0, 0): capacity left spare
 *
 * and r balances the books with ΣD − ΣS. Costs are pairs compared
 * lexicographically: an ordered group, so the simplex runs unchanged and
 * stops at a basis optimal for (unmet, person-km) in that order — the exact
 * counterpart of a big-M objective 1·M + c without choosing M. No arc has an
 * upper bound and the network is acyclic, so no cycle is ever unbounded.
 *
 * Flows are whole units of 1/`unitsPerPlace` places (default 1e-4, the
 * resolution sharing reports at), so every flow update is exact integer
 * arithmetic in doubles; only the person-km potentials are floating point,
 * compared with a tolerance scaled to the largest cost.
 *
 * Pivots keep the spanning tree strongly feasible (Cunningham 1976: the
 * leaving arc is the last blocking arc on the cycle from its apex), which
 * rules out cycling on degenerate pivots; entering arcs come from block
 * search (LEMON's NetworkSimplex, Kovács 2015, "Minimum-cost flow
 * algorithms: an experimental evaluation"); the tree is kept as parent
 * pointers, subtree sizes and a depth-first thread, updated as in networkx's
 * network_simplex. See also Ahuja, Magnanti & Orlin 1993, ch. 11.
 */
import { apex, attach, detach, makeRoot, NONE, shiftPotentials, type Tree } from './spanning-tree.js';

export interface TransportProblem {
  /** D_i per row, places (finite, ≥ 0). */
  readonly demand: Float64Array;
  /** S_j per column, places (finite, ≥ 0). */
  readonly supply: Float64Array;
  /** Arc k joins row `row[k]` and column `column[k]` at `cost[k]` (km) per place. */
  readonly row: Int32Array;
  readonly column: Int32Array;
  readonly cost: Float64Array;
}

export interface TransportOptions {
  /** Units a place is counted in; D_i and S_j are rounded to whole units (default 1e4). */
  readonly unitsPerPlace?: number;
}

export interface TransportSolution {
  /** x_k per arc, places: whole multiples of 1/unitsPerPlace. */
  readonly flow: Float64Array;
  /** Σ x_k, the most that can be served. */
  readonly served: number;
  /** Σ c_k·x_k, the least among the allocations serving `served`. */
  readonly cost: number;
  readonly pivots: number;
}

const DEFAULTS = { unitsPerPlace: 1e4 } as const;
const ROOT = 0;
/** Reduced person-km costs above −TOLERANCE·max|c| count as zero: potentials carry rounding error, the optimum does not need it. */
const TOLERANCE = 1e-10;

/** The min-cost flow network: arcs 0 … pairs−1 are the problem's arcs, then unmet (r → i), then spare (j → r). */
interface Network {
  readonly nodes: number;
  readonly arcs: number;
  readonly tail: Int32Array;
  readonly head: Int32Array;
  /** Unmet units: 1 on r → i, else 0. */
  readonly primary: Float64Array;
  /** Person-km per unit. */
  readonly secondary: Float64Array;
  /** Flow in whole units. */
  readonly flow: Float64Array;
  /** Network arc → problem arc, for the first `pairs` arcs. */
  readonly problemArc: Int32Array;
  readonly pairs: number;
}

/**
 * The most flow, then the least cost, over a transportation problem.
 * @throws on negative or non-finite D, S or c, arcs out of range, or totals too large for exact units
 * @example
 * solveTransport({ demand: Float64Array.of(10), supply: Float64Array.of(4, 8), row: Int32Array.of(0, 0), column: Int32Array.of(0, 1), cost: Float64Array.of(3, 1) })
 * // => flow [2, 8], served 10, cost 14
 */
export function solveTransport(problem: TransportProblem, options: TransportOptions = {}): TransportSolution {
  const unitsPerPlace = options.unitsPerPlace ?? DEFAULTS.unitsPerPlace;
  if (!(unitsPerPlace > 0) || !Number.isFinite(unitsPerPlace)) throw new Error(`solveTransport: unitsPerPlace must be positive, got ${unitsPerPlace}`);
  checkArcs(problem);
  const demand = toUnits(problem.demand, unitsPerPlace, 'demand');
  const supply = toUnits(problem.supply, unitsPerPlace, 'supply');
  const network = buildNetwork(problem, demand, supply);
  const tree = starTree(network);
  const pivots = optimise(network, tree);
  const flow = new Float64Array(problem.row.length);
  let servedUnits = 0;
  let cost = 0;
  for (let a = 0; a < network.pairs; a++) {
    const k = network.problemArc[a];
    flow[k] = network.flow[a] / unitsPerPlace;
    servedUnits += network.flow[a];
    cost += flow[k] * problem.cost[k];
  }
  return { flow, served: servedUnits / unitsPerPlace, cost, pivots };
}

function checkArcs(problem: TransportProblem): void {
  const { row, column, cost } = problem;
  if (column.length !== row.length || cost.length !== row.length) throw new Error('solveTransport: row, column and cost must have the same length');
  for (let k = 0; k < row.length; k++) {
    if (!(row[k] >= 0 && row[k] < problem.demand.length)) throw new Error(`solveTransport: arc ${k} has row ${row[k]} out of range`);
    if (!(column[k] >= 0 && column[k] < problem.supply.length)) throw new Error(`solveTransport: arc ${k} has column ${column[k]} out of range`);
    if (!Number.isFinite(cost[k])) throw new Error(`solveTransport: arc ${k} has cost ${cost[k]}`);
  }
}

/** Whole units; their totals must stay exact in doubles (below 2^53). */
function toUnits(places: Float64Array, unitsPerPlace: number, what: string): Float64Array {
  const units = new Float64Array(places.length);
  let total = 0;
  for (let i = 0; i < places.length; i++) {
    if (!(places[i] >= 0) || !Number.isFinite(places[i])) throw new Error(`solveTransport: ${what} ${i} is ${places[i]}`);
    units[i] = Math.round(places[i] * unitsPerPlace);
    total += units[i];
  }
  if (total > Number.MAX_SAFE_INTEGER) throw new Error(`solveTransport: total ${what} is too large to count exactly in units of 1/${unitsPerPlace}`);
  return units;
}

/** Nodes for rows and columns with something to give or take (zero ones could only join the tree toward the root, which a strongly feasible tree forbids). */
function buildNetwork(problem: TransportProblem, demand: Float64Array, supply: Float64Array): Network {
  const rowNode = new Int32Array(demand.length).fill(NONE);
  const columnNode = new Int32Array(supply.length).fill(NONE);
  let nodes = 1;
  for (let i = 0; i < demand.length; i++) if (demand[i] > 0) rowNode[i] = nodes++;
  const rows = nodes - 1;
  for (let j = 0; j < supply.length; j++) if (supply[j] > 0) columnNode[j] = nodes++;
  const columns = nodes - 1 - rows;
  let pairs = 0;
  for (let k = 0; k < problem.row.length; k++) if (rowNode[problem.row[k]] !== NONE && columnNode[problem.column[k]] !== NONE) pairs++;
  const arcs = pairs + rows + columns;
  const tail = new Int32Array(arcs);
  const head = new Int32Array(arcs);
  const primary = new Float64Array(arcs);
  const secondary = new Float64Array(arcs);
  const flow = new Float64Array(arcs);
  const problemArc = new Int32Array(pairs);
  let a = 0;
  for (let k = 0; k < problem.row.length; k++) {
    const i = rowNode[problem.row[k]];
    const j = columnNode[problem.column[k]];
    if (i === NONE || j === NONE) continue;
    tail[a] = j;
    head[a] = i;
    secondary[a] = problem.cost[k];
    problemArc[a++] = k;
  }
  // The starting basis: every need unmet, every place spare.
  for (let i = 0; i < demand.length; i++) {
    if (rowNode[i] === NONE) continue;
    tail[a] = ROOT;
    head[a] = rowNode[i];
    primary[a] = 1;
    flow[a++] = demand[i];
  }
  for (let j = 0; j < supply.length; j++) {
    if (columnNode[j] === NONE) continue;
    tail[a] = columnNode[j];
    head[a] = ROOT;
    flow[a++] = supply[j];
  }
  return { nodes, arcs, tail, head, primary, secondary, flow, problemArc, pairs };
}

/** The root with every node as a child through its unmet or spare arc; all carry positive flow, so the tree is strongly feasible. */
function starTree(network: Network): Tree {
  const { nodes, pairs } = network;
  const tree: Tree = {
    parent: new Int32Array(nodes),
    parentArc: new Int32Array(nodes),
    size: new Int32Array(nodes).fill(1),
    next: new Int32Array(nodes),
    previous: new Int32Array(nodes),
    last: Int32Array.from({ length: nodes }, (_, w) => w),
    potentialPrimary: new Float64Array(nodes),
    potentialSecondary: new Float64Array(nodes),
  };
  tree.parent[ROOT] = NONE;
  tree.parentArc[ROOT] = NONE;
  tree.size[ROOT] = nodes;
  tree.last[ROOT] = nodes - 1;
  for (let w = 0; w < nodes; w++) {
    tree.next[w] = (w + 1) % nodes;
    tree.previous[w] = (w + nodes - 1) % nodes;
  }
  // Node w ≥ 1 hangs from arc pairs + w − 1 (rows' unmet arcs come first, then columns' spare arcs, both in node order).
  for (let w = 1; w < nodes; w++) {
    tree.parent[w] = ROOT;
    tree.parentArc[w] = pairs + w - 1;
  }
  freshPotentials(network, tree);
  return tree;
}

/** Potentials making every tree arc's reduced cost zero, from the root down the thread (also undoes drift from incremental updates). */
function freshPotentials(network: Network, tree: Tree): void {
  const { parent, parentArc, next, potentialPrimary, potentialSecondary } = tree;
  potentialPrimary[ROOT] = 0;
  potentialSecondary[ROOT] = 0;
  for (let w = next[ROOT]; w !== ROOT; w = next[w]) {
    const a = parentArc[w];
    const sign = network.head[a] === w ? 1 : -1;
    potentialPrimary[w] = potentialPrimary[parent[w]] + sign * network.primary[a];
    potentialSecondary[w] = potentialSecondary[parent[w]] + sign * network.secondary[a];
  }
}

/** Pivots until no arc prices out; returns the number of pivots. */
function optimise(network: Network, tree: Tree): number {
  let largestCost = 1;
  for (let a = 0; a < network.pairs; a++) largestCost = Math.max(largestCost, Math.abs(network.secondary[a]));
  const pricing = { cursor: 0, block: Math.max(10, Math.ceil(Math.sqrt(network.arcs))), tolerance: TOLERANCE * largestCost };
  const path = new Int32Array(network.nodes);
  let pivots = 0;
  for (;;) {
    let entering = findEntering(network, tree, pricing);
    if (entering === NONE) {
      // Confirm optimality with potentials recomputed from scratch.
      freshPotentials(network, tree);
      entering = findEntering(network, tree, pricing);
      if (entering === NONE) return pivots;
    }
    pivot(network, tree, entering, path);
    pivots++;
  }
}

/**
 * Block search: scan arcs cyclically from the cursor, a block at a time, and
 * take the lexicographically most negative reduced cost of the first block
 * that has one. Ties go to the first arc scanned, so pivots are deterministic.
 */
function findEntering(network: Network, tree: Tree, pricing: { cursor: number; readonly block: number; readonly tolerance: number }): number {
  const { arcs, tail, head, primary, secondary } = network;
  const { potentialPrimary, potentialSecondary } = tree;
  let bestPrimary = 0;
  let bestSecondary = -pricing.tolerance;
  let best = NONE;
  let count = pricing.block;
  let a = pricing.cursor;
  for (let step = 0; step < arcs; step++) {
    const u = tail[a];
    const v = head[a];
    const reducedPrimary = primary[a] + potentialPrimary[u] - potentialPrimary[v];
    if (reducedPrimary <= bestPrimary) {
      const reducedSecondary = secondary[a] + potentialSecondary[u] - potentialSecondary[v];
      if (reducedPrimary < bestPrimary || reducedSecondary < bestSecondary) {
        bestPrimary = reducedPrimary;
        bestSecondary = reducedSecondary;
        best = a;
      }
    }
    if (++a === arcs) a = 0;
    if (--count === 0) {
      if (best !== NONE) break;
      count = pricing.block;
    }
  }
  pricing.cursor = a;
  return best;
}

/** Sends flow round the cycle the entering arc closes and swaps it into the tree for the leaving arc. */
function pivot(network: Network, tree: Tree, entering: number, path: Int32Array): void {
  const { tail, head, flow } = network;
  const { parent, parentArc } = tree;
  const u = tail[entering];
  const v = head[entering];
  const top = apex(tree, u, v);
  // The cycle runs top → … → u → v → … → top. Blocking arcs point against it; Cunningham's rule takes the
  // last one from the apex: nearest u on u's side (strict <), else nearest the apex on v's side (≤).
  let delta = Infinity;
  let leaving = NONE;
  let onTailSide = false;
  for (let w = u; w !== top; w = parent[w]) {
    const a = parentArc[w];
    if (tail[a] === w && flow[a] < delta) {
      delta = flow[a];
      leaving = w;
      onTailSide = true;
    }
  }
  for (let w = v; w !== top; w = parent[w]) {
    const a = parentArc[w];
    if (head[a] === w && flow[a] <= delta) {
      delta = flow[a];
      leaving = w;
      onTailSide = false;
    }
  }
  if (leaving === NONE) throw new Error('solveTransport: unbounded cycle (a bug: the network is acyclic)');
  if (delta > 0) {
    flow[entering] += delta;
    for (let w = u; w !== top; w = parent[w]) flow[parentArc[w]] += tail[parentArc[w]] === w ? -delta : delta;
    for (let w = v; w !== top; w = parent[w]) flow[parentArc[w]] += tail[parentArc[w]] === w ? delta : -delta;
  }
  // The leaving arc cuts off the subtree of `leaving`, which holds q; re-hang it from q under p by the entering arc.
  const q = onTailSide ? u : v;
  const p = onTailSide ? v : u;
  detach(tree, leaving);
  makeRoot(tree, q, path);
  attach(tree, entering, p, q);
  const sign = head[entering] === q ? 1 : -1;
  shiftPotentials(
    tree,
    q,
    tree.potentialPrimary[p] + sign * network.primary[entering] - tree.potentialPrimary[q],
    tree.potentialSecondary[p] + sign * network.secondary[entering] - tree.potentialSecondary[q],
  );
}
