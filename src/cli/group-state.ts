/** The shared counters of the two threads settling §7's groups (group-threads.ts, group-job.ts): Int32Array slots. */
/** The next position in the order of groups, taken with Atomics.add by either thread. */
export const NEXT = 0;
/** Groups the second thread has settled and posted. */
export const SETTLED = 1;
/** 1 when the second thread failed (its message is on the port). */
export const FAILED = 2;
export const STATE_SLOTS = 3;
