/**
 * What bin/servflow starts. `npm run build` also makes
 * dist/cli/servflow.bundle.js, the command line in one file
 * (scripts/bundle-cli.mjs), which starts about 0.1 s sooner than the ~300
 * modules it is made from; it is used when it is newer than them (a plain
 * `tsc` build never leaves a stale bundle in use). `servflow explore` runs
 * from the modules, which the explorer's own bundle shares.
 */
import { existsSync, statSync } from 'node:fs';
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
 * "Compiler budget"), five alternating runs each: mazowieckie's shortage
 * scenario 2.43 → 2.13 s median and 3.4 → 2.5 s of CPU; the national one
 * in process 3.7 → 2.5 s of background CPU.
 */
export const INTERRUPT_BUDGET = 400_000;
setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);

const entry = new URL('./cli/index.js', import.meta.url);
const bundle = new URL('./cli/servflow.bundle.js', import.meta.url);
const command = process.argv.slice(2).find((argument) => !argument.startsWith('-'));
const useBundle = command !== 'explore' && existsSync(bundle) && statSync(bundle).mtimeMs >= statSync(entry).mtimeMs;

await import(useBundle ? bundle.href : entry.href);
