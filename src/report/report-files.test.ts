/**
 * The registry of report files: one module of src/report/files/ per report
 * file (summary.json ↔ summary-json.ts), every file of the committed sample
 * set (reports/) registered, the formats `--format` accepts in registry
 * order, and a report set in registry order.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeAsLoaded } from '../testing/analysis.js';
import { loadDataset } from '../io/load-dataset.js';
import { REPORT_FILES } from './report-files.js';
import { DEFAULT_REPORT_FORMATS, REPORT_FORMATS, reportSet } from './report-set.js';

const moduleOf = (name: string): string => `${name.replace('.', '-')}.ts`;

describe('REPORT_FILES', () => {
  it('names each file once, and each has its own module in src/report/files/', () => {
    const names = REPORT_FILES.map((file) => file.name);
    expect(new Set(names).size).toBe(names.length);
    const modules = readdirSync('src/report/files').filter((file) => !file.endsWith('.test.ts'));
    expect(modules.sort()).toEqual(names.map(moduleOf).sort());
  });

  it('registers every file of the committed sample report set', () => {
    const names = new Set(REPORT_FILES.map((file) => file.name));
    expect(readdirSync('reports').filter((file) => !names.has(file))).toEqual([]);
  });

  it('gives the formats in registry order; graph.gexf only when asked for', () => {
    expect(REPORT_FORMATS).toEqual(['json', 'csv', 'md', 'html', 'xlsx', 'gexf']);
    expect(DEFAULT_REPORT_FORMATS).toEqual(['json', 'csv', 'md', 'html', 'xlsx']);
  });

  it('builds a report set in registry order, cooperation files only with cooperation results', async () => {
    const analysis = analyzeAsLoaded(loadDataset('fixtures/analysis/hand-imbalance').dataset);
    const files = await reportSet(analysis, [], { formats: REPORT_FORMATS });
    expect([...files.keys()]).toEqual(REPORT_FILES.map((file) => file.name).filter((name) => !['agreements.csv', 'investments.csv', 'cost-sharing.csv'].includes(name)));
  });
});
