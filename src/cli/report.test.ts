/**
 * `servflow report` for CI (issue 6 acceptance 3 and 5): --check exits 0 right
 * after --write and 1 after any input value changes; a Polish report has no
 * English words left but proper names, units and method names.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { servflowRun as servflow } from '../testing/in-process.js';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'servflow-report-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('report --check and --write', () => {
  const data = path.join(scratch, 'data');
  const out = path.join(scratch, 'reports');
  cpSync('data', data, { recursive: true });

  it('--check exits 0 right after --write', async () => {
    expect((await servflow('report', '--write', data, '--out', out)).status).toBe(0);
    const check = await servflow('report', '--check', data, '--out', out);
    expect(check.status).toBe(0);
    expect(check.stdout).toMatch(/^\d+ report files in .* are up to date$/m);
  });

  it('--check exits 1 after an input value changes, naming the stale files', async () => {
    // data/demand.csv: 0402042,preschool,176 → 177
    const file = path.join(data, 'demand.csv');
    writeFileSync(file, readFileSync(file, 'utf8').replace('0402042,preschool,176', '0402042,preschool,177'));
    const check = await servflow('report', '--check', data, '--out', out);
    expect(check.status).toBe(1);
    expect(check.stderr).toContain('imbalance.csv: stale');
    expect(check.stderr).toContain('report.md: stale');
    // issue 16, item 20: the exact command, dataset argument included, that regenerates them
    expect(check.stderr).toContain(`run: servflow report --write ${data} --out ${out}\n`);
  });

  it('needs exactly one of --check and --write (exit 2)', async () => {
    expect((await servflow('report', data, '--out', out)).status).toBe(2);
    expect((await servflow('report', '--check', '--write', data, '--out', out)).status).toBe(2);
  });
});

describe('the Polish report', () => {
  const en = path.join(scratch, 'en');
  const pl = path.join(scratch, 'pl');

  it('has no English words but names, units and method names', async () => {
    expect((await servflow('analyze', 'data', '--out', en, '--quiet', '--format', 'md')).status).toBe(0);
    expect((await servflow('analyze', 'data', '--out', pl, '--quiet', '--format', 'md', '--lang', 'pl')).status).toBe(0);
    const words = (text: string) => new Set((text.match(/\p{L}+/gu) ?? []).filter((word) => word.length >= 3).map((word) => word.toLowerCase()));
    const english = words(readFileSync(path.join(en, 'report.md'), 'utf8'));
    // Proper names (municipalities, dataset, services in English), the data's unit, method names and notation.
    const allowed = new Set([
      ...words(readFileSync('data/municipalities.csv', 'utf8')),
      ...words('Wspieramy rozwój naszych małych ojczyzn Preschool Nursery Primary school places'),
      ...words('PageRank HITS Louvain SRMSE SCRB Shapley Shapleya Gini Giniego Theil Theila Sørensen Sørensena Poisson Poissona servflow exp 2SFCA'),
      // The methods' file: docs/methods.md.
      ...words('docs methods'),
      // Words that are Polish as well as English.
      ...words('model plan partner partnerzy plus pseudo'),
    ]);
    const polish = readFileSync(path.join(pl, 'report.md'), 'utf8');
    const leftovers = [...words(polish)].filter((word) => english.has(word) && !allowed.has(word));
    expect(leftovers).toEqual([]);
  });
});
