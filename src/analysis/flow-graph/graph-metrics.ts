/**
 * Measures of a flow graph (docs/methods.md §2), taken from its graphology
 * graph: PageRank on flow weights (Page et al. 1999; damping 0.85) and
 * density from graphology-metrics; weighted and unweighted in/out degree,
 * reciprocity — the share of flow volume on edges whose reverse edge exists
 * — and HITS hub and authority scores (Kleinberg 1999) by the project's own
 * code, on the graph's rows (flowRows). Measured on the national graphs
 * (docs/performance.md): graphology-metrics' `hits` took 8.7 s and has no
 * answer when two components tie; its weighted degrees, one call per node,
 * took 5 × one pass over the rows; reciprocity by volume is not among its
 * measures. The tolerances are tight enough to agree with networkx to 1e-9
 * (graph-metrics.test.ts).
 */
import pagerankModule from 'graphology-metrics/centrality/pagerank.js';
import { density } from 'graphology-metrics/graph/density.js';
import type { FlowGraph } from '../../model/flow-graph.js';
import { groups, rowComponents } from '../../engines/components.js';

// A CommonJS module: at run time the default import is the function itself.
const pagerank = pagerankModule as unknown as typeof pagerankModule.default;

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

/**
 * A flow graph as compressed sparse rows: node i's edges are start[i] …
 * start[i+1]−1, in the graph's out-edge order (destinations ascending). The
 * form HITS iterates on.
 */
export interface Rows {
  readonly order: number;
  readonly size: number;
  readonly start: Int32Array;
  readonly target: Int32Array;
  readonly weight: Float64Array;
}

/** Every §2 measure of `graph`, node arrays indexed like the graph's nodes (canonical order). */
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
  const rows = flowRows(graph);
  const { start, target, weight } = rows;
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
      if (hasEdge(rows, j, i)) reciprocated += weight[e];
    }
  }
  if (n > 0) {
    const scores = pagerank(graph, { getEdgeWeight: 'weight', alpha: settings.damping, tolerance: settings.tolerance, maxIterations: settings.maxIterations });
    let i = 0;
    graph.forEachNode((node) => (nodes.pagerank[i++] = scores[node]));
  }
  let hitsConverged = true;
  if (graph.size > 0) {
    const scores = hitsScores(rows, settings);
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

/** The graph's edges as rows, nodes numbered in graph order. */
export function flowRows(graph: FlowGraph): Rows {
  const n = graph.order;
  const start = new Int32Array(n + 1);
  const target = new Int32Array(graph.size);
  const weight = new Float64Array(graph.size);
  let e = 0;
  let i = 0;
  graph.forEachNode((node) => {
    graph.forEachOutEdge(node, (_edge, attributes, _source, _target, _sourceAttributes, targetAttributes) => {
      target[e] = targetAttributes.index;
      weight[e++] = attributes.weight;
    });
    start[++i] = e;
  });
  return { order: n, size: graph.size, start, target, weight };
}

/** Whether the rows have the edge i→j. */
function hasEdge(rows: Rows, i: number, j: number): boolean {
  return edgeIndex(rows, i, j) >= 0;
}

/** The position of the edge i→j in the rows, −1 when there is none (binary search in row i: destinations ascend). */
export function edgeIndex(rows: Rows, i: number, j: number): number {
  let low = rows.start[i];
  let high = rows.start[i + 1] - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const t = rows.target[middle];
    if (t === j) return middle;
    if (t < j) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/**
 * HITS (Kleinberg 1999): hubs and authorities are the leading singular
 * vectors of the weighted adjacency matrix, normalised to sum 1 — what
 * networkx's `hits` returns. The matrix is block-diagonal over the weakly
 * connected components, so its leading singular vectors are those of the
 * component with the largest leading singular value, zero elsewhere. Each
 * component is solved on its own (power iteration, below) and the largest
 * wins: on one graph the power iteration would need ever more steps the
 * closer two components' values are (its rate is (σ₂/σ₁)²). Undefined when
 * a component's iteration does not converge, or when two components tie for
 * the largest value (within 1e-9 relative): the leading vectors are then not
 * unique.
 */
function hitsScores(graph: Rows, settings: typeof GRAPH_DEFAULTS): { hubs: Float64Array; authorities: Float64Array } | undefined {
  const n = graph.order;
  let best: { value: number; members: number[]; hubs: Float64Array; authorities: Float64Array } | undefined;
  let tied = false;
  for (const members of groups(rowComponents(n, graph.start, graph.target))) {
    if (members.length < 2) continue;
    const scores = componentHits(subgraph(graph, members), settings);
    if (!scores) return undefined;
    if (!best || scores.value > best.value * (1 + 1e-9)) {
      best = { ...scores, members };
      tied = false;
    } else if (scores.value >= best.value * (1 - 1e-9)) tied = true;
  }
  if (!best || tied) return undefined;
  const hubs = new Float64Array(n);
  const authorities = new Float64Array(n);
  const hubSum = best.hubs.reduce((a, b) => a + b, 0);
  const authoritySum = best.authorities.reduce((a, b) => a + b, 0);
  best.members.forEach((i, k) => {
    hubs[i] = best.hubs[k] / hubSum;
    authorities[i] = best.authorities[k] / authoritySum;
  });
  return { hubs, authorities };
}

/** The subgraph on `members` (ascending), renumbered 0 … members.length − 1. */
function subgraph(graph: Rows, members: readonly number[]): Rows {
  const local = new Map(members.map((i, k) => [i, k]));
  const start = new Int32Array(members.length + 1);
  members.forEach((i, k) => (start[k + 1] = start[k] + graph.start[i + 1] - graph.start[i]));
  const size = start[members.length];
  const target = new Int32Array(size);
  const weight = new Float64Array(size);
  members.forEach((i, k) => {
    for (let e = graph.start[i], at = start[k]; e < graph.start[i + 1]; e++, at++) {
      target[at] = local.get(graph.target[e]) ?? -1;
      weight[at] = graph.weight[e];
    }
  });
  return { order: members.length, size, start, target, weight };
}

/**
 * The power iteration of graphology-metrics' `hits` on one component:
 * authority a ← Aᵀh, hub h ← A·a, each scaled by its maximum, until the hubs
 * change by less than the tolerance (L1, per node). Returns the max-scaled
 * vectors and the leading eigenvalue of AAᵀ (σ₁²: the hubs' maximum before
 * scaling, once they have converged); undefined when it does not converge.
 */
function componentHits(graph: Rows, settings: typeof GRAPH_DEFAULTS): { hubs: Float64Array; authorities: Float64Array; value: number } | undefined {
  const n = graph.order;
  const { start, target } = graph;
  // Weights far from 1 are scaled to a maximum of 1 first: the products of a few iterations would under- or
  // overflow (scores all null), and the max-scaled vectors do not depend on the scale (issue 16, item 21).
  const largest = graph.weight.reduce((a, b) => Math.max(a, b), 0);
  const scale = largest > 0 && (largest < 1e-100 || largest > 1e100) ? largest : 1;
  const weight = scale === 1 ? graph.weight : graph.weight.map((w) => w / scale);
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
    if (change < tolerance) return { hubs, authorities, value: maxHub * scale * scale };
  }
  return undefined;
}
