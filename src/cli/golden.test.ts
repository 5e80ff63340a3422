/**
 * Golden report files (STYLE.md, tests 2): `servflow analyze` on each fixture
 * dataset below writes exactly the files in the fixture's expected/ folder,
 * byte for byte (text files compared as text, for a readable difference).
 *
 * After a deliberate change of the output, regenerate them with
 *   UPDATE_GOLDEN=1 npx vitest run src/cli/golden.test.ts
 * and review the difference like code. Without UPDATE_GOLDEN=1 the test only
 * reads them. Runs the built CLI in process (`npm test` builds first).
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { servflowInProcess } from '../testing/in-process.js';

/** Each case: the dataset folder and any further arguments to `analyze`. */
const CASES: readonly (readonly [string, ...string[]])[] = [
  ['fixtures/analysis/hand-imbalance'],
  ['fixtures/hostile-names'],
  ['fixtures/report/ten-gminy', '--data-root', '.'],
  ...readdirSync('fixtures/cooperation')
    .sort()
    .map((name): [string] => [`fixtures/cooperation/${name}`]),
];

const UPDATE = process.env.UPDATE_GOLDEN === '1';
const scratch = mkdtempSync(path.join(os.tmpdir(), 'servflow-golden-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Every file of `folder` by name: text as text, the workbook as base64. */
function files(folder: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(folder)
      .sort()
      .map((name) => [name, readFileSync(path.join(folder, name)).toString(name.endsWith('.xlsx') ? 'base64' : 'utf8')]),
  );
}

describe('golden report files: fixtures/<case>/expected/', () => {
  it('covers the hand-worked, hostile, cooperation and report-layout fixtures', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(8);
  });

  it.each(CASES)('%s', async (folder, ...args) => {
    const out = path.join(scratch, folder.replaceAll('/', '-'));
    const run = await servflowInProcess('analyze', folder, ...args, '--out', out, '--quiet');
    expect(run.stderr.split('\n').filter((line) => / error: |internal error/.test(line))).toEqual([]);
    expect(run.code).toBe(0);
    const expected = path.join(folder, 'expected');
    if (UPDATE) {
      rmSync(expected, { recursive: true, force: true });
      cpSync(out, expected, { recursive: true });
    }
    const written = files(out);
    expect(Object.keys(written)).toHaveLength(10);
    expect(written).toEqual(files(expected));
  });
});
