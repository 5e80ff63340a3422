/**
 * §7's bill groups on two threads (docs/performance.md): a national or
 * voivodeship-wide run settles hundreds of independent groups, each up to
 * thousands of coalition programs. A worker thread (group-thread.ts, or
 * the second core's, second-core.ts, when there is one; group-job.ts)
 * settles groups beside the main thread: both take the next group from a
 * shared counter, largest expected work first, so the two finish close
 * together. A group's settlement depends on its own members only
 * (group-settlement.ts), so every share is the same bytes as on one thread
 * (tested). The analysis stays synchronous: the main thread waits for the
 * worker's last groups with Atomics.wait and reads their settlements with
 * receiveMessageOnPort. Below SHARED_WORK_FROM coalition costs outside the
 * largest group, one thread (starting the worker costs about 0.3 s).
 */
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { settleHere, type GroupSettlement, type GroupWork } from '../analysis/cost-sharing/cost-sharing.js';
import { FAILED, NEXT, SETTLED, STATE_SLOTS } from './group-state.js';
import type { GroupJob } from './group-job.js';

/**
 * Work (cost-sharing.ts `groupWork`) outside the largest group from which a
 * second thread settles groups too. A unit took about 8 µs in process
 * (the national shortage scenario's 352,596 units 2.9 s, mazowieckie's
 * 151,025 1.3 s), so this is about 1.2 s of work: the worker's start (its
 * modules and HiGHS, about 0.3 s) and the optimising compiler's second
 * pass over the same code in its isolate cost more than it saves on less.
 * Mazowieckie's services (72,843 and 42,967 units outside their largest
 * groups) stay on one thread: with the worker 2.76 s median end to end,
 * without it 2.76 s (five alternating runs, 2026-12-07 23:35 UTC).
 */
export const SHARED_WORK_FROM = 150_000;

/**
 * CPUs (os.availableParallelism) from which `analyze` settles groups on a
 * worker at all. With V8's default compiler budget the worker cost time on
 * this 2-CPU machine (the two isolates' optimising compilers took the
 * second core); with src/cli/compiler-budget.ts's budget it pays: the national shortage
 * scenario 7.57 → 6.68 s median end to end (four alternating runs,
 * 2026-12-07 23:36 UTC, a slow spell of the machine).
 */
export const GROUP_THREAD_CPUS = 2;

export interface GroupThreads {
  readonly work: GroupWork;
  stop(): void;
}

/**
 * A GroupWork that settles groups on a second thread when worth it (`from`:
 * see SHARED_WORK_FROM): on `shared` (the second core's worker, which stop()
 * leaves running) when given, else on a worker of its own, started then and
 * kept for later services.
 */
export function groupThreads(from = SHARED_WORK_FROM, shared?: Worker): GroupThreads {
  let worker: Worker | undefined = shared;
  const work: GroupWork = (inputs, estimates, settle, onSettled) => {
    const total = estimates.reduce((sum, w) => sum + w, 0);
    if (estimates.length < 2 || total - Math.max(...estimates) < from) return settleHere(inputs, estimates, settle, onSettled);
    if (!worker) {
      worker = new Worker(new URL('./group-thread.js', import.meta.url));
      // Never keeps the process alive on its own.
      worker.unref();
    }
    const order = Int32Array.from(estimates.keys()).sort((a, b) => estimates[b] - estimates[a] || a - b);
    const state = new Int32Array(new SharedArrayBuffer(4 * STATE_SLOTS));
    const { port1, port2 } = new MessageChannel();
    worker.postMessage({ kind: 'groups', inputs, order, state: state.buffer, port: port2 } satisfies GroupJob, [port2]);
    const settlements: GroupSettlement[] = new Array(order.length);
    let here = 0;
    for (let next = Atomics.add(state, NEXT, 1); next < order.length; next = Atomics.add(state, NEXT, 1)) {
      settlements[order[next]] = settle(order[next]);
      here++;
      onSettled(here + Atomics.load(state, SETTLED));
    }
    const there = order.length - here;
    for (let settled = Atomics.load(state, SETTLED); settled < there && Atomics.load(state, FAILED) === 0; settled = Atomics.load(state, SETTLED)) {
      Atomics.wait(state, SETTLED, settled, 1000);
      onSettled(here + Atomics.load(state, SETTLED));
    }
    try {
      for (let received = receiveMessageOnPort(port1); received; received = receiveMessageOnPort(port1)) {
        const answer = received.message as { g: number; settlement: GroupSettlement } | { error: string };
        if ('error' in answer) throw new Error(`cost-sharing worker thread: ${answer.error}`);
        settlements[answer.g] = answer.settlement;
      }
    } finally {
      port1.close();
    }
    for (let g = 0; g < order.length; g++) if (settlements[g] === undefined) throw new Error(`cost-sharing worker thread: group ${g + 1} was not settled`);
    return settlements;
  };
  return {
    work,
    stop() {
      if (worker !== shared) void worker?.terminate();
    },
  };
}
