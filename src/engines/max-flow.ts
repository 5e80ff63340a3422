/**
 * Most residents that can be placed within reach, and the part of the map
 * where places run out (METHODS.md §4, capacity-aware estimate).
 *
 * A bipartite flow network: source → origin i (capacity D_i), origin i →
 * destination j for every pair in reach (unbounded), destination j → sink
 * (capacity S_j). Dinic's algorithm (Dinic 1970; Ahuja, Magnanti & Orlin
 * 1993, §7.5) finds a maximum flow; the nodes still reachable from the
 * source in its residual network form the *short region*: origins that
 * could hold the unplaced residents and the destinations they reach, all of
 * which are full in every maximum flow, and whose places go to nobody from
 * outside the region. That set is the same for every maximum flow (it is the
 * source side of the minimal minimum cut), so it does not depend on which
 * maximum flow was found.
 */

/** Origin groups with their pairs: group g's pairs are `start[g] … start[g+1]-1`. */
export interface BipartitePairs {
  readonly start: Int32Array;
  /** Destination (column) of each pair, 0 … columns−1. */
  readonly destination: Int32Array;
}

export interface ShortRegion {
  /** Residents placed in a maximum flow, Σ over origins. */
  readonly placed: number;
  /** That maximum flow, per pair. */
  readonly flows: Float64Array;
  /** 1 for origin groups inside the short region. */
  readonly originShort: Uint8Array;
  /** 1 for columns inside the short region (full in every maximum flow). */
  readonly destinationShort: Uint8Array;
  /**
   * 1 for pairs that carry nobody in every maximum flow (exact ties of
   * demand and places can force that): the closest allocation leaves them
   * empty, which no finite balancing factor reaches, so they are left out.
   */
  readonly pairDead: Uint8Array;
}

/**
 * Maximum flow from origins with `demand[g]` to columns with
 * `capacity[j]` over `pairs`, and the short region. Amounts below
 * `tolerance` (relative to the largest demand or capacity) count as zero.
 * With `start` (a feasible flow per pair) the search begins from it, so the
 * maximum flow found differs from it only along augmenting paths.
 */
export function shortRegion(pairs: BipartitePairs, demand: Float64Array, capacity: Float64Array, start?: Float64Array, tolerance = 1e-12): ShortRegion {
  const network = dinic(pairs, demand, capacity, start, tolerance);
  const { groups, columns, nodes, first, next, head, residual, eps, level, bfs } = network;
  // What the source still reaches in the residual network.
  level.fill(-1);
  bfs();
  const originShort = new Uint8Array(groups);
  const destinationShort = new Uint8Array(columns);
  for (let g = 0; g < groups; g++) originShort[g] = level[g] >= 0 ? 1 : 0;
  for (let j = 0; j < columns; j++) destinationShort[j] = level[groups + j] >= 0 ? 1 : 0;
  // A pair can carry someone in some maximum flow iff it does in this one or
  // its ends lie on a cycle of the residual network (push around the cycle).
  const component = residualComponents(nodes, first, next, head, residual, eps);
  const pairDead = new Uint8Array(pairs.destination.length);
  for (let g = 0, k = 0; g < groups; g++) {
    for (; k < pairs.start[g + 1]; k++) {
      const carried = network.flows[k] > eps;
      pairDead[k] = !carried && component[g] !== component[groups + pairs.destination[k]] ? 1 : 0;
    }
  }
  return { placed: network.placed, flows: network.flows, originShort, destinationShort, pairDead };
}

/** A maximum flow per pair, as `shortRegion` finds it, without the region (cheaper). */
export function maximumFlow(pairs: BipartitePairs, demand: Float64Array, capacity: Float64Array, start?: Float64Array, tolerance = 1e-12): Float64Array {
  return dinic(pairs, demand, capacity, start, tolerance).flows;
}

/** Dinic's algorithm on the network of `shortRegion`; the residual network it leaves, with its breadth-first search. */
function dinic(pairs: BipartitePairs, demand: Float64Array, capacity: Float64Array, start: Float64Array | undefined, tolerance: number) {
  const groups = demand.length;
  const columns = capacity.length;
  const source = groups + columns;
  const sink = source + 1;
  const nodes = sink + 1;
  const pairCount = pairs.destination.length;
  const edges = 2 * (groups + pairCount + columns);
  const head = new Int32Array(edges);
  const residual = new Float64Array(edges);
  const next = new Int32Array(edges);
  const first = new Int32Array(nodes).fill(-1);
  let scale = 0;
  for (let g = 0; g < groups; g++) scale = Math.max(scale, demand[g]);
  for (let j = 0; j < columns; j++) scale = Math.max(scale, capacity[j]);
  const eps = tolerance * Math.max(scale, 1);
  // Arcs in pairs (arc, reverse arc = arc ^ 1), each node's arcs a linked list from `first`:
  // source → origin g (arc 2g), column j → sink (arc 2(groups + j)), origin → column per pair k (arc firstPairEdge + 2k).
  const sent = new Float64Array(groups);
  const received = new Float64Array(columns);
  if (start) {
    for (let g = 0; g < groups; g++) {
      for (let k = pairs.start[g]; k < pairs.start[g + 1]; k++) {
        sent[g] += start[k];
        received[pairs.destination[k]] += start[k];
      }
    }
  }
  let count = 0;
  const link = (from: number, to: number, forward: number, backward: number): void => {
    head[count] = to;
    residual[count] = forward;
    next[count] = first[from];
    first[from] = count++;
    head[count] = from;
    residual[count] = backward;
    next[count] = first[to];
    first[to] = count++;
  };
  for (let g = 0; g < groups; g++) link(source, g, Math.max(0, demand[g] - sent[g]), sent[g]);
  for (let j = 0; j < columns; j++) link(groups + j, sink, Math.max(0, capacity[j] - received[j]), received[j]);
  const firstPairEdge = count;
  for (let g = 0; g < groups; g++) {
    for (let k = pairs.start[g]; k < pairs.start[g + 1]; k++) link(g, groups + pairs.destination[k], Infinity, start ? start[k] : 0);
  }
  let placed = 0;
  for (let g = 0; g < groups; g++) placed += sent[g];

  const level = new Int32Array(nodes);
  const cursor = new Int32Array(nodes);
  const queue = new Int32Array(nodes);
  const bfs = (): boolean => {
    level.fill(-1);
    level[source] = 0;
    let qHead = 0;
    let qTail = 0;
    queue[qTail++] = source;
    while (qHead < qTail) {
      const u = queue[qHead++];
      for (let e = first[u]; e >= 0; e = next[e]) {
        if (residual[e] > eps && level[head[e]] < 0) {
          level[head[e]] = level[u] + 1;
          queue[qTail++] = head[e];
        }
      }
    }
    return level[sink] >= 0;
  };
  // Blocking flow by iterative depth-first search (paths have at most 4 edges).
  const path = new Int32Array(nodes);
  while (bfs()) {
    for (let u = 0; u < nodes; u++) cursor[u] = first[u];
    for (;;) {
      let depth = 0;
      let u = source;
      let found = false;
      while (true) {
        if (u === sink) {
          found = true;
          break;
        }
        let e = cursor[u];
        while (e >= 0 && !(residual[e] > eps && level[head[e]] === level[u] + 1)) e = next[e];
        cursor[u] = e;
        if (e < 0) {
          if (u === source) break;
          level[u] = -1; // dead end: never visit again in this phase
          u = head[path[--depth] ^ 1];
          cursor[u] = next[cursor[u]];
          continue;
        }
        path[depth++] = e;
        u = head[e];
      }
      if (!found) break;
      let push = Infinity;
      for (let d = 0; d < depth; d++) push = Math.min(push, residual[path[d]]);
      for (let d = 0; d < depth; d++) {
        residual[path[d]] -= push;
        residual[path[d] ^ 1] += push;
      }
      placed += push;
    }
  }
  const flows = new Float64Array(pairCount);
  for (let k = 0; k < pairCount; k++) flows[k] = residual[firstPairEdge + 2 * k + 1];
  return { groups, columns, nodes, first, next, head, residual, eps, level, bfs, placed, flows };
}

/** Strongly connected components of the arcs with residual > eps (Tarjan 1972, iterative). */
function residualComponents(nodes: number, first: Int32Array, next: Int32Array, head: Int32Array, residual: Float64Array, eps: number): Int32Array {
  const index = new Int32Array(nodes).fill(-1);
  const low = new Int32Array(nodes);
  const component = new Int32Array(nodes).fill(-1);
  const onStack = new Uint8Array(nodes);
  const stack = new Int32Array(nodes);
  const callNode = new Int32Array(nodes);
  const callEdge = new Int32Array(nodes);
  let stackTop = 0;
  let counter = 0;
  let components = 0;
  for (let root = 0; root < nodes; root++) {
    if (index[root] >= 0) continue;
    let depth = 0;
    callNode[0] = root;
    callEdge[0] = first[root];
    index[root] = low[root] = counter++;
    stack[stackTop++] = root;
    onStack[root] = 1;
    while (depth >= 0) {
      const u = callNode[depth];
      let e = callEdge[depth];
      while (e >= 0 && !(residual[e] > eps)) e = next[e];
      if (e >= 0) {
        callEdge[depth] = next[e];
        const v = head[e];
        if (index[v] < 0) {
          index[v] = low[v] = counter++;
          stack[stackTop++] = v;
          onStack[v] = 1;
          depth++;
          callNode[depth] = v;
          callEdge[depth] = first[v];
        } else if (onStack[v]) low[u] = Math.min(low[u], index[v]);
        continue;
      }
      if (low[u] === index[u]) {
        let w: number;
        do {
          w = stack[--stackTop];
          onStack[w] = 0;
          component[w] = components;
        } while (w !== u);
        components++;
      }
      depth--;
      if (depth >= 0) low[callNode[depth]] = Math.min(low[callNode[depth]], low[u]);
    }
  }
  return component;
}
