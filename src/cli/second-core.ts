/**
 * `servflow analyze` on two cores, for large datasets. A worker thread
 * (helper-thread.ts), started as soon as the dataset is loaded, takes two
 * jobs off the main thread's path:
 *
 * - the flow graphs' measures and service areas (PageRank, HITS, seeded
 *   Louvain, §2), computed while the main thread computes the gravity
 *   model, accessibility and cooperation. The analysis stays synchronous:
 *   it waits for them (Atomics.wait on shared memory) only at its end;
 * - summary.json and flows.csv (the two large files), built while the main
 *   thread builds the other CSV files, report.md, report.html and
 *   report.xlsx (measured nationally, the two halves then take about as
 *   long).
 *
 * The worker runs the same functions on the same data, so every file is the
 * same bytes as on one core (tests check it). Small datasets (the sample)
 * use one core: a worker would cost more than it saves.
 */
import { Worker } from 'node:worker_threads';
import type { Analysis, GraphWork } from '../analysis/analyze.js';
import type { GraphMeasures } from '../analysis/graph-metrics.js';
import type { ServiceAreas } from '../analysis/service-areas.js';
import type { FlowGraph } from '../model/flow-graph.js';
import type { Issue } from '../model/issue.js';
import type { Dataset } from '../model/types.js';
import type { Lang } from '../report/document.js';
import { REPORT_FILE_ORDER, REPORT_FORMATS, reportSet, type ReportFormat, type ReportOptions } from '../report/report-set.js';

/** Municipalities from which a second thread pays off (starting it and copying the analysis cost about 0.1 s). */
export const TWO_CORES_FROM = 500;

/** The files the worker builds; the others stay on the main thread. */
const WORKER_FILES: readonly string[] = ['summary.json', 'flows.csv'];

/** Longest wait for a graph result (a safety net: the national graphs take well under a second). */
const RESULT_TIMEOUT_MS = 10 * 60 * 1000;

/** A graph's measures, or the combined graph's measures and areas: the result goes into `shared` (see the layout below). */
export interface GraphJob {
  readonly kind: 'measures' | 'combined';
  readonly graph: FlowGraph;
  readonly seed: number;
  readonly shared: SharedArrayBuffer;
}

export interface ReportJob {
  readonly kind: 'reports';
  readonly analysis: Analysis;
  readonly warnings: readonly Issue[];
  readonly formats: readonly ReportFormat[];
  readonly lang: Lang;
  /** The files to build of those formats. */
  readonly files: readonly string[];
}

export interface SecondCore {
  /** For `AnalyzeOptions.graphs`: hands graphs to the worker; the functions returned wait for the results. */
  readonly graphs: GraphWork;
  /** The report set, half of it built by the worker. */
  reports(analysis: Analysis, warnings: readonly Issue[], options: ReportOptions): Promise<Map<string, string | Uint8Array>>;
  stop(): void;
}

/** A second core for a large dataset (`from` municipalities or more); undefined for a small one. */
export function startSecondCore(dataset: Dataset, from = TWO_CORES_FROM): SecondCore | undefined {
  if (dataset.municipalities.length < from) return undefined;
  const worker = new Worker(new URL('./helper-thread.js', import.meta.url));
  // Never keeps the process alive on its own (an error before the reports ends the run).
  worker.unref();
  return {
    graphs: {
      measures(graph) {
        const shared = new SharedArrayBuffer(slotBytes(measuresLength(graph.order)));
        worker.postMessage({ kind: 'measures', graph, seed: 0, shared } satisfies GraphJob);
        return () => decodeMeasures(awaitSlot(shared), graph.order);
      },
      combined(graph, seed) {
        const n = graph.order;
        const shared = new SharedArrayBuffer(slotBytes(measuresLength(n) + 2 + 2 * n));
        worker.postMessage({ kind: 'combined', graph, seed, shared } satisfies GraphJob);
        return () => {
          const numbers = awaitSlot(shared);
          const length = measuresLength(n);
          return { measures: decodeMeasures(numbers.subarray(0, length), n), areas: decodeAreas(numbers.subarray(length), n) };
        };
      },
    },
    async reports(analysis, warnings, options) {
      const formats = options.formats ?? REPORT_FORMATS;
      const result = new Promise<[string, string | Uint8Array][]>((resolve, reject) => {
        worker.once('message', (message: { files?: [string, string | Uint8Array][]; error?: string }) => (message.files ? resolve(message.files) : reject(new Error(`report worker: ${message.error}`))));
        worker.once('error', reject);
      });
      worker.ref();
      worker.postMessage({ kind: 'reports', analysis, warnings, formats, lang: options.lang ?? 'en', files: WORKER_FILES } satisfies ReportJob);
      const mine = await reportSet(analysis, warnings, { ...options, only: (file) => !WORKER_FILES.includes(file) });
      // The order of a one-thread report set.
      const files = new Map([...(await result), ...mine]);
      return new Map(REPORT_FILE_ORDER.filter((name) => files.has(name)).map((name) => [name, files.get(name)!]));
    },
    stop() {
      void worker.terminate();
    },
  };
}

// A result slot in shared memory: Int32 status (0 pending, 1 done, 2
// failed) and length, then from byte 16 the result as Float64 numbers, or
// on failure the message as UTF-8.
const HEADER = 16;
const MESSAGE_BYTES = 4096;

function slotBytes(numbers: number): number {
  return HEADER + Math.max(8 * numbers, MESSAGE_BYTES);
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
function awaitSlot(shared: SharedArrayBuffer): Float64Array {
  const header = new Int32Array(shared, 0, 2);
  if (Atomics.wait(header, 0, 0, RESULT_TIMEOUT_MS) === 'timed-out') throw new Error('graph measures: the worker thread did not answer');
  if (Atomics.load(header, 0) === 2) throw new Error(`graph measures (worker thread): ${new TextDecoder().decode(new Uint8Array(shared, HEADER, header[1]).slice())}`);
  return new Float64Array(shared, HEADER, header[1]).slice();
}

// Measures as numbers: order, edges, volume, density, reciprocity (NaN for
// none), HITS converged (1/0), then the seven node arrays of n each.
const NODE_ARRAYS = ['inDegree', 'outDegree', 'weightedInDegree', 'weightedOutDegree', 'pagerank', 'hub', 'authority'] as const;

function measuresLength(n: number): number {
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

function decodeMeasures(numbers: Float64Array, n: number): GraphMeasures {
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

function decodeAreas(numbers: Float64Array, n: number): ServiceAreas {
  const count = numbers[0];
  return {
    area: Int32Array.from(numbers.subarray(2, 2 + n)),
    count,
    modularity: Number.isNaN(numbers[1]) ? null : numbers[1],
    core: Array.from(numbers.subarray(2 + n, 2 + n + count)),
  };
}
