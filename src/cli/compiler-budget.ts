/**
 * Imported first by src/start.ts (and by the benchmark's in-process runs,
 * scripts/measure-child.mjs), for its effect: V8's budget before it
 * optimises a function, no inlining in the optimised code, and baseline
 * code from a function's first call, for the whole process and its worker
 * threads.
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

/**
 * V8's baseline compiler (Sparkplug) turns a function's bytecode into
 * machine code in one quick pass; by default only once the function has
 * run a while in the interpreter. From its first call instead, a run's
 * cold code — most of it, in a command this short — runs as machine code
 * sooner. Alternating runs against the build without it (2026-12-08
 * 03:35–03:45 UTC): the national shortage scenario 4.77–4.92 s against
 * 4.90–5.00 s (six runs, median 4.88 against 4.98 s; 12 of 14 faster over
 * three sets), mazowieckie 1.98–2.04 s against 1.99–2.05 s (4 of 6),
 * `data/poland` and the sample within noise.
 */
setFlagsFromString('--always-sparkplug');
