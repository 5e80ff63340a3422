/**
 * The second core's work, in a worker thread (see second-core.ts): the flow
 * graphs' measures and service areas while the main thread analyses each
 * service, then the largest file of the report set while the main thread
 * builds the others. It runs the same functions as the main thread would.
 */
import { parentPort } from 'node:worker_threads';
import { encodeCombined, encodeMeasures, failSlot, fillSlot, startSlot } from './result-slot.js';
import type { GraphJob, ReportJob } from './second-core.js';
import { settleGroupJob, type GroupJob } from './group-job.js';

// Only the message: the main thread reports it as an internal error, where stack traces are for --debug.
const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

// The analysis and report modules load while the first jobs may already be
// queued. Loaded this way, a failure to load them still answers every job:
// the main thread may be blocked waiting for a graph result.
const modules = Promise.all([import('../analysis/graph-work.js'), import('../report/report-set.js')]);
// Handled here as well, or a failure before the first job would end the worker (an unhandled rejection) and no job would be answered.
modules.catch(() => undefined);

/**
 * The memory of the large files, moved to the main thread rather than
 * copied (`data/poland`'s summary.json is 33 MB). When the worker also
 * built flows.csv, copying the two (44 MB) took the main thread about
 * 0.25 s: `analyze data/poland` 4.80 s median end to end with the copy,
 * 4.40 s with the move (four alternating runs). Only views of at least
 * MOVED_FROM bytes are moved — smaller Buffers may share Node's 8 KB pool
 * with other objects of this thread; the report builders' large views each
 * own their memory (Utf8Writer).
 */
const MOVED_FROM = 1 << 16;
function movedBuffers(entries: readonly [string, string | Uint8Array][]): ArrayBuffer[] {
  const moved = new Set<ArrayBuffer>();
  for (const [, content] of entries) if (typeof content !== 'string' && content.byteLength >= MOVED_FROM && content.buffer instanceof ArrayBuffer) moved.add(content.buffer);
  return [...moved];
}

parentPort?.on('message', (job: GraphJob | ReportJob | GroupJob) => {
  if (job.kind === 'groups') {
    settleGroupJob(job);
    return;
  }
  modules.then(
    ([{ combinedGraphWork, serviceGraphWork }, { reportSet }]) => {
      if (job.kind === 'reports') {
        reportSet(job.analysis, job.warnings, { formats: job.formats, lang: job.lang, only: (file) => job.files.includes(file) }).then(
          (files) => {
            const entries = [...files];
            parentPort?.postMessage({ files: entries }, movedBuffers(entries));
          },
          (error: unknown) => parentPort?.postMessage({ error: message(error) }),
        );
        return;
      }
      // Taken by the main thread meanwhile: it does the job itself.
      if (!startSlot(job.shared)) return;
      // The main thread is blocked waiting for this result: every failure must reach the slot.
      try {
        fillSlot(job.shared, job.kind === 'measures' ? encodeMeasures(serviceGraphWork(job.input)) : encodeCombined(combinedGraphWork(job.input, job.seed)));
      } catch (error) {
        failSlot(job.shared, message(error));
      }
    },
    (error: unknown) => (job.kind === 'reports' ? parentPort?.postMessage({ error: message(error) }) : failSlot(job.shared, message(error))),
  );
});
