#!/usr/bin/env node
// servflow benchmark (`npm run bench [-- --runs N] [-- --json]`):
// - `analyze` phase by phase (load and validate, distances, imbalance,
//   gravity, 2SFCA, graphs with Louvain, §5 sharing LP, §6 location, §7 cost
//   sharing, building and writing the reports) on the bundled sample, the
//   national dataset (data/poland/, all 2,477 gminy) and a synthetic
//   10,000-municipality dataset built by scripts/build-data.mjs --synthetic;
//   The phases run on one core, so each shows its whole cost;
// - `analyze` end to end (incl. Node start-up) on the three, against the
//   targets of issue 8 (as users run it: large datasets use a second core,
//   src/cli/second-core.ts);
// - validation of the national dataset with a generated 1,000,000-row flows
//   file, the gravity calibration on the real national migration flows
//   (300 km), and `invest` on the sample.
// - the shortage scenarios of data/scenarios/ (issue 15: a 30-gmina
//   partnership, mazowieckie with every gmina a partner, the national nursery
//   shortage) phase by phase and end to end; with `--before DIR` (a built
//   checkout of an earlier version, e.g. `git worktree add DIR REV && cd DIR
//   && npm ci && npm run build`) also that version end to end on them, once,
//   stopped after `--before-limit` seconds (default 120) and shown as "> N";
//   a scenario's runs after `--scenario-limit` seconds (default 180).
// Median of several runs, each in a fresh Node process (so peak memory,
// maxRSS, is the run's own). Prints tables, or with --json the same as JSON.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// The project's seeded generator (src/engines/random.ts), built by `npm run build`.
import { mulberry32 } from '../dist/engines/random.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 5;
const json = args.includes('--json');
const before = args.includes('--before') ? path.resolve(args[args.indexOf('--before') + 1]) : undefined;
const beforeLimit = Number(args[args.indexOf('--before-limit') + 1]) || 120;
// A shortage scenario's run is stopped after this many seconds and shown as "> N" (a slow build must not hang the benchmark).
const scenarioLimit = Number(args[args.indexOf('--scenario-limit') + 1]) || 180;
const only = args.includes('--scenarios-only');

/** The national dataset plus `rows` distinct flows (origin, destination, service). */
function nationalWithFlows(rows) {
  const folder = mkdtempSync(path.join(tmpdir(), 'servflow-bench-'));
  for (const file of ['municipalities.csv', 'services.csv', 'supply.csv', 'demand.csv']) {
    copyFileSync(path.join(root, 'data/poland', file), path.join(folder, file));
  }
  writeFileSync(path.join(folder, 'servflow.json'), JSON.stringify({ name: 'Poland, all gminy, with 1,000,000 generated flows (benchmark)', year: 2022 }));
  const ids = readFileSync(path.join(root, 'data/poland/municipalities.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',')[0]);
  const services = ['preschool', 'nursery', 'primary_school'];
  const random = mulberry32(1000000);
  const n = ids.length;
  const lines = ['origin,destination,service,users'];
  // Each origin sends to a run of destinations from a random start, per service:
  // rows/(n·3) destinations each, so every (origin, destination, service) is distinct.
  const perOrigin = Math.ceil(rows / (n * services.length));
  outer: for (let i = 0; i < n; i++) {
    for (const service of services) {
      const start = Math.floor(random() * n);
      for (let k = 0; k < perOrigin; k++) {
        if (lines.length > rows) break outer;
        lines.push(`${ids[i]},${ids[(start + k) % n]},${service},${Math.floor(random() * 3)}`);
      }
    }
  }
  writeFileSync(path.join(folder, 'flows.csv'), lines.join('\n') + '\n');
  return folder;
}

/**
 * Run `node args…` `runs` times; wall time (ms) and the child's peak RSS
 * (MB), median of each. For the gravity phases the time is the child's own
 * measure of building the pairs and fitting (after loading the dataset).
 */
function measure(label, nodeArgs, count = runs, tree = root, limitSeconds = undefined) {
  const times = [];
  const memory = [];
  for (let run = 0; run < count; run++) {
    const started = process.hrtime.bigint();
    const child = spawnSync(process.execPath, ['--expose-gc', path.join(tree, 'scripts/measure-child.mjs'), ...nodeArgs], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      ...(limitSeconds ? { timeout: limitSeconds * 1000, killSignal: 'SIGKILL' } : {}),
    });
    const wall = Number(process.hrtime.bigint() - started) / 1e6;
    if (limitSeconds && child.status === null) return { phase: label, runs: 1, medianMs: null, minMs: null, peakRssMb: null, stoppedAfterS: limitSeconds };
    if (child.status !== 0) throw new Error(`${label}: exit ${child.status}\n${child.stderr}`);
    const report = JSON.parse(child.stdout.trim().split('\n').pop());
    // The gravity and estimate children time their own work, without Node start-up and loading.
    times.push(report.pairs !== undefined || report.services !== undefined ? report.ms : wall);
    memory.push(report.maxRssMb);
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return { phase: label, runs: count, medianMs: Math.round(median(times)), minMs: Math.round(Math.min(...times)), peakRssMb: Math.round(median(memory)) };
}

/** The phases child `runs` times on `folder`: median ms and median peak MB per phase. */
function measurePhases(label, folder, out, runs, limitSeconds = undefined) {
  const samples = [];
  for (let run = 0; run < runs; run++) {
    const child = spawnSync(process.execPath, ['--expose-gc', path.join(root, 'scripts/measure-child.mjs'), 'phases', folder, out], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      ...(limitSeconds ? { timeout: limitSeconds * 1000, killSignal: 'SIGKILL' } : {}),
    });
    if (limitSeconds && child.status === null) return { dataset: label, runs: 1, phases: [], totalMs: `> ${limitSeconds * 1000}`, peakRssMb: '–' };
    if (child.status !== 0) throw new Error(`${label}: exit ${child.status}\n${child.stderr}`);
    samples.push(JSON.parse(child.stdout.trim().split('\n').pop()));
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const phases = Object.keys(samples[0].phases).map((phase) => ({
    phase,
    medianMs: Math.round(median(samples.map((sample) => sample.phases[phase]?.ms ?? 0))),
    peakRssMb: Math.round(median(samples.map((sample) => sample.phases[phase]?.maxRssMb ?? 0))),
  }));
  return { dataset: label, runs, phases, totalMs: Math.round(median(samples.map((sample) => sample.ms))), peakRssMb: Math.round(median(samples.map((sample) => sample.maxRssMb))) };
}

const scratch = mkdtempSync(path.join(tmpdir(), 'servflow-bench-'));
const national = only ? undefined : nationalWithFlows(1_000_000);
const synthetic = path.join(scratch, 'synthetic-10000');
if (!only) {
  const built = spawnSync(process.execPath, [path.join(root, 'scripts/build-data.mjs'), '--synthetic', '10000', synthetic], { encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`building the synthetic dataset: ${built.stderr}`);
}
const datasets = [
  { label: 'sample', folder: path.join(root, 'data'), runs },
  { label: 'national', folder: path.join(root, 'data/poland'), runs },
  { label: 'synthetic 10,000', folder: synthetic, runs: Math.max(1, Math.min(runs, 3)) },
];
// The shortage scenarios (data/scenarios/, issue 15): §5–§7 with real residual work.
const scenarios = [
  { label: '30 gminy, shortage', folder: path.join(root, 'data/scenarios/siedlce-30-nursery'), runs, target: 1000 },
  { label: 'voivodeship, shortage', folder: path.join(root, 'data/scenarios/mazowieckie-shortage'), runs, target: 2000 },
  { label: 'national, shortage', folder: path.join(root, 'data/scenarios/poland-nursery-shortage'), runs: Math.max(1, Math.min(runs, 3)), target: 5000 },
];
try {
  const scenarioPhases = scenarios.map(({ label, folder, runs: count }) => measurePhases(label, folder, path.join(scratch, `phases-${label}`), count, scenarioLimit));
  const scenarioRuns = scenarios.map(({ label, folder, runs: count, target }) => ({
    ...measure(`analyze: ${label} (end to end, incl. Node start-up)`, ['cli', 'analyze', folder, '--quiet', '--out', path.join(scratch, `analyze-${label}`)], count, root, scenarioLimit),
    dataset: label,
    target,
    ...(before ? { before: measure(`before: ${label}`, ['cli', 'analyze', folder, '--quiet', '--out', path.join(scratch, `before-${label}`)], 1, before, beforeLimit) } : {}),
  }));
  const scenarioTargets = scenarioRuns.map((r) => ({
    target: `analyze: ${r.dataset}, end to end ≤ ${r.target.toLocaleString('en-US')} ms`,
    value: r.medianMs ?? `> ${r.stoppedAfterS} s`,
    met: r.medianMs !== null && r.medianMs <= r.target,
  }));
  scenarioTargets.push({
    target: 'analyze: national, shortage, peak memory ≤ 1,024 MB',
    value: scenarioRuns[2].peakRssMb,
    met: scenarioRuns[2].peakRssMb !== null && scenarioRuns[2].peakRssMb <= 1024,
  });
  const printScenarios = () => {
    console.log('\nshortage scenarios (issue 15), phase by phase (in process, one core)');
    console.log(`${'phase'.padEnd(18)}${scenarioPhases.map((p) => `${p.dataset.padStart(24)} ms      MB`).join('')}`);
    for (const { phase } of scenarioPhases[2].phases) {
      console.log(
        `${phase.padEnd(18)}${scenarioPhases
          .map((p) => {
            const row = p.phases.find((entry) => entry.phase === phase);
            return `${String(row?.medianMs ?? '–').padStart(27)} ${String(row?.peakRssMb ?? '–').padStart(7)}`;
          })
          .join('')}`,
      );
    }
    console.log(`${'total'.padEnd(18)}${scenarioPhases.map((p) => `${String(p.totalMs).padStart(27)} ${String(p.peakRssMb).padStart(7)}`).join('')}`);
    console.log(
      `\n${'shortage scenarios, end to end'.padEnd(64)} ${'median ms'.padStart(10)} ${'min ms'.padStart(8)} ${'peak MB'.padStart(8)}${before ? `  ${'before ms'.padStart(10)} ${'MB'.padStart(6)}` : ''}`,
    );
    for (const r of scenarioRuns) {
      const then = r.before
        ? r.before.medianMs === null
          ? `> ${(r.before.stoppedAfterS * 1000).toLocaleString('en-US')}`.padStart(10) + ' –'.padStart(7)
          : `${String(r.before.medianMs).padStart(10)} ${String(r.before.peakRssMb).padStart(6)}`
        : '';
      const now =
        r.medianMs === null
          ? `${`> ${(r.stoppedAfterS * 1000).toLocaleString('en-US')}`.padStart(10)} ${'–'.padStart(8)} ${'–'.padStart(8)}`
          : `${String(r.medianMs).padStart(10)} ${String(r.minMs).padStart(8)} ${String(r.peakRssMb).padStart(8)}`;
      console.log(`${r.phase.padEnd(64)} ${now}${before ? `  ${then}` : ''}`);
    }
    console.log('\ntargets (issue 15)');
    for (const t of scenarioTargets) console.log(`${t.met ? 'met    ' : 'NOT met'}  ${t.target}: ${t.value}`);
  };
  if (only) {
    if (json)
      process.stdout.write(`${JSON.stringify({ machine: { node: process.version, cpus: (await import('node:os')).cpus().length }, scenarioPhases, scenarioRuns, scenarioTargets }, null, 2)}\n`);
    else {
      console.log(`servflow benchmark, shortage scenarios only — median of ${runs} runs (national: ${scenarios[2].runs}), Node ${process.version}`);
      printScenarios();
    }
  } else {
    const phases = datasets.map(({ label, folder, runs: count }) => measurePhases(label, folder, path.join(scratch, `phases-${label}`), count));
    const analyze = datasets.map(({ label, folder, runs: count }) => ({
      ...measure(`analyze: ${label} (end to end, incl. Node start-up)`, ['cli', 'analyze', folder, '--quiet', '--out', path.join(scratch, `analyze-${label}`)], count),
      dataset: label,
    }));
    const others = [
      measure('validate: sample (end to end, incl. Node start-up)', ['cli', 'validate', path.join(root, 'data'), '--quiet']),
      measure('load + validate: national + 1M flows (in process)', ['load', national]),
      measure('validate: national + 1M flows (end to end)', ['cli', 'validate', national, '--quiet']),
      measure('gravity: national migration, 300 km, exp (pairs + fit)', ['gravity', path.join(root, 'data/poland'), 'exp']),
      measure('gravity: national migration, 300 km, pow (pairs + fit)', ['gravity', path.join(root, 'data/poland'), 'pow']),
      measure('estimate, national, 2 services: production-constrained only (before issue 13)', ['estimate', path.join(root, 'data/poland'), 'before']),
      measure('estimate, national, 2 services: capacity-aware, as analyze (after)', ['estimate', path.join(root, 'data/poland'), 'after']),
      measure('estimate, national, 2 services: capacity-aware + β/2, 2β', ['estimate', path.join(root, 'data/poland'), 'always']),
      measure('invest: sample (end to end, incl. Node start-up)', ['cli', 'invest', path.join(root, 'data'), '--quiet', '--out', path.join(scratch, 'invest-sample')]),
    ];
    const [sampleRun, nationalRun, syntheticRun] = analyze;
    const targets = [
      { target: 'analyze: sample, end to end < 1,000 ms', value: sampleRun.medianMs, met: sampleRun.medianMs < 1000 },
      { target: 'analyze: national, end to end < 3,000 ms', value: nationalRun.medianMs, met: nationalRun.medianMs < 3000 },
      { target: 'analyze: national, peak memory < 1,024 MB', value: nationalRun.peakRssMb, met: nationalRun.peakRssMb < 1024 },
      { target: 'analyze: 10,000 municipalities < 4.5 × national', value: Number((syntheticRun.medianMs / nationalRun.medianMs).toFixed(2)), met: syntheticRun.medianMs < 4.5 * nationalRun.medianMs },
    ];
    // Issue 13: the capacity-aware estimate adds at most 0.3 s to analyze data/poland (after − before, same run).
    const [estimateBefore, estimateAfter] = others.filter((r) => r.phase.startsWith('estimate, national')).map((r) => r.medianMs);
    targets.push({
      target: 'estimate: capacity-aware adds ≤ 300 ms to data/poland (issue 13)',
      value: Number((estimateAfter - estimateBefore).toFixed(1)),
      met: estimateAfter - estimateBefore <= 300,
    });
    if (json)
      process.stdout.write(
        `${JSON.stringify({ machine: { node: process.version, cpus: (await import('node:os')).cpus().length }, phases, analyze, others, targets, scenarioPhases, scenarioRuns, scenarioTargets }, null, 2)}\n`,
      );
    else {
      console.log(`servflow benchmark — median of ${runs} runs (10,000: ${datasets[2].runs}), Node ${process.version}`);
      console.log('\nanalyze, phase by phase (in process, one core; peak MB = the process’s peak so far)');
      console.log(`${'phase'.padEnd(18)}${datasets.map((d) => `${d.label.padStart(17)} ms      MB`).join('')}`);
      for (const { phase } of phases[1].phases) {
        console.log(
          `${phase.padEnd(18)}${phases
            .map((p) => {
              const row = p.phases.find((entry) => entry.phase === phase);
              return `${String(row?.medianMs ?? '–').padStart(20)} ${String(row?.peakRssMb ?? '–').padStart(7)}`;
            })
            .join('')}`,
        );
      }
      console.log(`${'total'.padEnd(18)}${phases.map((p) => `${String(p.totalMs).padStart(20)} ${String(p.peakRssMb).padStart(7)}`).join('')}`);
      console.log(`\n${'end to end'.padEnd(64)} ${'median ms'.padStart(10)} ${'min ms'.padStart(8)} ${'peak MB'.padStart(8)}`);
      for (const r of [...analyze, ...others]) console.log(`${r.phase.padEnd(64)} ${String(r.medianMs).padStart(10)} ${String(r.minMs).padStart(8)} ${String(r.peakRssMb).padStart(8)}`);
      console.log('\ntargets (issue 8)');
      for (const t of targets) console.log(`${t.met ? 'met    ' : 'NOT met'}  ${t.target}: ${t.value}`);
      printScenarios();
    }
  }
} finally {
  if (national) rmSync(national, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
}
