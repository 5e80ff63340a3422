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
import { recoverReports } from '../io/write-reports.js';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { reportSet } from '../report/report-set.js';
import type { Dataset } from '../model/types.js';
import { terminalText } from '../model/text.js';
import { applyAnalysisOptions, relativeIssues, reportFormats, reportLang, type AnalysisCliOptions } from './analysis-options.js';
import { datasetArgument, loadOptions } from './dataset-argument.js';
import { checkDensity } from './dense-guard.js';
import { progressReporter } from './output.js';
import { GROUP_THREAD_CPUS, groupThreads } from './group-threads.js';
import { startSecondCore, type SecondCore } from './second-core.js';
import { loadSolverFor } from './solver.js';

export interface Computed {
  readonly dataset: Dataset;
  readonly folder: string;
  /** The boundaries file (relative to `folder`) for report.html's maps. */
  readonly boundaries: string;
  /** Every input file: the writer never replaces them. */
  readonly inputs: readonly string[];
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

/**
 * Load the dataset, apply the options and run every analysis, §1–§7
 * (progress on a terminal). With `twoCores`, a large dataset gets a second
 * core (second-core.ts), returned for the reports; the caller stops it.
 */
export async function runAnalysis(argument: string | undefined, options: AnalysisCliOptions, twoCores = false): Promise<Omit<Computed, 'files'> & { secondCore?: SecondCore }> {
  const loaded = loadDataset(datasetArgument(argument), loadOptions(options));
  const { dataset } = loaded;
  const { parameters, services, budget, sharing } = applyAnalysisOptions(dataset, options);
  checkDensity(dataset, parameters, services);
  const secondCore = twoCores ? startSecondCore(dataset) : undefined;
  // §7's bill groups on two threads where there are many: on the second core's worker, or one of their own (started only then).
  const groups = twoCores && availableParallelism() >= GROUP_THREAD_CPUS ? groupThreads(undefined, secondCore?.thread) : undefined;
  let analysed = false;
  try {
    const solver = await loadSolverFor(dataset);
    const progress = progressReporter();
    const analysis = analyze(dataset, parameters, {
      ...(services ? { services } : {}),
      solver,
      cooperation: { ...(budget !== undefined ? { budget } : {}), ...(sharing ? { sharing } : {}), onProgress: progress.update, ...(groups ? { groups: groups.work } : {}) },
      ...(secondCore ? { graphs: secondCore.graphs } : {}),
    });
    progress.done();
    analysed = true;
    return { dataset, folder: loaded.folder, boundaries: loaded.boundaries, inputs: loaded.inputs, analysis, ...(secondCore ? { secondCore } : {}) };
  } finally {
    groups?.stop();
    // On failure nothing will use the worker (on success the caller stops it).
    if (!analysed) secondCore?.stop();
  }
}

export async function computeReports(argument: string | undefined, options: AnalysisCliOptions): Promise<Computed> {
  // A run killed while writing to --out is finished first (even before a --check compares).
  recoverReports(options.out);
  const formats = reportFormats(options.format);
  const lang = reportLang(options.lang);
  const { dataset, folder, boundaries: boundariesFile, inputs, analysis, secondCore } = await runAnalysis(argument, options, true);
  try {
    const boundaries = formats.includes('html') ? readBoundaries(folder, boundariesFile) : new Map();
    const warnings = relativeIssues(dataset.warnings, folder);
    const reportOptions = { formats, lang, boundaries };
    const files = await (secondCore ? secondCore.reports(analysis, warnings, reportOptions) : reportSet(analysis, warnings, reportOptions));
    return { dataset, folder, boundaries: boundariesFile, inputs: [...inputs, path.resolve(folder, boundariesFile)], analysis, files };
  } finally {
    secondCore?.stop();
  }
}

/** What the writer must never replace: the dataset's folder and every file read. */
export function inputProtection(computed: { readonly folder: string; readonly inputs: readonly string[] }): { files: readonly string[]; folders: readonly string[] } {
  return { files: computed.inputs, folders: [computed.folder] };
}

/** Lines saying where the `--fail-on` rules were met (empty when none). */
export function failLines(analysis: Analysis, rules: readonly FailRule[]): string[] {
  const hits: RuleHit[] = failHits(analysis, rules);
  return hits.map((hit) => {
    const where = hit.municipality ? `${hit.municipality} (${analysis.dataset.municipalities.find((m) => m.id === hit.municipality)?.name ?? ''}), ${hit.service}` : hit.service;
    const value = Math.abs(hit.value) < 10 ? hit.value.toFixed(4).replace(/0+$/, '').replace(/\.$/, '') : hit.value.toFixed(1);
    return terminalText(`--fail-on ${hit.rule.text}: ${where}: ${hit.rule.metric} = ${value}`);
  });
}
