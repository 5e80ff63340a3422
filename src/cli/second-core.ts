/**
 * `servflow analyze` on two cores, for large datasets. A worker thread
 * (helper-thread.ts), started as soon as the dataset is loaded, takes two
 * jobs off the main thread's path:
 *
 * - building the flow graphs, their measures and the service areas
 *   (PageRank, HITS, seeded Louvain, §2), while the main thread computes
 *   the gravity model, accessibility and cooperation. The analysis stays
 *   synchronous: it collects them (Atomics.wait on shared memory) only at
 *   its end, and does itself a job the worker has not started by then;
 * - summary.json (the largest file: 33 MB for `data/poland`, 0.53 s),
 *   built while the main thread builds the other files (flows.csv 0.17 s,
 *   report.html, report.xlsx…, 0.5 s); its memory is moved back, not
 *   copied (helper-thread.ts). With flows.csv on the worker as well the
 *   main thread waited for it: `data/poland` end to end 4.53 s median
 *   with it there, 4.30 s with it here (four alternating runs).
 *
 * The worker runs the same functions on the same data, so every file is the
 * same bytes as on one core (tests check it). Small datasets (the sample)
 * use one core: a worker would cost more than it saves.
 */
import { Worker } from 'node:worker_threads';
import type { Analysis } from '../analysis/analyze.js';
import { combinedGraphWork, serviceGraphWork, type GraphInput, type GraphWork } from '../analysis/graph-work.js';
import type { Issue } from '../model/issue.js';
import type { Dataset } from '../model/types.js';
import type { Lang } from '../report/document.js';
import { DEFAULT_REPORT_FORMATS, REPORT_FILE_ORDER, reportSet, type ReportFormat, type ReportOptions } from '../report/report-set.js';
import { awaitSlot, decodeAreas, decodeMeasures, measuresLength, slotBytes, takeSlot } from './result-slot.js';

/**
 * Municipalities from which a second thread pays off (starting it and
 * copying the analysis cost about 0.1 s), with any number of services.
 * With one service it has only the combined graph to build, then §7's
 * groups (group-threads.ts) and summary.json: the national shortage
 * scenario 6.68 → 6.28 s median end to end against a group worker of its
 * own and no second core (eleven alternating pairs, 8 faster, mean
 * −0.33 s; 2026-12-08 00:30 UTC). Before V8's compiler budget
 * (compiler-budget.ts) the second core cost that scenario time
 * (6.33–7.23 s without it, 6.61–7.62 s with it) and was kept for two
 * services or more.
 */
export const TWO_CORES_FROM = 500;

/** The files the worker builds; the others stay on the main thread. */
const WORKER_FILES: readonly string[] = ['summary.json'];

/** A service graph's measures, or the combined graph's measures and areas, built from `input`: the result goes into `shared` (see the layout below). */
export interface GraphJob {
  readonly kind: 'measures' | 'combined';
  readonly input: GraphInput;
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
  /** The worker itself, which also settles §7's groups (group-threads.ts). */
  readonly thread: Worker;
  stop(): void;
}

/**
 * A second core for a large dataset (`from` municipalities or more);
 * undefined for a small one. With `takeQueued` (the default), a graph
 * result needed before the worker has started its job is computed on the
 * main thread instead (result-slot.ts); tests turn it off to test the
 * worker's side.
 */
export function startSecondCore(dataset: Dataset, from = TWO_CORES_FROM, { takeQueued = true }: { readonly takeQueued?: boolean } = {}): SecondCore | undefined {
  if (dataset.municipalities.length < from) return undefined;
  const worker = new Worker(new URL('./helper-thread.js', import.meta.url));
  // Never keeps the process alive on its own (an error before the reports ends the run).
  worker.unref();
  return {
    graphs: {
      measures(input) {
        const n = input.municipalities.length;
        const shared = new SharedArrayBuffer(slotBytes(measuresLength(n)));
        worker.postMessage({ kind: 'measures', input, seed: 0, shared } satisfies GraphJob);
        return () => (takeQueued && takeSlot(shared) ? serviceGraphWork(input) : decodeMeasures(awaitSlot(shared), n));
      },
      combined(input, seed) {
        const n = input.municipalities.length;
        const shared = new SharedArrayBuffer(slotBytes(measuresLength(n) + 2 + 2 * n));
        worker.postMessage({ kind: 'combined', input, seed, shared } satisfies GraphJob);
        return () => {
          if (takeQueued && takeSlot(shared)) return combinedGraphWork(input, seed);
          const numbers = awaitSlot(shared);
          const length = measuresLength(n);
          return { measures: decodeMeasures(numbers.subarray(0, length), n), areas: decodeAreas(numbers.subarray(length), n) };
        };
      },
    },
    async reports(analysis, warnings, options) {
      const formats = options.formats ?? DEFAULT_REPORT_FORMATS;
      const result = new Promise<[string, string | Uint8Array][]>((resolve, reject) => {
        worker.once('message', (message: { files?: [string, string | Uint8Array][]; error?: string }) =>
          message.files ? resolve(message.files) : reject(new Error(`report worker: ${message.error}`)),
        );
        worker.once('error', reject);
      });
      worker.ref();
      worker.postMessage({ kind: 'reports', analysis, warnings, formats, lang: options.lang ?? 'en', files: WORKER_FILES } satisfies ReportJob);
      const mine = await reportSet(analysis, warnings, { ...options, only: (file) => !WORKER_FILES.includes(file) });
      // The order of a one-thread report set.
      const files = new Map([...(await result), ...mine]);
      return new Map(REPORT_FILE_ORDER.filter((name) => files.has(name)).map((name) => [name, files.get(name)!]));
    },
    thread: worker,
    stop() {
      void worker.terminate();
    },
  };
}
