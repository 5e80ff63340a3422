/**
 * Measures of a flow graph (METHODS.md §2): weighted in/out degree,
 * PageRank on flow weights (Page et al. 1999; damping 0.85), HITS hub and
 * authority scores (Kleinberg 1999), density and reciprocity — the share of
 * flow volume on edges whose reverse edge exists. graphology-metrics does
 * PageRank and density; HITS runs on typed arrays (see hitsScores). The
 * tolerances are tight enough to agree with networkx to 1e-9.
 */
import { pagerank } from 'graphology-metrics/centrality/index.js';
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
      nodes.hub.set(scores.hubs);
      nodes.authority.set(scores.authorities);
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
 * HITS (Kleinberg 1999) by power iteration on typed arrays: authority a ←
 * Aᵀh, hub h ← A·a, each scaled by its maximum, until the hubs change by less
 * than the tolerance (L1); then both normalised to sum 1 — the scores
 * networkx's `hits` returns (its leading singular vectors of the weighted
 * adjacency matrix). The same iteration as graphology-metrics' `hits`, on
 * CSR arrays instead of keyed objects, which makes it fast enough for the
 * national graph. Undefined when it does not converge (a leading singular
 * value that is not unique).
 */
function hitsScores(graph: FlowGraph, settings: typeof GRAPH_DEFAULTS): { hubs: Float64Array; authorities: Float64Array } | undefined {
  const n = graph.order;
  const source: number[] = [];
  const target: number[] = [];
  const weight: number[] = [];
  graph.forEachEdge((_edge, attributes, _s, _t, sourceAttributes, targetAttributes) => {
    source.push(sourceAttributes.index);
    target.push(targetAttributes.index);
    weight.push(attributes.weight);
  });
  const m = source.length;
  let hubs = new Float64Array(n).fill(1 / n);
  const authorities = new Float64Array(n);
  const tolerance = settings.tolerance * n;
  for (let iteration = 0; iteration < settings.maxIterations; iteration++) {
    authorities.fill(0);
    for (let e = 0; e < m; e++) authorities[target[e]] += hubs[source[e]] * weight[e];
    const next = new Float64Array(n);
    for (let e = 0; e < m; e++) next[source[e]] += authorities[target[e]] * weight[e];
    let maxHub = 0;
    let maxAuthority = 0;
    for (let i = 0; i < n; i++) {
      if (next[i] > maxHub) maxHub = next[i];
      if (authorities[i] > maxAuthority) maxAuthority = authorities[i];
    }
    let change = 0;
    for (let i = 0; i < n; i++) {
      next[i] /= maxHub;
      authorities[i] /= maxAuthority;
      change += Math.abs(next[i] - hubs[i]);
    }
    hubs = next;
    if (change < tolerance) {
      const hubSum = hubs.reduce((a, b) => a + b, 0);
      const authoritySum = authorities.reduce((a, b) => a + b, 0);
      return { hubs: hubs.map((h) => h / hubSum), authorities: authorities.map((a) => a / authoritySum) };
    }
  }
  return undefined;
}
