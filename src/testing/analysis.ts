/**
 * Test support: the analysis of a dataset as `servflow analyze` runs it
 * without options — with the run's parameters resolved from the defaults
 * and what the dataset's manifest sets.
 */
import { analyze, type Analysis, type AnalyzeOptions } from '../analysis/analyze.js';
import { runParameters } from '../model/parameters.js';
import type { Dataset } from '../model/types.js';

export function analyzeAsLoaded(dataset: Dataset, options: AnalyzeOptions = {}): Analysis {
  return analyze(dataset, runParameters(dataset.manifestParameters), options);
}
