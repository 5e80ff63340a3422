/**
 * Measures of a flow graph (METHODS.md §2): weighted in/out degree,
 * PageRank on flow weights (Page et al. 1999; damping 0.85), HITS hub and
 * authority scores (Kleinberg 1999), density and reciprocity — the share of
 * flow volume on edges whose reverse edge exists. PageRank and HITS are the
 * power iterations of graphology-metrics (same update, same summation order,
 * same stopping rule), run on the graph's CSR arrays: graphology-metrics
 * first indexes a keyed graph into such arrays, which on a national graph
 * cost more than the iterations. The tolerances are tight enough to agree
 * with networkx to 1e-9; graph-metrics.test.ts also checks graphology-metrics'
 * own results on the same graphs.
 */
import { hasEdge, type FlowGraph } from '../model/flow-graph.js';

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

/** Every §2 measure of `graph`, node arrays indexed like the graph's nodes. */
export function graphMeasures(graph: FlowGraph, options: Partial<typeof GRAPH_DEFAULTS> = {}): GraphMeasures {
  const settings = { ...GRAPH_DEFAULTS, ...options };
  const n = graph.order;
  const { start, target, weight } = graph;
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
  for (let i = 0; i < n; i++) {
    for (let e = start[i]; e < start[i + 1]; e++) {
      const j = target[e];
      nodes.outDegree[i]++;
      nodes.inDegree[j]++;
      nodes.weightedOutDegree[i] += weight[e];
      nodes.weightedInDegree[j] += weight[e];
      volume += weight[e];
      if (hasEdge(graph, j, i)) reciprocated += weight[e];
    }
  }
  if (n > 0) nodes.pagerank.set(pagerankScores(graph, nodes.weightedOutDegree, settings));
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
    density: n > 1 ? graph.size / (n * (n - 1)) : 0,
    reciprocity: volume > 0 ? reciprocated / volume : null,
    hitsConverged,
  };
}

/**
 * PageRank by power iteration, as graphology-metrics' `pagerank` (and
 * networkx's): start at 1/n; each step x'_j = Σ_i α·x_i·w_ij/w_i over edges,
 * plus (α·Σ_dangling x + 1 − α)/n for every node; stop when the L1 change is
 * below n·tolerance. Throws when it does not converge (it always does for
 * α < 1 within the default iterations).
 */
export function pagerankScores(graph: FlowGraph, outWeight: Float64Array, settings: typeof GRAPH_DEFAULTS): Float64Array {
  const n = graph.order;
  const { start, target, weight } = graph;
  const alpha = settings.damping;
  const p = 1 / n;
  const normalised = new Float64Array(graph.size);
  const dangling: number[] = [];
  for (let i = 0; i < n; i++) {
    if (graph.start[i + 1] === graph.start[i]) dangling.push(i);
    for (let e = start[i]; e < start[i + 1]; e++) normalised[e] = weight[e] / outWeight[i];
  }
  let x = new Float64Array(n).fill(p);
  let next = new Float64Array(n);
  for (let iteration = 0; iteration < settings.maxIterations; iteration++) {
    let dangleSum = 0;
    for (const i of dangling) dangleSum += x[i];
    dangleSum *= alpha;
    next.fill(0);
    for (let i = 0; i < n; i++) {
      const share = alpha * x[i];
      for (let e = start[i], end = start[i + 1]; e < end; e++) next[target[e]] += share * normalised[e];
      next[i] += dangleSum * p + (1 - alpha) * p;
    }
    let error = 0;
    for (let i = 0; i < n; i++) error += Math.abs(next[i] - x[i]);
    [x, next] = [next, x];
    if (error < n * settings.tolerance) return x;
  }
  throw new Error('PageRank did not converge');
}

/**
 * HITS (Kleinberg 1999) by power iteration on the CSR arrays: authority a ←
 * Aᵀh, hub h ← A·a, each scaled by its maximum, until the hubs change by less
 * than the tolerance (L1); then both normalised to sum 1 — the scores
 * networkx's `hits` returns (its leading singular vectors of the weighted
 * adjacency matrix). The same iteration as graphology-metrics' `hits`.
 * Undefined when it does not converge (a leading singular value that is not
 * unique).
 */
function hitsScores(graph: FlowGraph, settings: typeof GRAPH_DEFAULTS): { hubs: Float64Array; authorities: Float64Array } | undefined {
  const n = graph.order;
  const { start, target, weight } = graph;
  let hubs = new Float64Array(n).fill(1 / n);
  const authorities = new Float64Array(n);
  const tolerance = settings.tolerance * n;
  for (let iteration = 0; iteration < settings.maxIterations; iteration++) {
    authorities.fill(0);
    for (let i = 0; i < n; i++) {
      const hub = hubs[i];
      for (let e = start[i], end = start[i + 1]; e < end; e++) authorities[target[e]] += hub * weight[e];
    }
    const next = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let e = start[i], end = start[i + 1]; e < end; e++) sum += authorities[target[e]] * weight[e];
      next[i] = sum;
    }
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
