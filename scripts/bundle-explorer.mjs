#!/usr/bin/env node
/**
 * Bundles dist/tui/explorer.js into dist/tui/explorer.bundle.js: ink, React
 * and the explorer's own components in one file, so `servflow explore`
 * opens in a fraction of a second instead of resolving some 400 small
 * modules (ink alone pulls in most of es-toolkit). Run after `tsc` (`npm
 * run build` does). The explorer uses the bundle only when it is newer than
 * dist/tui/explorer.js, which every `tsc` run rewrites: a plain `tsc` build
 * never leaves a stale bundle in use, only a slower start.
 *
 * Outside the bundle stay the modules the CLI has loaded already
 * (`../analysis`, `../report`, `../model`, `../engines`: imports leaving
 * src/tui) and
 * ink's optional devtools, loaded only with DEV=true.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../dist/tui/explorer.js', import.meta.url));
const outfile = fileURLToPath(new URL('../dist/tui/explorer.bundle.js', import.meta.url));

const keepOutside = {
  name: 'keep-outside',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^\.\.\// }, (args) => (/[\\/]dist[\\/]tui[\\/]/.test(args.importer) ? { path: args.path, external: true } : undefined));
    esbuild.onResolve({ filter: /^\.\/devtools\.js$/ }, (args) => (/[\\/]node_modules[\\/]ink[\\/]/.test(args.importer) ? { path: args.path, external: true } : undefined));
  },
};

await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"' },
  // React and a few of ink's dependencies are CommonJS and require Node's built-ins.
  banner: { js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);" },
  plugins: [keepOutside],
});
