/**
 * docs/examples/servflow-reports.yml runs as written: it installs the
 * checked-out project (never `npm install servflow`, a name not published
 * on the registry) and its servflow commands work on a partnership folder
 * with data/ and committed reports/ (a copy of the sample here; the
 * project's own reports/ are checked by .ci/run).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { servflowRunIn } from '../testing/in-process.js';

const example = readFileSync('docs/examples/servflow-reports.yml', 'utf8');
const runs = [...example.matchAll(/^\s*- run: (.+)$/gm)].map((match) => match[1].trim());
const bin = path.resolve('bin/servflow');

describe('docs/examples/servflow-reports.yml', () => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'servflow-ci-example-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('installs the checked-out project and runs its binary', () => {
    expect(example).not.toMatch(/npm (install|i)\b[^\n]*servflow|npx servflow/);
    expect(runs[0]).toBe('npm ci');
    expect(runs.slice(1).length).toBeGreaterThan(0);
    for (const command of runs.slice(1)) expect(command).toMatch(/^node bin\/servflow /);
  });

  it('its commands pass on up-to-date reports, and --fail-on reports unmet demand', async () => {
    cpSync('data', path.join(folder, 'data'), { recursive: true });
    // The committed reports (written in process); the example's own commands run as written, in a shell.
    const write = await servflowRunIn({ cwd: folder }, 'report', '--write', 'data', '--out', 'reports', '--quiet');
    expect(write.stderr).toBe('');
    const [check, failOn] = runs.slice(1).map((command) => spawnSync('sh', ['-c', command.replace(/^node bin\/servflow/, `"${process.execPath}" "${bin}"`)], { cwd: folder, encoding: 'utf8' }));
    expect(check.status, check.stderr).toBe(0);
    // The sample leaves partners with more than 5 % unmet preschool demand: the step marked continue-on-error fails.
    expect(failOn.status).toBe(1);
    expect(failOn.stderr).toMatch(/--fail-on unmet>0.05: \d{7} \([^)]+\), \w+: unmet = /);
  });
});
