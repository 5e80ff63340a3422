/**
 * Results of the second core's graph jobs (second-core.ts) in shared memory,
 * so that the main thread can wait for them synchronously (Atomics.wait)
 * inside the analysis. Kept apart from second-core.ts so that the worker
 * can load it, and report failures through it, before anything else.
 */
import type { GraphMeasures } from '../analysis/flow-graph/graph-metrics.js';
import type { ServiceAreas } from '../analysis/flow-graph/service-areas.js';

/** Longest wait for a graph result: a safety net (the national graphs take well under a second, 10,000 municipalities a few). */
const RESULT_TIMEOUT_MS = 5 * 60 * 1000;

// A result slot in shared memory: Int32 status (0 pending, 1 done, 2
// failed, 3 started by the worker, 4 taken by the main thread) and length,
// then from byte 16 the result as Float64 numbers, or on failure the
// message as UTF-8. A job is done by whichever thread starts it first: the
// worker when it gets to it, or the main thread when it needs the result
// and the worker has not started it (so the main thread never waits idle
// for a job queued behind another).
const HEADER = 16;
const MESSAGE_BYTES = 4096;

export function slotBytes(numbers: number): number {
  return HEADER + Math.max(8 * numbers, MESSAGE_BYTES);
}

/** The worker's side, before a job: false when the main thread has taken it (the worker then skips it). */
export function startSlot(shared: SharedArrayBuffer): boolean {
  return Atomics.compareExchange(new Int32Array(shared, 0, 2), 0, 0, 3) === 0;
}

/** The main thread's side: true when it takes the job, which the worker has not started (the main thread then does it). */
export function takeSlot(shared: SharedArrayBuffer): boolean {
  return Atomics.compareExchange(new Int32Array(shared, 0, 2), 0, 0, 4) === 0;
}

/** The worker's side: the result's numbers into the slot, then the main thread woken. */
export function fillSlot(shared: SharedArrayBuffer, numbers: Float64Array): void {
  new Float64Array(shared, HEADER, numbers.length).set(numbers);
  const header = new Int32Array(shared, 0, 2);
  header[1] = numbers.length;
  Atomics.store(header, 0, 1);
  Atomics.notify(header, 0);
}

export function failSlot(shared: SharedArrayBuffer, message: string): void {
  const bytes = new TextEncoder().encode(message).subarray(0, MESSAGE_BYTES);
  const header = new Int32Array(shared, 0, 2);
  header[1] = bytes.length;
  new Uint8Array(shared, HEADER, bytes.length).set(bytes);
  Atomics.store(header, 0, 2);
  Atomics.notify(header, 0);
}

/** The main thread's side: waits for the slot to be filled; its numbers. */
export function awaitSlot(shared: SharedArrayBuffer): Float64Array {
  const header = new Int32Array(shared, 0, 2);
  const deadline = Date.now() + RESULT_TIMEOUT_MS;
  for (let status = Atomics.load(header, 0); status === 0 || status === 3; status = Atomics.load(header, 0)) {
    if (Atomics.wait(header, 0, status, Math.max(0, deadline - Date.now())) === 'timed-out') throw new Error('graph measures: the worker thread did not answer');
  }
  if (Atomics.load(header, 0) === 2) throw new Error(`graph measures (worker thread): ${new TextDecoder().decode(new Uint8Array(shared, HEADER, header[1]).slice())}`);
  return new Float64Array(shared, HEADER, header[1]).slice();
}

// Measures as numbers: order, edges, volume, density, reciprocity (NaN for
// none), HITS converged (1/0), then the seven node arrays of n each.
const NODE_ARRAYS = ['inDegree', 'outDegree', 'weightedInDegree', 'weightedOutDegree', 'pagerank', 'hub', 'authority'] as const;

export function measuresLength(n: number): number {
  return 6 + NODE_ARRAYS.length * n;
}

/** The combined graph's result as numbers: its measures, then its areas. */
export function encodeCombined(result: { measures: GraphMeasures; areas: ServiceAreas }): Float64Array {
  const measures = encodeMeasures(result.measures);
  const areas = encodeAreas(result.areas);
  const out = new Float64Array(measures.length + areas.length);
  out.set(measures);
  out.set(areas, measures.length);
  return out;
}

export function encodeMeasures(measures: GraphMeasures): Float64Array {
  const n = measures.order;
  const out = new Float64Array(measuresLength(n));
  out.set([n, measures.edges, measures.volume, measures.density, measures.reciprocity ?? Number.NaN, measures.hitsConverged ? 1 : 0]);
  NODE_ARRAYS.forEach((name, k) => out.set(measures.nodes[name], 6 + k * n));
  return out;
}

export function decodeMeasures(numbers: Float64Array, n: number): GraphMeasures {
  const array = (k: number): Float64Array => numbers.slice(6 + k * n, 6 + (k + 1) * n);
  return {
    nodes: {
      inDegree: Int32Array.from(array(0)),
      outDegree: Int32Array.from(array(1)),
      weightedInDegree: array(2),
      weightedOutDegree: array(3),
      pagerank: array(4),
      hub: array(5),
      authority: array(6),
    },
    order: numbers[0],
    edges: numbers[1],
    volume: numbers[2],
    density: numbers[3],
    reciprocity: Number.isNaN(numbers[4]) ? null : numbers[4],
    hitsConverged: numbers[5] === 1,
  };
}

// Areas as numbers: count, modularity (NaN for none), area[n], core[count].
function encodeAreas(areas: ServiceAreas): Float64Array {
  const n = areas.area.length;
  const out = new Float64Array(2 + n + areas.core.length);
  out[0] = areas.count;
  out[1] = areas.modularity ?? Number.NaN;
  out.set(areas.area, 2);
  out.set(areas.core, 2 + n);
  return out;
}

export function decodeAreas(numbers: Float64Array, n: number): ServiceAreas {
  const count = numbers[0];
  return {
    area: Int32Array.from(numbers.subarray(2, 2 + n)),
    count,
    modularity: Number.isNaN(numbers[1]) ? null : numbers[1],
    core: Array.from(numbers.subarray(2 + n, 2 + n + count)),
  };
}
