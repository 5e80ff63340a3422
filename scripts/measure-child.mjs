// One measured run for scripts/bench.mjs, in its own process:
//   measure-child.mjs cli ARGS…   runs the servflow CLI in this process
//   measure-child.mjs load DIR    loads and validates a dataset in process
// Prints {"ms":…, "maxRssMb":…} as its last stdout line.
import { resourceUsage } from 'node:process';

const [mode, ...rest] = process.argv.slice(2);
const started = performance.now();
if (mode === 'cli') {
  process.argv = [process.argv[0], 'servflow', ...rest];
  const { main } = await import('../dist/cli/main.js');
  const code = await main(process.argv);
  if (code !== 0) process.exit(code);
} else if (mode === 'load') {
  const { loadDataset } = await import('../dist/io/load-dataset.js');
  loadDataset(rest[0]);
} else throw new Error(`unknown mode ${mode}`);
const ms = performance.now() - started;
process.stdout.write(`\n${JSON.stringify({ ms, maxRssMb: resourceUsage().maxRSS / 1024 })}\n`);
