#!/usr/bin/env node
/**
 * Bundles dist/cli/index.js into dist/cli/servflow.bundle.js: the command
 * line and every module it loads (commander, graphology, csv-parse, d3…) in
 * one file, so a command starts about 0.1 s sooner than when Node resolves
 * and reads some 300 modules one by one — a tenth of the sample's one-second
 * budget (issue 8). Run after `tsc` (`npm run build` does). src/start.ts
 * uses the bundle only when it is newer than dist/cli/index.js, which every
 * `tsc` run rewrites: a plain `tsc` build never leaves a stale bundle in use.
 *
 * Outside the bundle stay HiGHS (it finds its .wasm file beside its own
 * module) and the explorer (`servflow explore` runs unbundled, see
 * src/start.ts). Lazily loaded modules (the HTML report's d3) stay lazy:
 * esbuild evaluates them only when first imported.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

// Imports of the explorer's modules (src/tui) stay imports of dist/tui.
const explorerOutside = {
  name: 'explorer-outside',
  setup(esbuild) {
    esbuild.onResolve({ filter: /(^|\/)tui\// }, (args) => ({ path: args.path, external: true }));
  },
};

await build({
  entryPoints: [fileURLToPath(new URL('../dist/cli/index.js', import.meta.url))],
  outfile: fileURLToPath(new URL('../dist/cli/servflow.bundle.js', import.meta.url)),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  legalComments: 'none',
  logLevel: 'warning',
  external: ['highs'],
  // graphology and commander are CommonJS and require Node's built-ins.
  plugins: [explorerOutside],
  banner: { js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);" },
});
