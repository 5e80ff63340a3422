#!/usr/bin/env node
// servflow benchmark (`npm run bench`): median wall time and peak memory of
// each measured phase, on the bundled sample and on the national dataset
// (data/poland/, all 2,477 gminy) with a generated 1,000,000-row flows file,
// and the gravity calibration on the real national migration flows.
// Prints a table and, with --json, the same figures as JSON on stdout.
// Each run is a fresh Node process, so peak memory (maxRSS) is per phase.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// The project's seeded generator (src/analysis/random.ts), built by `npm run build`.
import { mulberry32 } from '../dist/analysis/random.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 5;
const json = args.includes('--json');


/** The national dataset plus `rows` distinct flows (origin, destination, service). */
function nationalWithFlows(rows) {
  const folder = mkdtempSync(path.join(tmpdir(), 'servflow-bench-'));
  for (const file of ['municipalities.csv', 'services.csv', 'supply.csv', 'demand.csv', 'servflow.json']) {
    copyFileSync(path.join(root, 'data/poland', file), path.join(folder, file));
  }
  const ids = readFileSync(path.join(root, 'data/poland/municipalities.csv'), 'utf8').trim().split('\n').slice(1).map((line) => line.split(',')[0]);
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
function measure(label, nodeArgs) {
  const times = [];
  const memory = [];
  for (let run = 0; run < runs; run++) {
    const started = process.hrtime.bigint();
    const child = spawnSync(process.execPath, ['--expose-gc', path.join(root, 'scripts/measure-child.mjs'), ...nodeArgs], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const wall = Number(process.hrtime.bigint() - started) / 1e6;
    if (child.status !== 0) throw new Error(`${label}: exit ${child.status}\n${child.stderr}`);
    const report = JSON.parse(child.stdout.trim().split('\n').pop());
    times.push(report.pairs !== undefined || report.timed ? report.ms : wall);
    memory.push(report.maxRssMb);
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return { phase: label, runs, medianMs: Math.round(median(times)), minMs: Math.round(Math.min(...times)), peakRssMb: Math.round(median(memory)) };
}

const national = nationalWithFlows(1_000_000);
try {
  const results = [
    measure('validate: sample (end to end, incl. Node start-up)', ['cli', 'validate', path.join(root, 'data'), '--quiet']),
    measure('load + validate: national + 1M flows (in process)', ['load', national]),
    measure('validate: national + 1M flows (end to end)', ['cli', 'validate', national, '--quiet']),
    measure('gravity: national migration, 300 km, exp (pairs + fit)', ['gravity', path.join(root, 'data/poland'), 'exp']),
    measure('gravity: national migration, 300 km, pow (pairs + fit)', ['gravity', path.join(root, 'data/poland'), 'pow']),
    measure('analyze: sample (end to end, incl. Node start-up)', ['cli', 'analyze', path.join(root, 'data'), '--quiet', '--out', path.join(national, 'reports-sample')]),
    measure('invest: sample (end to end, incl. Node start-up)', ['cli', 'invest', path.join(root, 'data'), '--quiet', '--out', path.join(national, 'invest-sample')]),
    measure('§5–§7: national, 3 services (in process)', ['cooperation', path.join(root, 'data/poland')]),
    measure('invest: national, 3 services (end to end)', ['cli', 'invest', path.join(root, 'data/poland'), '--quiet', '--out', path.join(national, 'invest-national')]),
  ];
  if (json) process.stdout.write(`${JSON.stringify({ machine: { node: process.version, cpus: (await import('node:os')).cpus().length }, results }, null, 2)}\n`);
  else {
    console.log(`servflow benchmark — median of ${runs} runs, Node ${process.version}`);
    console.log(`${'phase'.padEnd(56)} ${'median ms'.padStart(10)} ${'min ms'.padStart(8)} ${'peak MB'.padStart(8)}`);
    for (const r of results) console.log(`${r.phase.padEnd(56)} ${String(r.medianMs).padStart(10)} ${String(r.minMs).padStart(8)} ${String(r.peakRssMb).padStart(8)}`);
  }
} finally {
  rmSync(national, { recursive: true, force: true });
}
