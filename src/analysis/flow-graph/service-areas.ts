/**
 * Functional service areas (METHODS.md §2): Louvain communities (Blondel et
 * al. 2008) of the symmetrised combined flow graph, w_ij + w_ji, with their
 * modularity. Louvain visits nodes in random order: it takes the seeded
 * generator, so the same seed gives the same areas.
 */
import { UndirectedGraph } from 'graphology';
import louvainModule from 'graphology-communities-louvain';
import { nodeKey, type FlowGraph } from '../../model/flow-graph.js';
import { edgeIndex, flowRows, type Rows } from './graph-metrics.js';
import type { Random } from '../../engines/random.js';

// A CommonJS module: at run time the default import is the function itself.
const louvain = louvainModule as unknown as typeof louvainModule.default;

export interface ServiceAreas {
  /** Area number (1-based) of each municipality, by index. */
  readonly area: Int32Array;
  readonly count: number;
  /** Modularity of the partition; null when the graph has no flows. */
  readonly modularity: number | null;
  /** Per area (1-based, index 0 = area 1): the member with the largest inflow, by municipality index. */
  readonly core: readonly number[];
}

/**
 * Areas of the combined graph. Areas are numbered by their first member in
 * canonical (id) order, so numbering does not depend on Louvain's labels.
 */
export function serviceAreas(graph: FlowGraph, random: Random): ServiceAreas {
  const n = graph.order;
  const combined = flowRows(graph);
  const symmetric = symmetrised(combined);
  const label = new Int32Array(n);
  let modularity: number | null = null;
  if (symmetric.size > 0) {
    const result = louvain.detailed(symmetric, { getEdgeWeight: 'weight', rng: random, resolution: 1 });
    for (let i = 0; i < n; i++) label[i] = result.communities[nodeKey(i)];
    modularity = result.modularity;
  } else {
    for (let i = 0; i < n; i++) label[i] = i;
  }
  const number = new Map<number, number>();
  const area = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (!number.has(label[i])) number.set(label[i], number.size + 1);
    area[i] = number.get(label[i]) ?? 0;
  }
  const inflow = new Float64Array(n);
  for (let e = 0; e < combined.size; e++) inflow[combined.target[e]] += combined.weight[e];
  const core = new Array<number>(number.size).fill(-1);
  for (let i = 0; i < n; i++) {
    const a = area[i] - 1;
    if (core[a] < 0 || inflow[i] > inflow[core[a]]) core[a] = i;
  }
  return { area, count: number.size, modularity, core };
}

/**
 * The undirected graph Louvain runs on: node i keyed nodeKey(i), one edge per
 * unordered pair with weight w_ij + w_ji, added in the order the pairs first
 * occur in the directed rows (the neighbourhood order Louvain visits): at
 * row i, the edge i→j for j > i (with j→i's weight added when it exists),
 * and for j < i only when there is no j→i, which row j has added already.
 * The reverse edge is found by binary search in its row (a map of pairs took
 * about a third of the build nationally).
 */
function symmetrised(graph: Rows): UndirectedGraph<Record<string, never>, { weight: number }> {
  const n = graph.order;
  const symmetric = new UndirectedGraph<Record<string, never>, { weight: number }>();
  for (let i = 0; i < n; i++) symmetric.addNode(nodeKey(i));
  let count = 0;
  for (let i = 0; i < n; i++) {
    for (let e = graph.start[i]; e < graph.start[i + 1]; e++) {
      const j = graph.target[e];
      const back = edgeIndex(graph, j, i);
      if (j < i && back >= 0) continue;
      const weight = back >= 0 ? graph.weight[e] + graph.weight[back] : graph.weight[e];
      symmetric.addUndirectedEdgeWithKey(String(count++), nodeKey(i), nodeKey(j), { weight });
    }
  }
  return symmetric;
}
