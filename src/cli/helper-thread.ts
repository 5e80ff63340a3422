/**
 * The second core's work, in a worker thread (see second-core.ts): the flow
 * graphs' measures and service areas while the main thread analyses each
 * service, then the two large files of the report set while the main thread
 * builds the others. It runs the same functions as the main thread would.
 */
import { parentPort } from 'node:worker_threads';
import { combinedGraphWork } from '../analysis/analyze.js';
import { graphMeasures } from '../analysis/graph-metrics.js';
import { reportSet } from '../report/report-set.js';
import { encodeCombined, encodeMeasures, failSlot, fillSlot, type GraphJob, type ReportJob } from './second-core.js';

parentPort?.on('message', (job: GraphJob | ReportJob) => {
  if (job.kind === 'reports') {
    reportSet(job.analysis, job.warnings, { formats: job.formats, lang: job.lang, only: (file) => job.files.includes(file) }).then(
      (files) => parentPort?.postMessage({ files: [...files] }),
      (error: unknown) => parentPort?.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
    return;
  }
  // The main thread is blocked waiting for this result: every failure must reach the slot.
  try {
    fillSlot(job.shared, job.kind === 'measures' ? encodeMeasures(graphMeasures(job.graph)) : encodeCombined(combinedGraphWork(job.graph, job.seed)));
  } catch (error) {
    failSlot(job.shared, error instanceof Error ? (error.stack ?? error.message) : String(error));
  }
});
