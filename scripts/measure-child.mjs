// One measured run for scripts/bench.mjs, in its own process:
//   measure-child.mjs cli ARGS…   runs the servflow CLI in this process
//   measure-child.mjs load DIR    loads and validates a dataset in process
//   measure-child.mjs cooperation DIR    §5–§7 for every service (time of those only)
//   measure-child.mjs gravity DIR FORM   calibrates the gravity model on the
//                                 national migration flows (time: pairs + fit)
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
} else if (mode === 'gravity') {
  // National migration flows, every pair within 300 km (great-circle × circuity), zeros included.
  const [folder, form] = rest;
  const { loadDataset } = await import('../dist/io/load-dataset.js');
  const { neighboursWithin } = await import('../dist/analysis/neighbours.js');
  const { calibrateGravity } = await import('../dist/analysis/gravity.js');
  const { readFileSync } = await import('node:fs');
  const { dataset } = loadDataset(folder);
  const n = dataset.municipalities.length;
  const index = new Map(dataset.municipalities.map((m, i) => [m.id, i]));
  const persons = new Map();
  for (const line of readFileSync(`${folder}/migration-2023.csv`, 'utf8').trim().split('\n').slice(1)) {
    const [origin, destination, count] = line.split(',');
    persons.set(index.get(origin) * n + index.get(destination), Number(count));
  }
  const loaded = performance.now();
  const near = neighboursWithin(dataset.municipalities, dataset.distances, dataset.parameters.circuity, 300);
  const start = [0];
  const origin = [];
  const destination = new Int32Array(near.neighbour.length);
  const logMass = new Float64Array(near.neighbour.length);
  const km = new Float64Array(near.neighbour.length);
  const flows = new Float64Array(near.neighbour.length);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const before = count;
    let total = 0;
    for (let e = near.start[i]; e < near.start[i + 1]; e++) {
      const j = near.neighbour[e];
      if (j === i) continue;
      destination[count] = j;
      logMass[count] = Math.log(dataset.municipalities[j].population);
      km[count] = near.km[e];
      flows[count] = persons.get(i * n + j) ?? 0;
      total += flows[count++];
    }
    if (total > 0) {
      origin.push(i);
      start.push(count);
    } else count = before;
  }
  const pairs = { start: Int32Array.from(start), origin: Int32Array.from(origin), destination: destination.subarray(0, count), logMass: logMass.subarray(0, count), km: km.subarray(0, count) };
  const fit = calibrateGravity(pairs, flows.subarray(0, count), form ?? 'exp');
  const ms = performance.now() - loaded;
  process.stdout.write(`\n${JSON.stringify({ ms, maxRssMb: resourceUsage().maxRSS / 1024, pairs: fit.pairs, origins: fit.origins, alpha: fit.alpha, beta: fit.beta, iterations: fit.iterations })}\n`);
  process.exit(0);
} else if (mode === 'cooperation') {
  // §5–§7 only: the analysis of §1–§4 runs first, untimed; then capacity
  // sharing, facility location and cost sharing for every service.
  const { loadDataset } = await import('../dist/io/load-dataset.js');
  const { analyze, flowsByService } = await import('../dist/analysis/analyze.js');
  const { cooperate } = await import('../dist/analysis/cooperation.js');
  const { neighboursWithin } = await import('../dist/analysis/neighbours.js');
  const { loadSolver } = await import('../dist/cli/solver.js');
  const { dataset } = loadDataset(rest[0]);
  const analysis = analyze(dataset);
  const solver = await loadSolver();
  const timed = performance.now();
  const byService = flowsByService(dataset);
  for (const result of analysis.services) {
    const pairs = neighboursWithin(dataset.municipalities, dataset.distances, dataset.parameters.circuity, result.service.catchmentKm);
    const flows = result.flowsEstimated
      ? { length: result.flows.length, origin: Int32Array.from(result.flows, (f) => f.origin), destination: Int32Array.from(result.flows, (f) => f.destination), users: Float64Array.from(result.flows, (f) => f.users) }
      : byService[result.index];
    cooperate(dataset, { service: result.service, index: result.index, unmet: result.municipalities.map((row) => row.unmet), local: result.municipalities.map((row) => row.local), flows, pairs }, solver);
  }
  const ms = performance.now() - timed;
  process.stdout.write(`\n${JSON.stringify({ ms, maxRssMb: resourceUsage().maxRSS / 1024, timed: true })}\n`);
  process.exit(0);
} else throw new Error(`unknown mode ${mode}`);
const ms = performance.now() - started;
process.stdout.write(`\n${JSON.stringify({ ms, maxRssMb: resourceUsage().maxRSS / 1024 })}\n`);
