/**
 * `servflow validate` end to end on every fixtures/format and fixtures/bad
 * case: the binary prints exactly what the loader found (the loader's own
 * expectations are in src/io/load-*.test.ts), with the right exit code and
 * streams. Needs the built binary (`npm test` builds first).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { loadDataset } from '../io/load-dataset.js';
import { formatIssue, type Issue } from '../model/issue.js';
import { servflow, type Run } from '../testing/servflow.js';


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
const runs = new Map<string, { human: Run; json?: Run }>();

beforeAll(async () => {
  // --json for every case with problems and for one clean case; four binaries at a time
  const queue = [...folders];
  const worker = async (): Promise<void> => {
    for (let folder = queue.shift(); folder !== undefined; folder = queue.shift()) {
      const withJson = expected.get(folder)!.issues.length > 0 || folder === 'fixtures/format/plain';
      runs.set(folder, { human: await servflow('validate', folder), ...(withJson ? { json: await servflow('validate', folder, '--json') } : {}) });
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
}, 120_000);

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
      expect(run.status).toBe(failed ? 2 : 0);
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
