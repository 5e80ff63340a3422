/**
 * The group worker: a thread of its own settling §7's bill groups beside
 * the main thread (group-threads.ts, group-job.ts).
 */
import { parentPort } from 'node:worker_threads';
import { settleGroupJob } from './group-job.js';

parentPort?.on('message', settleGroupJob);
