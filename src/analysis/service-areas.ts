/**
 * Functional service areas (METHODS.md §2): Louvain communities (Blondel et
 * al. 2008) of the symmetrised combined flow graph, w_ij + w_ji, with their
 * modularity. Louvain visits nodes in random order: it takes the seeded
 * generator, so the same seed gives the same areas.
 */
import { UndirectedGraph } from 'graphology';
import louvainModule from 'graphology-communities-louvain';
import type { FlowGraph } from '../model/flow-graph.js';
import type { Random } from './random.js';

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
export function serviceAreas(combined: FlowGraph, random: Random): ServiceAreas {
  const n = combined.order;
  const symmetric = new UndirectedGraph<{ index: number }, { weight: number }>();
  combined.forEachNode((node, attributes) => symmetric.addNode(node, { index: attributes.index }));
  combined.forEachEdge((_edge, attributes, source, target) => {
    symmetric.updateEdge(source, target, (existing) => ({ weight: (existing.weight ?? 0) + attributes.weight }));
  });
  const label = new Int32Array(n);
  let modularity: number | null = null;
  if (symmetric.size > 0) {
    const result = louvain.detailed(symmetric, { getEdgeWeight: 'weight', rng: random, resolution: 1 });
    symmetric.forEachNode((node, attributes) => (label[attributes.index] = result.communities[node]));
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
  combined.forEachEdge((_edge, attributes, _source, _target, _sourceAttributes, targetAttributes) => (inflow[targetAttributes.index] += attributes.weight));
  const core = new Array<number>(number.size).fill(-1);
  for (let i = 0; i < n; i++) {
    const a = area[i] - 1;
    if (core[a] < 0 || inflow[i] > inflow[core[a]]) core[a] = i;
  }
  return { area, count: number.size, modularity, core };
}
