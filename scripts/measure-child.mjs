// One measured run for scripts/bench.mjs, in its own process:
//   measure-child.mjs cli ARGS…   runs bin/servflow ARGS… in this process
//   measure-child.mjs load DIR    loads and validates a dataset in process
//   measure-child.mjs phases DIR OUT   `analyze` in process, time and memory per phase
//   measure-child.mjs estimate DIR before|after|always   flows of services without observations: production-constrained, or
//                                 capacity-aware with the sensitivity line where analyze gives it (after) or for every service (always)
//   measure-child.mjs gravity DIR FORM   calibrates the gravity model on the
//                                 national migration flows (time: pairs + fit)
// Prints {"ms":…, "maxRssMb":…} as its last stdout line.
import { resourceUsage } from 'node:process';

const [mode, ...rest] = process.argv.slice(2);
const started = performance.now();
if (mode === 'cli') {
  // Exactly what `servflow ARGS…` runs (bin/servflow: the bundled command line), which ends the process itself
  // (process.exit once its output is flushed, src/cli/index.ts): the report line is written as it exits.
  process.argv = [process.argv[0], 'servflow', ...rest];
  process.on('exit', () => process.stdout.write(`\n${JSON.stringify({ ms: performance.now() - started, maxRssMb: resourceUsage().maxRSS / 1024 })}\n`));
  await import('../bin/servflow');
} else if (mode === 'load') {
  const { loadDataset } = await import('../dist/io/load-dataset.js');
  loadDataset(rest[0]);
} else if (mode === 'gravity') {
  // National migration flows, every pair within 300 km (great-circle × circuity), zeros included.
  const [folder, form] = rest;
  const { loadDataset } = await import('../dist/io/load-dataset.js');
  const { neighboursWithin } = await import('../dist/analysis/accessibility/neighbours.js');
  const { calibrateGravity } = await import('../dist/analysis/gravity/gravity.js');
  const { runParameters } = await import('../dist/model/parameters.js');
  const { readFileSync } = await import('node:fs');
  const { dataset } = loadDataset(folder);
  const parameters = runParameters(dataset.manifestParameters);
  const n = dataset.municipalities.length;
  const index = new Map(dataset.municipalities.map((m, i) => [m.id, i]));
  const persons = new Map();
  for (const line of readFileSync(`${folder}/migration-2023.csv`, 'utf8').trim().split('\n').slice(1)) {
    const [origin, destination, count] = line.split(',');
    persons.set(index.get(origin) * n + index.get(destination), Number(count));
  }
  const loaded = performance.now();
  const near = neighboursWithin(dataset.municipalities, dataset.distances, parameters.circuity, 300);
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
} else if (mode === 'estimate') {
  // The flows of every service without observations, as analyze estimates
  // them: `before` the production-constrained model alone (capacity
  // ignored), `after` the capacity-aware estimate and, where β is the
  // built-in default, its sensitivity line (β/2 and 2β); `always` adds the
  // line whatever the source of β. Loading and distances are not timed.
  const [folder, which] = rest;
  const { loadDataset } = await import('../dist/io/load-dataset.js');
  const { flowsByService, modelServices } = await import('../dist/analysis/analyze.js');
  const { neighboursWithin, withinRadius } = await import('../dist/analysis/accessibility/neighbours.js');
  const { estimateFlows, gravityReachKm } = await import('../dist/analysis/gravity/service-gravity.js');
  const { imbalance } = await import('../dist/analysis/imbalance/imbalance.js');
  const { decaySensitivity, reportsSensitivity, SENSITIVITY_TOLERANCE } = await import('../dist/analysis/gravity/sensitivity.js');
  const { runParameters } = await import('../dist/model/parameters.js');
  const { dataset } = loadDataset(folder);
  const parameters = runParameters(dataset.manifestParameters);
  const byService = flowsByService(dataset);
  const estimated = dataset.services.map((service, index) => ({ service, index })).filter(({ index }) => byService[index].length === 0);
  const reach = Math.max(0, ...dataset.services.map((service) => gravityReachKm(service)));
  const neighbours = neighboursWithin(dataset.municipalities, dataset.distances, parameters.circuity, reach);
  // The donor's β, as analyze borrows it (its calibration is not part of the estimate).
  const models = modelServices(dataset, parameters);
  const donorModel = models.filter((m) => m.gravity.source === 'calibrated').sort((a, b) => (b.gravity.fit?.pairs ?? 0) - (a.gravity.fit?.pairs ?? 0))[0];
  const donor = donorModel ? { service: donorModel.service.id, beta: donorModel.gravity.beta } : undefined;
  const began = performance.now();
  for (const { service, index } of estimated) {
    const pairs = withinRadius(neighbours, gravityReachKm(service));
    const supply = dataset.supply[index];
    const demand = dataset.demand[index];
    if (which === 'before') {
      estimateFlows(service, parameters, pairs, supply, demand, { donor, capacityAware: false });
      continue;
    }
    const estimate = estimateFlows(service, parameters, pairs, supply, demand, { donor });
    if (which === 'after' && !reportsSensitivity(estimate.gravity.source)) continue;
    const rows = imbalance(supply, demand, estimate.flows, parameters);
    decaySensitivity(dataset, estimate.gravity.beta, rows, (beta) =>
      imbalance(supply, demand, estimateFlows(service, parameters, pairs, supply, demand, { donor, beta, tolerance: SENSITIVITY_TOLERANCE, region: estimate.region }).flows, parameters),
    );
  }
  process.stdout.write(`\n${JSON.stringify({ ms: performance.now() - began, maxRssMb: resourceUsage().maxRSS / 1024, services: estimated.length })}\n`);
  process.exit(0);
} else if (mode === 'phases') {
  // `servflow analyze` in process, phase by phase: load and validate, each
  // analysis phase (summed over services, as the analysis reports them
  // through its timer), building the report set, writing it. Per phase: the
  // time, and the peak resident memory of the process so far (maxRSS).
  const [folder, out] = rest;
  // V8's compiler budget, as bin/servflow sets it (src/cli/compiler-budget.ts).
  await import('../dist/cli/compiler-budget.js');
  const { loadDataset } = await import('../dist/io/load-dataset.js');
  const { analyze } = await import('../dist/analysis/analyze.js');
  const { loadSolver } = await import('../dist/cli/solver.js');
  const { relativeIssues } = await import('../dist/cli/analysis-options.js');
  const { readBoundaries } = await import('../dist/io/read-boundaries.js');
  const { reportSet } = await import('../dist/report/report-set.js');
  const { writeReports } = await import('../dist/io/write-reports.js');
  const { runParameters } = await import('../dist/model/parameters.js');
  const phases = {};
  const time = (phase, work) => {
    const began = performance.now();
    try {
      return work();
    } finally {
      const entry = (phases[phase] ??= { ms: 0, maxRssMb: 0 });
      entry.ms += performance.now() - began;
      entry.maxRssMb = resourceUsage().maxRSS / 1024;
    }
  };
  const timeAsync = async (phase, work) => {
    const began = performance.now();
    const result = await work();
    phases[phase] = { ms: performance.now() - began, maxRssMb: resourceUsage().maxRSS / 1024 };
    return result;
  };
  const loaded = time('load + validate', () => loadDataset(folder));
  const solver = await timeAsync('load HiGHS', () => loadSolver());
  const analysis = analyze(loaded.dataset, runParameters(loaded.dataset.manifestParameters), { solver, time });
  const files = await timeAsync('reports: build', async () => reportSet(analysis, relativeIssues(loaded.dataset.warnings, loaded.folder), { boundaries: readBoundaries(loaded.folder) }));
  time('reports: write', () => writeReports(out, files));
  process.stdout.write(`\n${JSON.stringify({ ms: performance.now() - started, maxRssMb: resourceUsage().maxRSS / 1024, phases })}\n`);
  process.exit(0);
} else throw new Error(`unknown mode ${mode}`);
const ms = performance.now() - started;
process.stdout.write(`\n${JSON.stringify({ ms, maxRssMb: resourceUsage().maxRSS / 1024 })}\n`);
