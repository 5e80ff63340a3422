/**
 * Measures of a flow graph (METHODS.md §2): weighted in/out degree,
 * PageRank on flow weights (Page et al. 1999; damping 0.85), HITS hub and
 * authority scores (Kleinberg 1999), density and reciprocity — the share of
 * flow volume on edges whose reverse edge exists. graphology-metrics does
 * the iterations; tolerances are tight enough to agree with networkx to 1e-9.
 */
import { hits, pagerank } from 'graphology-metrics/centrality/index.js';
import { density } from 'graphology-metrics/graph/density.js';
import type { FlowGraph } from '../model/flow-graph.js';

export const GRAPH_DEFAULTS = {
  damping: 0.85,
  /** Per-node L1 tolerance of the power iterations. */
  tolerance: 1e-14,
  maxIterations: 10000,
};

export interface NodeMeasures {
  readonly inDegree: Int32Array;
  readonly outDegree: Int32Array;
  readonly weightedInDegree: Float64Array;
  readonly weightedOutDegree: Float64Array;
  readonly pagerank: Float64Array;
  /** HITS scores normalised to sum 1; all 0 when the graph has no edge. */
  readonly hub: Float64Array;
  readonly authority: Float64Array;
}

export interface GraphMeasures {
  readonly nodes: NodeMeasures;
  readonly order: number;
  readonly edges: number;
  /** Σ of edge weights (flow volume between different municipalities). */
  readonly volume: number;
  /** edges / (n(n−1)). */
  readonly density: number;
  /** Share of volume on edges whose reverse exists; null without edges. */
  readonly reciprocity: number | null;
  /** False when HITS did not converge (scores then null in reports). */
  readonly hitsConverged: boolean;
}

/** Every §2 measure of `graph`; node arrays are indexed by the node's `index` attribute. */
export function graphMeasures(graph: FlowGraph, options: Partial<typeof GRAPH_DEFAULTS> = {}): GraphMeasures {
  const settings = { ...GRAPH_DEFAULTS, ...options };
  const n = graph.order;
  const nodes: NodeMeasures = {
    inDegree: new Int32Array(n),
    outDegree: new Int32Array(n),
    weightedInDegree: new Float64Array(n),
    weightedOutDegree: new Float64Array(n),
    pagerank: new Float64Array(n),
    hub: new Float64Array(n),
    authority: new Float64Array(n),
  };
  let volume = 0;
  let reciprocated = 0;
  graph.forEachEdge((_edge, attributes, source, target, sourceAttributes, targetAttributes) => {
    const weight = attributes.weight;
    nodes.outDegree[sourceAttributes.index]++;
    nodes.inDegree[targetAttributes.index]++;
    nodes.weightedOutDegree[sourceAttributes.index] += weight;
    nodes.weightedInDegree[targetAttributes.index] += weight;
    volume += weight;
    if (graph.hasDirectedEdge(target, source)) reciprocated += weight;
  });
  const ranks = n > 0 ? pagerank(graph, { alpha: settings.damping, tolerance: settings.tolerance, maxIterations: settings.maxIterations, getEdgeWeight: 'weight' }) : {};
  graph.forEachNode((node, attributes) => (nodes.pagerank[attributes.index] = ranks[node]));
  let hitsConverged = true;
  if (graph.size > 0) {
    const scores = hitsScores(graph, settings);
    if (scores) {
      graph.forEachNode((node, attributes) => {
        nodes.hub[attributes.index] = scores.hubs[node];
        nodes.authority[attributes.index] = scores.authorities[node];
      });
    } else hitsConverged = false;
  }
  return {
    nodes,
    order: n,
    edges: graph.size,
    volume,
    density: n > 1 ? density(graph) : 0,
    reciprocity: volume > 0 ? reciprocated / volume : null,
    hitsConverged,
  };
}

/**
 * HITS via graphology-metrics. Power iteration may fail to converge when
 * the leading singular value is not unique (e.g. two identical components);
 * that is an outcome of the data, reported as such, not a crash.
 */
function hitsScores(graph: FlowGraph, settings: typeof GRAPH_DEFAULTS): { hubs: Record<string, number>; authorities: Record<string, number> } | undefined {
  try {
    return hits(graph, { getEdgeWeight: 'weight', maxIterations: settings.maxIterations, tolerance: settings.tolerance * graph.order, normalize: true });
  } catch (error) {
    if (error instanceof Error && /failed to converge/.test(error.message)) return undefined;
    throw error;
  }
}
