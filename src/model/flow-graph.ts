/**
 * Flow graphs (docs/methods.md §2): one directed graphology graph per
 * service — nodes the municipalities in canonical order, with their §1
 * figures for that service as attributes; an edge i→j weighted by F_ij for
 * i ≠ j and F_ij > 0 — and the combined graph over all services, weighted by
 * Σ_s F_ij,s (its nodes carry the municipality's own attributes only: the
 * services' figures count different things). Every §2 measure is taken from
 * these graphs (graph-metrics.ts, service-areas.ts).
 *
 * Node keys are `m<index>`, not the municipality ids: graphology keeps each
 * node's neighbours in an object, and integer-like keys (most TERYT codes)
 * made building the national graphs about 2.5 × slower and would list
 * neighbours in numeric rather than insertion order. The id is the node's
 * `id` attribute.
 */
import { DirectedGraph } from 'graphology';
import type { Municipality } from './types.js';

export interface EdgeList {
  readonly length: number;
  readonly origin: Int32Array;
  readonly destination: Int32Array;
  readonly users: Float64Array;
}

/** A service's §1 figures of one municipality, as node attributes (numbers, null where undefined, the class as text). */
export type NodeFigures = Readonly<Record<string, number | string | null>>;

export interface MunicipalityNode {
  /** Position in the dataset's canonical order. */
  readonly index: number;
  readonly id: string;
  /** The municipality's name (what graph tools show). */
  readonly label: string;
  readonly population: number;
  readonly partner: boolean;
  readonly [figure: string]: number | string | boolean | null;
}

export interface FlowAttributes {
  /** Users of the flow (summed over services in the combined graph). */
  readonly weight: number;
}

export type FlowGraph = DirectedGraph<MunicipalityNode, FlowAttributes>;

/** The key of municipality i's node. */
export function nodeKey(i: number): string {
  return `m${i}`;
}

/**
 * A directed graph over all municipalities from one or more edge lists,
 * weights summed per (i, j) in list order (so the sums, and every measure,
 * do not depend on how rows were ordered within a list). Edges are added by
 * origin, then destination: each node's out-edges are listed in destination
 * order, keyed by their number in that order (deterministic, unlike
 * graphology's generated keys, and about 10 % faster to add nationally).
 * `figures[i]` are added to node i's attributes.
 */
export function buildFlowGraph(municipalities: readonly Municipality[], edgeLists: readonly EdgeList[], figures?: readonly NodeFigures[]): FlowGraph {
  const n = municipalities.length;
  const graph: FlowGraph = new DirectedGraph<MunicipalityNode, FlowAttributes>();
  municipalities.forEach((municipality, i) => {
    graph.addNode(nodeKey(i), { index: i, id: municipality.id, label: municipality.name, population: municipality.population, partner: municipality.partner, ...figures?.[i] });
  });
  const entries = keptEntries(n, edgeLists);
  let previous = -1;
  let weight = 0;
  const add = (): void => {
    if (previous < 0) return;
    const i = Math.floor(previous / n);
    graph.addDirectedEdgeWithKey(String(graph.size), nodeKey(i), nodeKey(previous - i * n), { weight });
  };
  for (let e = 0; e < entries.pair.length; e++) {
    const pair = entries.pair[e];
    if (pair === previous) {
      weight += entries.users[e];
      continue;
    }
    add();
    previous = pair;
    weight = entries.users[e];
  }
  add();
  return graph;
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
