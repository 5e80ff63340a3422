/**
 * The spanning tree of the network simplex (transport.ts), kept as LEMON
 * and networkx keep it: parent pointers and the arc to the parent, subtree
 * sizes, a preorder thread (next, previous, and the last node of each
 * subtree) and two-part potentials. These operations re-hang subtrees when
 * an arc enters the tree and another leaves, in time proportional to the
 * subtrees moved.
 */

/** No node. */
export const NONE = -1;

/** A spanning tree rooted at r: parent pointers, the arc to the parent, subtree sizes, the preorder thread and potentials. */
export interface Tree {
  readonly parent: Int32Array;
  readonly parentArc: Int32Array;
  readonly size: Int32Array;
  readonly next: Int32Array;
  readonly previous: Int32Array;
  /** The last node of each subtree in thread order. */
  readonly last: Int32Array;
  readonly potentialPrimary: Float64Array;
  readonly potentialSecondary: Float64Array;
}

/** The nearest common ancestor: an ancestor's subtree is strictly larger than its descendants'. */
export function apex(tree: Tree, u: number, v: number): number {
  const { parent, size } = tree;
  let a = u;
  let b = v;
  for (;;) {
    while (size[a] < size[b]) a = parent[a];
    while (size[b] < size[a]) b = parent[b];
    if (size[a] === size[b]) {
      if (a === b) return a;
      a = parent[a];
      b = parent[b];
    }
  }
}

/** Cuts x from its parent: its subtree leaves the thread (as a circular thread of its own) and its ancestors' sizes and last nodes. */
export function detach(tree: Tree, x: number): void {
  const { parent, parentArc, size, next, previous, last } = tree;
  const sizeX = size[x];
  const previousX = previous[x];
  const lastX = last[x];
  const afterX = next[lastX];
  let s = parent[x];
  parent[x] = NONE;
  parentArc[x] = NONE;
  next[previousX] = afterX;
  previous[afterX] = previousX;
  next[lastX] = x;
  previous[x] = lastX;
  for (; s !== NONE; s = parent[s]) {
    size[s] -= sizeX;
    if (last[s] === lastX) last[s] = previousX;
  }
}

/** Re-roots a detached subtree at q by reversing the parent links on the path from q to its old root. */
export function makeRoot(tree: Tree, q: number, path: Int32Array): void {
  const { parent, parentArc, size, next, previous, last } = tree;
  let length = 0;
  for (let w = q; w !== NONE; w = parent[w]) path[length++] = w;
  for (let k = length - 1; k > 0; k--) {
    const p = path[k];
    const c = path[k - 1];
    // Make p, the current root, a child of c.
    const sizeP = size[p];
    let lastP = last[p];
    const previousC = previous[c];
    const lastC = last[c];
    const afterC = next[lastC];
    parent[p] = c;
    parent[c] = NONE;
    parentArc[p] = parentArc[c];
    parentArc[c] = NONE;
    size[p] = sizeP - size[c];
    size[c] = sizeP;
    // Take c's subtree out of the thread, then put the rest of p's after it.
    next[previousC] = afterC;
    previous[afterC] = previousC;
    next[lastC] = c;
    previous[c] = lastC;
    if (lastP === lastC) {
      last[p] = previousC;
      lastP = previousC;
    }
    previous[p] = lastC;
    next[lastC] = p;
    next[lastP] = c;
    previous[c] = lastP;
    last[c] = lastP;
  }
}

/** Hangs the subtree rooted at q under p by arc a, right after p's subtree in the thread. */
export function attach(tree: Tree, a: number, p: number, q: number): void {
  const { parent, parentArc, size, next, previous, last } = tree;
  const lastP = last[p];
  const afterP = next[lastP];
  const sizeQ = size[q];
  const lastQ = last[q];
  parent[q] = p;
  parentArc[q] = a;
  next[lastP] = q;
  previous[q] = lastP;
  previous[afterP] = lastQ;
  next[lastQ] = afterP;
  for (let w = p; w !== NONE; w = parent[w]) {
    size[w] += sizeQ;
    if (last[w] === lastP) last[w] = lastQ;
  }
}

/** Adds (primary, secondary) to the potentials of the subtree rooted at q. */
export function shiftPotentials(tree: Tree, q: number, primary: number, secondary: number): void {
  const { next, last, potentialPrimary, potentialSecondary } = tree;
  const end = last[q];
  for (let w = q; ; w = next[w]) {
    potentialPrimary[w] += primary;
    potentialSecondary[w] += secondary;
    if (w === end) return;
  }
}
