/**
 * Determinism of `servflow analyze` (METHODS.md: results must not depend on
 * the order of input rows; CLI.md report set): a property test that
 * shuffling the rows of every input file of the bundled sample gives
 * byte-identical reports, two runs of the binary that write identical files,
 * and the command end to end on the sample (in process, but for a bad
 * dataset's exit 2). The command tests need the build (`npm test` builds first).
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { relativeIssues } from '../cli/analysis-options.js';
import { loadDataset } from '../io/load-dataset.js';
import { readBoundaries } from '../io/read-boundaries.js';
import { reportSet } from '../report/report-set.js';
import { analyzeAsLoaded } from '../testing/analysis.js';
import { servflowRun } from '../testing/in-process.js';
import { servflow } from '../testing/servflow.js';
import { testSolvers } from '../testing/solvers.js';

const SAMPLE = 'data';
const INPUTS = ['municipalities.csv', 'services.csv', 'supply.csv', 'demand.csv', 'flows.csv'];
const COPIED = ['servflow.json', 'boundaries.geojson'];
// The order servflow analyze writes them in (with the cooperation files of §5–§7).
const REPORTS = ['summary.json', 'imbalance.csv', 'flows.csv', 'graph.csv', 'agreements.csv', 'investments.csv', 'cost-sharing.csv', 'report.md', 'report.html', 'report.xlsx'];
const bytes = (content: string | Uint8Array | undefined): Buffer => (typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content ?? new Uint8Array()));

// The solver `analyze` runs on (src/cli/solver.ts): small open programs on our dual simplex.
const { own: solver } = await testSolvers();

const scratch = mkdtempSync(path.join(os.tmpdir(), 'servflow-determinism-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let folders = 0;
const freshFolder = (): string => path.join(scratch, `run-${++folders}`);

/** The report set as `servflow analyze` builds it, in process. */
async function reportsOf(folder: string): Promise<Map<string, string | Uint8Array>> {
  const loaded = loadDataset(folder);
  return reportSet(analyzeAsLoaded(loaded.dataset, { solver }), relativeIssues(loaded.dataset.warnings, loaded.folder), { boundaries: readBoundaries(folder) });
}

/** Header and data lines of a CSV of the sample (no quoted line breaks in it). */
function csvLines(file: string): { header: string; rows: string[] } {
  const [header, ...rows] = readFileSync(file, 'utf8').replace(/\n$/, '').split('\n');
  return { header, rows };
}

/** Files of a folder, name → bytes (staging folders would show up here too). */
function filesOf(folder: string): Map<string, Buffer> {
  return new Map(
    readdirSync(folder)
      .sort()
      .map((name) => [name, readFileSync(path.join(folder, name))]),
  );
}

const sample = new Map(INPUTS.map((name) => [name, csvLines(path.join(SAMPLE, name))]));
const expected = await reportsOf(SAMPLE);

describe('reports do not depend on the order of input rows', () => {
  it('the sample loads without warnings (so no line numbers reach the reports) and has rows to shuffle', () => {
    expect(loadDataset(SAMPLE).dataset.warnings).toEqual([]);
    expect([...expected.keys()]).toEqual(REPORTS);
    for (const name of INPUTS) expect(sample.get(name)!.rows.length).toBeGreaterThan(1);
  });

  it('shuffling the rows of every input file gives byte-identical reports (property)', async () => {
    const shuffled = fc.record(
      Object.fromEntries(
        INPUTS.map((name) => {
          const rows = sample.get(name)!.rows;
          return [name, fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length })];
        }),
      ) as Record<string, fc.Arbitrary<string[]>>,
    );
    await fc.assert(
      fc.asyncProperty(shuffled, async (files) => {
        const folder = freshFolder();
        mkdirSync(folder);
        for (const name of COPIED) copyFileSync(path.join(SAMPLE, name), path.join(folder, name));
        for (const name of INPUTS) writeFileSync(path.join(folder, name), `${[sample.get(name)!.header, ...files[name]].join('\n')}\n`);
        const reports = await reportsOf(folder);
        rmSync(folder, { recursive: true, force: true });
        expect([...reports.keys()]).toEqual(REPORTS);
        for (const name of REPORTS) expect(bytes(reports.get(name)).equals(bytes(expected.get(name))), name).toBe(true);
      }),
      { numRuns: 15, seed: 20240611 },
    );
  }, 120_000);
});

describe('servflow analyze end to end (bundled sample)', () => {
  it('two runs write byte-identical files, the same bytes as the in-process report set', async () => {
    const [first, second] = [freshFolder(), freshFolder()];
    const runs = await Promise.all([servflow('analyze', '--out', first, '--quiet'), servflow('analyze', '--out', second, '--quiet')]);
    for (const run of runs) expect(run).toEqual({ status: 0, stdout: '', stderr: '' });
    const a = filesOf(first);
    const b = filesOf(second);
    expect([...a.keys()]).toEqual([...REPORTS].sort());
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [name, bytes] of a) {
      expect(bytes.equals(b.get(name)!), name).toBe(true);
      expect(bytes.equals(Buffer.from(expected.get(name) ?? '')), name).toBe(true);
    }
  });

  it('exits 0, writes the report files and summarises every service', async () => {
    const out = freshFolder();
    const run = await servflowRun('analyze', '--out', out);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect([...filesOf(out).keys()]).toEqual([...REPORTS].sort());
    // The summary names services as people read them (services.csv "name"), not by id.
    for (const name of ['Preschool', 'Nursery', 'Primary school']) expect(run.stdout).toMatch(new RegExp(`^${name} \\(`, 'm'));
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe(`wrote ${REPORTS.join(', ')} to ${out}/`);
  });

  it('--json prints summary.json (schema servflow/1) on stdout', async () => {
    const out = freshFolder();
    const run = await servflowRun('analyze', '--out', out, '--json');
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    const summary = JSON.parse(run.stdout) as { schema: string; services: { id: string }[] };
    expect(summary.schema).toBe('servflow/1');
    expect(summary.services.map((service) => service.id)).toEqual(['nursery', 'preschool', 'primary_school']);
    expect(run.stdout).toBe(readFileSync(path.join(out, 'summary.json'), 'utf8'));
  });

  it('--service nursery analyses only that service', async () => {
    const out = freshFolder();
    const run = await servflowRun('analyze', '--out', out, '--service', 'nursery');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Nursery \(/m);
    expect(run.stdout).not.toMatch(/preschool|primary school/i);
    expect(run.stdout).toMatch(/, 1 service$/m);
    const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8')) as { services: { id: string }[] };
    expect(summary.services.map((service) => service.id)).toEqual(['nursery']);
    const imbalance = readFileSync(path.join(out, 'imbalance.csv'), 'utf8');
    expect(imbalance).toMatch(/nursery/);
    expect(imbalance).not.toMatch(/preschool|primary_school/);
  });

  it('an unknown --service exits 2 with a did-you-mean and writes nothing', async () => {
    const out = freshFolder();
    const run = await servflowRun('analyze', '--out', out, '--service', 'presschool');
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/no service "presschool"/);
    expect(run.stderr).toMatch(/did you mean "preschool"\?/);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(out)).toBe(false);
  });

  it('a dataset with an error exits 2 and leaves the files of an existing output folder untouched', async () => {
    const out = freshFolder();
    mkdirSync(out);
    const previous = new Map(REPORTS.map((name) => [name, `previous ${name}\n`]));
    previous.set('notes.txt', 'not a report\n');
    for (const [name, content] of previous) writeFileSync(path.join(out, name), content);
    const times = new Map([...previous.keys()].map((name) => [name, statSync(path.join(out, name)).mtimeMs]));
    const run = await servflow('analyze', 'fixtures/bad/negative-number', '--out', out);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^servflow: fixtures\/bad\/negative-number\/demand\.csv:\d+:\d+: error: /m);
    expect(run.stderr).toMatch(/nothing was written\n$/);
    const after = filesOf(out);
    expect([...after.keys()]).toEqual([...previous.keys()].sort());
    for (const [name, content] of previous) {
      expect(after.get(name)!.toString('utf8'), name).toBe(content);
      expect(statSync(path.join(out, name)).mtimeMs, name).toBe(times.get(name));
    }
  });
});
