/**
 * Settling §7's bill groups on a second thread (group-threads.ts): the
 * thread takes the next group from a shared counter, settles it with the
 * same function as the main thread (group-settlement.ts) and posts the
 * settlement. Run by the group worker (group-thread.ts) or by the second
 * core's worker (helper-thread.ts) when there is one.
 */
import type { MessagePort } from 'node:worker_threads';
import type { CostSharingInputs } from '../analysis/cost-sharing/cost-sharing.js';
import type { Solver } from '../engines/linear-program.js';
import { FAILED, NEXT, SETTLED } from './group-state.js';

export interface GroupJob {
  readonly kind: 'groups';
  readonly inputs: CostSharingInputs;
  /** Group numbers, the order in which both threads take them. */
  readonly order: Int32Array;
  /** group-state.ts: the next position in `order`, the groups settled here, a failure flag. */
  readonly state: SharedArrayBuffer;
  readonly port: MessagePort;
}

// Only the message: the main thread reports it as an internal error, where stack traces are for --debug.
const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

let solver: Promise<Solver> | undefined;

export function settleGroupJob(job: GroupJob): void {
  const state = new Int32Array(job.state);
  const fail = (error: unknown): void => {
    job.port.postMessage({ error: message(error) });
    Atomics.store(state, FAILED, 1);
    Atomics.notify(state, SETTLED);
  };
  // The main thread is blocked until every group taken here is settled: every failure must reach it.
  Promise.all([import('../analysis/cost-sharing/group-settlement.js'), (solver ??= import('./solver.js').then((module) => module.loadSolverFor(job.inputs.dataset)))]).then(
    ([{ billSettler }, highs]) => {
      try {
        const settler = billSettler(job.inputs, highs);
        for (let next = Atomics.add(state, NEXT, 1); next < job.order.length; next = Atomics.add(state, NEXT, 1)) {
          const g = job.order[next];
          job.port.postMessage({ g, settlement: settler.settle(g) });
          Atomics.add(state, SETTLED, 1);
          Atomics.notify(state, SETTLED);
        }
      } catch (error) {
        fail(error);
      }
      job.port.close();
    },
    (error: unknown) => {
      fail(error);
      job.port.close();
    },
  );
}
