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
  /** 1 for origin groups inside the short region. */
  readonly originShort: Uint8Array;
  /** 1 for columns inside the short region (full in every maximum flow). */
  readonly destinationShort: Uint8Array;
}

/**
 * Maximum flow from origins with `demand[g]` to columns with
 * `capacity[j]` over `pairs`, and the short region. Amounts below
 * `tolerance` (relative to the largest demand or capacity) count as zero.
 */
export function shortRegion(pairs: BipartitePairs, demand: Float64Array, capacity: Float64Array, tolerance = 1e-12): ShortRegion {
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
  let count = 0;
  const add = (from: number, to: number, amount: number): void => {
    head[count] = to;
    residual[count] = amount;
    next[count] = first[from];
    first[from] = count++;
    head[count] = from;
    residual[count] = 0;
    next[count] = first[to];
    first[to] = count++;
  };
  for (let g = 0; g < groups; g++) if (demand[g] > eps) add(source, g, demand[g]);
  for (let j = 0; j < columns; j++) if (capacity[j] > eps) add(groups + j, sink, capacity[j]);
  for (let g = 0; g < groups; g++) for (let k = pairs.start[g]; k < pairs.start[g + 1]; k++) add(g, groups + pairs.destination[k], Infinity);

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
  let placed = 0;
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
  // What the source still reaches in the residual network.
  level.fill(-1);
  bfs();
  const originShort = new Uint8Array(groups);
  const destinationShort = new Uint8Array(columns);
  for (let g = 0; g < groups; g++) originShort[g] = level[g] >= 0 ? 1 : 0;
  for (let j = 0; j < columns; j++) destinationShort[j] = level[groups + j] >= 0 ? 1 : 0;
  return { placed, originShort, destinationShort };
}
