/**
 * `servflow validate` end to end on every fixtures/format and fixtures/bad
 * case: the command prints exactly what the loader found (the loader's own
 * expectations are in src/io/load-*.test.ts), with the right exit code and
 * streams. Every case runs in process (src/testing/in-process.ts); the built
 * binary runs a clean and a broken case and must print the same bytes.
 * Needs the built CLI (`npm test` builds first).
 */
import { readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { loadDataset } from '../io/load-dataset.js';
import { formatIssue, type Issue } from '../model/issue.js';
import { servflowInProcess, type InProcessRun } from '../testing/in-process.js';
import { servflow } from '../testing/servflow.js';

function issuesOf(folder: string): { issues: readonly Issue[]; failed: boolean } {
  try {
    return { issues: loadDataset(folder).dataset.warnings, failed: false };
  } catch (error) {
    if (error instanceof InputError) return { issues: error.issues, failed: true };
    throw error;
  }
}

const folders = ['fixtures/format', 'fixtures/bad'].flatMap((parent) => readdirSync(parent).map((name) => `${parent}/${name}`));
const expected = new Map(folders.map((folder) => [folder, issuesOf(folder)]));
const runs = new Map<string, { human: InProcessRun; json?: InProcessRun }>();

beforeAll(async () => {
  // --json for every case with problems and for one clean case
  for (const folder of folders) {
    const withJson = expected.get(folder)!.issues.length > 0 || folder === 'fixtures/format/plain';
    runs.set(folder, { human: await servflowInProcess('validate', folder), ...(withJson ? { json: await servflowInProcess('validate', folder, '--json') } : {}) });
  }
});

describe('servflow validate prints what the loader finds', () => {
  it('covers both fixture sets', () => {
    expect(folders.filter((folder) => folder.startsWith('fixtures/bad/')).length).toBeGreaterThanOrEqual(25);
    expect(folders.filter((folder) => folder.startsWith('fixtures/format/')).length).toBeGreaterThanOrEqual(20);
  });

  it.each(folders)('%s', (folder) => {
    const { issues, failed } = expected.get(folder)!;
    const { human, json } = runs.get(folder)!;
    const lines = issues.map((issue) => `servflow: ${formatIssue(issue)}`);
    for (const run of json ? [human, json] : [human]) {
      expect(run.code).toBe(failed ? 2 : 0);
      expect(run.stderr).not.toMatch(/^\s+at /m);
    }
    if (failed) {
      const errors = issues.filter((issue) => issue.severity === 'error').length;
      expect(human.stdout).toBe('');
      expect(human.stderr).toBe([...lines, `servflow: ${errors} error${errors === 1 ? '' : 's'} in the input data; nothing was written`, ''].join('\n'));
    } else {
      expect(human.stderr).toBe(lines.map((line) => `${line}\n`).join(''));
      expect(human.stdout.trimEnd().split('\n').at(-1)).toMatch(issues.length === 0 ? /^valid: no errors, no warnings$/ : /^valid: no errors, \d+ warnings? \(above\)$/);
    }
    if (!json) return;
    expect(JSON.parse(json.stdout)).toEqual(issues.map(({ severity, file, line, column, code, message }) => ({ severity, file, line, column, code, message })));
    expect(json.stderr).toBe('');
  });
});

describe('the built binary', () => {
  it.each(['fixtures/format/plain', 'fixtures/bad/non-numeric'])('%s: the same exit code and bytes as in process', async (folder) => {
    const { human } = runs.get(folder)!;
    const spawned = await servflow('validate', folder);
    expect({ code: spawned.status, stdout: spawned.stdout, stderr: spawned.stderr }).toEqual(human);
  });
});
