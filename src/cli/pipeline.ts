/**
 * The work `servflow analyze` and `servflow report` share: load the dataset,
 * apply the options, run every analysis (with HiGHS for §5–§7) and build the
 * report set in memory.
 */
import { analyze, type Analysis } from '../analysis/analyze.js';
import { failHits, parseFailRule, type FailRule, type RuleHit } from '../analysis/fail-on.js';
import { UsageError } from '../errors.js';
import { loadDataset } from '../io/load-dataset.js';
import { readBoundaries } from '../io/read-boundaries.js';
import type { Dataset } from '../model/types.js';
import { reportSet } from '../report/report-set.js';
import { applyAnalysisOptions, relativeIssues, reportFormats, reportLang, type AnalysisCliOptions } from './analysis-options.js';
import { datasetArgument } from './dataset-argument.js';
import { progressReporter } from './output.js';
import { loadSolver } from './solver.js';

export interface Computed {
  readonly dataset: Dataset;
  readonly folder: string;
  readonly analysis: Analysis;
  readonly files: Map<string, string | Uint8Array>;
}

/** `--fail-on` rules, checked before any work is done. */
export function failRules(texts: readonly string[] | undefined): FailRule[] {
  return (texts ?? []).map((text) => {
    const rule = parseFailRule(text);
    if (typeof rule === 'string') throw new UsageError(`--fail-on ${JSON.stringify(text)}: ${rule}`);
    return rule;
  });
}

/** Load the dataset, apply the options and run every analysis, §1–§7 (progress on a terminal). */
export async function runAnalysis(argument: string | undefined, options: AnalysisCliOptions): Promise<Omit<Computed, 'files'>> {
  const loaded = loadDataset(datasetArgument(argument));
  const { dataset, services, budget } = applyAnalysisOptions(loaded.dataset, options);
  const solver = await loadSolver();
  const progress = progressReporter();
  const analysis = analyze(dataset, { ...(services ? { services } : {}), solver, cooperation: { ...(budget !== undefined ? { budget } : {}), onProgress: progress.update } });
  progress.done();
  return { dataset, folder: loaded.folder, analysis };
}

export async function computeReports(argument: string | undefined, options: AnalysisCliOptions): Promise<Computed> {
  const formats = reportFormats(options.format);
  const lang = reportLang(options.lang);
  const { dataset, folder, analysis } = await runAnalysis(argument, options);
  const boundaries = formats.includes('html') ? readBoundaries(folder) : new Map();
  const files = await reportSet(analysis, relativeIssues(dataset.warnings, folder), { formats, lang, boundaries });
  return { dataset, folder, analysis, files };
}

/** Lines saying where the `--fail-on` rules were met (empty when none). */
export function failLines(analysis: Analysis, rules: readonly FailRule[]): string[] {
  const hits: RuleHit[] = failHits(analysis, rules);
  return hits.map((hit) => {
    const where = hit.municipality ? `${hit.municipality} (${analysis.dataset.municipalities.find((m) => m.id === hit.municipality)?.name ?? ''}), ${hit.service}` : hit.service;
    const value = Math.abs(hit.value) < 10 ? hit.value.toFixed(4).replace(/0+$/, '').replace(/\.$/, '') : hit.value.toFixed(1);
    return `--fail-on ${hit.rule.text}: ${where}: ${hit.rule.metric} = ${value}`;
  });
}
