/**
 * Flow graphs (METHODS.md §2): one directed graph per service, nodes =
 * municipalities in canonical order, an edge i→j weighted by F_ij for i ≠ j
 * and F_ij > 0; and the combined graph over all services, weighted by
 * Σ_s F_ij,s. Built once per analysis and shared by every measure.
 *
 * Stored as compressed sparse rows (typed arrays), the layout graphology's
 * own metrics build internally before they iterate: a national graph has
 * 100,000+ estimated edges per service, and adding those to a keyed
 * graphology graph took about a second per graph, longer than measuring
 * it. graphology itself is used where its algorithms are (Louvain service
 * areas, src/analysis/service-areas.ts), built from these rows.
 */
import type { Municipality } from './types.js';

export interface EdgeList {
  readonly length: number;
  readonly origin: Int32Array;
  readonly destination: Int32Array;
  readonly users: Float64Array;
}

/** Directed weighted graph in CSR form: the edges of i are start[i] … start[i+1]−1, targets ascending. */
export interface FlowGraph {
  /** Number of nodes (municipalities). */
  readonly order: number;
  /** Number of edges. */
  readonly size: number;
  readonly start: Int32Array;
  readonly target: Int32Array;
  readonly weight: Float64Array;
}

/**
 * A directed graph over all municipalities from one or more edge lists,
 * weights summed per (i, j) in list order (so the sums, and every measure,
 * do not depend on how rows were ordered within a list).
 */
export function buildFlowGraph(municipalities: readonly Municipality[], edgeLists: readonly EdgeList[]): FlowGraph {
  const n = municipalities.length;
  const entries = keptEntries(n, edgeLists);
  const start = new Int32Array(n + 1);
  const target = new Int32Array(entries.pair.length);
  const weight = new Float64Array(entries.pair.length);
  let size = 0;
  let previous = -1;
  for (let e = 0; e < entries.pair.length; e++) {
    const pair = entries.pair[e];
    if (pair === previous) {
      weight[size - 1] += entries.users[e];
      continue;
    }
    previous = pair;
    const i = Math.floor(pair / n);
    target[size] = pair - i * n;
    weight[size] = entries.users[e];
    start[i + 1]++;
    size++;
  }
  for (let i = 0; i < n; i++) start[i + 1] += start[i];
  return { order: n, size, start, target: target.slice(0, size), weight: weight.slice(0, size) };
}

/**
 * Every edge kept (i ≠ j, users > 0) as its pair number i·n + j and users,
 * sorted by pair, then list, then position in the list. Sorted as packed
 * numbers (pair, list, position) in a Float64Array when they fit in a
 * double's integers (always, for any real dataset), else by comparison;
 * `packLimit` exists so tests can take the second path.
 */
export function keptEntries(n: number, edgeLists: readonly EdgeList[], packLimit = Number.MAX_SAFE_INTEGER): { pair: Float64Array; users: Float64Array } {
  const lists = edgeLists.length;
  const longest = Math.max(1, ...edgeLists.map((edges) => edges.length));
  const total = edgeLists.reduce((sum, edges) => sum + edges.length, 0);
  const code = new Float64Array(total);
  let count = 0;
  edgeLists.forEach((edges, list) => {
    for (let k = 0; k < edges.length; k++) {
      const i = edges.origin[k];
      const j = edges.destination[k];
      if (i !== j && edges.users[k] > 0) code[count++] = ((i * n + j) * lists + list) * longest + k;
    }
  });
  const kept = code.subarray(0, count);
  const pair = new Float64Array(count);
  const users = new Float64Array(count);
  if (n * n * lists * longest < packLimit) {
    kept.sort();
    for (let e = 0; e < count; e++) {
      const k = kept[e] % longest;
      const rest = (kept[e] - k) / longest;
      const list = rest % lists;
      pair[e] = (rest - list) / lists;
      users[e] = edgeLists[list].users[k];
    }
    return { pair, users };
  }
  const at: { pair: number; list: number; k: number }[] = [];
  edgeLists.forEach((edges, list) => {
    for (let k = 0; k < edges.length; k++) if (edges.origin[k] !== edges.destination[k] && edges.users[k] > 0) at.push({ pair: edges.origin[k] * n + edges.destination[k], list, k });
  });
  at.sort((a, b) => a.pair - b.pair || a.list - b.list || a.k - b.k);
  at.forEach((entry, e) => {
    pair[e] = entry.pair;
    users[e] = edgeLists[entry.list].users[entry.k];
  });
  return { pair, users };
}

/** Whether the graph has the edge i→j (binary search in row i). */
export function hasEdge(graph: FlowGraph, i: number, j: number): boolean {
  let low = graph.start[i];
  let high = graph.start[i + 1] - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const t = graph.target[middle];
    if (t === j) return true;
    if (t < j) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}
