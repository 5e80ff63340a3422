/**
 * Connected components of a graph given as adjacency lists (union–find), so
 * that optimisation problems split into independent parts (METHODS.md §5–§7:
 * "Large problems split into independent clusters").
 */

/** Component id per node, numbered 0, 1, … in order of each component's smallest node. */
export function components(count: number, edges: Iterable<readonly [number, number]>): Int32Array {
  const sets = unionFind(count);
  for (const [a, b] of edges) sets.union(a, b);
  return sets.labels();
}

/** The same for a graph in CSR form (row i's neighbours are target[start[i] … start[i+1]−1]), without edge tuples. */
export function rowComponents(count: number, start: Int32Array, target: Int32Array): Int32Array {
  const sets = unionFind(count);
  for (let i = 0; i < count; i++) for (let e = start[i]; e < start[i + 1]; e++) sets.union(i, target[e]);
  return sets.labels();
}

function unionFind(count: number): { union(a: number, b: number): void; labels(): Int32Array } {
  const parent = Int32Array.from({ length: count }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  return {
    union(a, b) {
      const ra = find(a);
      const rb = find(b);
      if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
    },
    labels() {
      const label = new Int32Array(count).fill(-1);
      const ids = new Map<number, number>();
      for (let i = 0; i < count; i++) {
        const root = find(i);
        let id = ids.get(root);
        if (id === undefined) ids.set(root, (id = ids.size));
        label[i] = id;
      }
      return label;
    },
  };
}

/** Members of each component, in node order. */
export function groups(label: Int32Array): number[][] {
  const out: number[][] = [];
  label.forEach((id, i) => (out[id] ??= []).push(i));
  return out;
}
