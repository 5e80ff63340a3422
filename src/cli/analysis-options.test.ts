/**
 * The run's parameters (issue 17): resolved from the defaults, the
 * manifest and the command line into a value of their own, passed to the
 * analysis and stated by the reports; the loaded dataset stays as its files
 * say.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../analysis/analyze.js';
import { loadDataset } from '../io/load-dataset.js';
import { DEFAULT_PARAMETERS } from '../model/parameters.js';
import { summaryJson } from '../report/files/summary-json.js';
import { applyAnalysisOptions } from './analysis-options.js';

/** The `parameters` object of summary.json. */
const reported = (bytes: Uint8Array): Record<string, unknown> => JSON.parse(Buffer.from(bytes).toString('utf8')).parameters;

describe('command-line parameters', () => {
  it('--seed 7 --lambda 2 change the run and the parameters summary.json states, and leave the loaded dataset as it was', () => {
    const { dataset } = loadDataset('data');
    const before = structuredClone(dataset);
    const { parameters } = applyAnalysisOptions(dataset, { out: '', seed: '7', lambda: '2' });
    expect(parameters).toEqual({ ...DEFAULT_PARAMETERS, seed: 7, lambda: 2 });
    const analysis = analyze(dataset, parameters);
    expect(analysis.parameters).toBe(parameters);
    expect(reported(summaryJson(analysis, []))).toMatchObject({ seed: 7, lambda: 2, circuity: 1.3 });
    expect(reported(summaryJson(analyze(dataset, applyAnalysisOptions(dataset, { out: '' }).parameters), []))).toMatchObject({ seed: 42, lambda: 1 });
    expect(dataset).toEqual(before);
    expect(dataset.manifestParameters).toEqual({});
  });

  it('take precedence over the manifest, which takes precedence over the defaults', () => {
    // The manifest sets circuity 1.5, seed 7, decay pow and underserved_share 0.1.
    const { dataset } = loadDataset('fixtures/format/manifest-parameters');
    const before = structuredClone(dataset);
    const { parameters } = applyAnalysisOptions(dataset, { out: '', seed: '5', decay: 'exp' });
    expect(parameters).toEqual({ ...DEFAULT_PARAMETERS, circuity: 1.5, underservedShare: 0.1, seed: 5, decay: 'exp' });
    expect(reported(summaryJson(analyze(dataset, parameters), []))).toMatchObject({ seed: 5, decay: 'exp', circuity: 1.5, underserved_share: 0.1, lambda: 1 });
    expect(dataset.manifestParameters).toEqual({ circuity: 1.5, seed: 7, decay: 'pow', underservedShare: 0.1 });
    expect(dataset).toEqual(before);
  });
});
