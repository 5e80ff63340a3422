/**
 * What bin/servflow starts. `npm run build` also makes
 * dist/cli/servflow.bundle.js, the command line in one file
 * (scripts/bundle-cli.mjs), which starts about 0.1 s sooner than the ~300
 * modules it is made from; it is used when it is newer than them (a plain
 * `tsc` build never leaves a stale bundle in use). `servflow explore` runs
 * from the modules, which the explorer's own bundle shares.
 */
import { existsSync, statSync } from 'node:fs';
// First: V8's settings hold for code compiled after them.
import './cli/compiler-budget.js';

const entry = new URL('./cli/index.js', import.meta.url);
const bundle = new URL('./cli/servflow.bundle.js', import.meta.url);
const command = process.argv.slice(2).find((argument) => !argument.startsWith('-'));
const useBundle = command !== 'explore' && existsSync(bundle) && statSync(bundle).mtimeMs >= statSync(entry).mtimeMs;

await import(useBundle ? bundle.href : entry.href);
