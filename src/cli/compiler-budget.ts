/**
 * Imported first by src/start.ts (and by the benchmark's in-process runs,
 * scripts/measure-child.mjs), for its effect: V8's budget before it
 * optimises a function, and no inlining in the optimised code, for the
 * whole process and its worker threads.
 */
import { setFlagsFromString } from 'node:v8';

/**
 * V8 optimises a function once it has run this much bytecode (its
 * "interrupt budget"; Node 20's default is 67,584). A run of `servflow
 * analyze` is short and its hot code (the simplex, branch and bound, the
 * coalition games) is hot for a long time: with the default, V8's
 * optimising compiler also compiles hundreds of lukewarm functions, on
 * background threads that take the second core of a 2-core machine from
 * the worker threads (src/cli/second-core.ts, group-threads.ts) and from
 * the main thread itself. Measured end to end (docs/performance.md,
 * "V8's compiler budget"), five alternating runs each: mazowieckie's shortage
 * scenario 2.43 → 2.13 s median and 3.4 → 2.5 s of CPU; the national one
 * in process 3.7 → 2.5 s of background CPU.
 */
export const INTERRUPT_BUDGET = 400_000;
setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);

/**
 * Without inlining, V8's optimising compiler does about 40 % less work
 * (national shortage scenario, traced: 3.3 → 1.8 s of compiling), and on a
 * 2-core machine that work is taken from the analysis: the national
 * scenario 5.26 → 5.12 s median end to end, mazowieckie's and
 * `data/poland`'s 0.1–0.15 s less CPU. The optimised code itself was no
 * slower where it is on the critical path: mazowieckie's analysis runs on
 * one thread with the compiler on the other core, and took the same time
 * (docs/performance.md, "The seventh session").
 */
setFlagsFromString('--no-turbo-inlining');
