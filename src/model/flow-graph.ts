/**
 * Flow graphs (METHODS.md §2): one directed graph per service, nodes =
 * municipalities (keyed by id, in canonical order) with their §1 figures as
 * attributes, an edge i→j weighted by F_ij for i ≠ j and F_ij > 0; and the
 * combined graph over all services, weighted by Σ_s F_ij,s. Built once per
 * analysis and shared by every measure that needs them.
 */
import { DirectedGraph } from 'graphology';
import type { Municipality } from './types.js';

export interface EdgeList {
  readonly length: number;
  readonly origin: Int32Array;
  readonly destination: Int32Array;
  readonly users: Float64Array;
}

export interface NodeAttributes {
  readonly index: number;
  readonly [figure: string]: unknown;
}

export interface EdgeAttributes {
  readonly weight: number;
}

export type FlowGraph = DirectedGraph<NodeAttributes, EdgeAttributes>;

/**
 * A directed graph over all municipalities from one or more edge lists,
 * weights summed per (i, j). `attributes(i)` adds node attributes.
 */
export function buildFlowGraph(municipalities: readonly Municipality[], edgeLists: readonly EdgeList[], attributes: (index: number) => Record<string, unknown> = () => ({})): FlowGraph {
  const graph: FlowGraph = new DirectedGraph<NodeAttributes, EdgeAttributes>();
  municipalities.forEach((municipality, index) => graph.addNode(municipality.id, { ...attributes(index), index }));
  // Sum weights per (i, j) first (numeric keys), then add each edge once, in
  // (i, j) order: much faster than merging edges into the graph one by one.
  const n = municipalities.length;
  const weights = new Map<number, number>();
  for (const edges of edgeLists) {
    for (let k = 0; k < edges.length; k++) {
      const i = edges.origin[k];
      const j = edges.destination[k];
      const users = edges.users[k];
      if (i === j || !(users > 0)) continue;
      const key = i * n + j;
      weights.set(key, (weights.get(key) ?? 0) + users);
    }
  }
  const keys = Float64Array.from(weights.keys()).sort();
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k];
    const i = Math.floor(key / n);
    graph.addDirectedEdgeWithKey(String(k), municipalities[i].id, municipalities[key - i * n].id, { weight: weights.get(key) ?? 0 });
  }
  return graph;
}
