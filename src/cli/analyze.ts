/**
 * `servflow analyze [DATASET] [--out DIR]`: the main job. Loads and checks
 * the dataset, runs the analysis, writes the report set atomically and
 * prints a short summary (or summary.json with --json).
 */
import type { Command } from 'commander';
import { analyze } from '../analysis/analyze.js';
import { loadDataset } from '../io/load-dataset.js';
import { writeReports } from '../io/write-reports.js';
import { reportSet } from '../report/report-set.js';
import { terminalSummary } from '../report/terminal.js';
import { addAnalysisOptions, applyAnalysisOptions, relativeIssues, reportFormats, reportLang, type AnalysisCliOptions } from './analysis-options.js';
import { datasetArgument } from './dataset-argument.js';
import { colorEnabled, issueLines, makeStyle, progressReporter } from './output.js';
import { loadSolver } from './solver.js';

export function registerAnalyze(program: Command): void {
  const command = program
    .command('analyze')
    .description('the main job: imbalance, flow graph, accessibility, gravity model, cooperation, shared investment and cost sharing; writes the report set and prints a summary')
    .argument('[dataset]', 'dataset folder or servflow.json (default: the bundled sample)');
  addAnalysisOptions(command).action((dataset: string | undefined, options: AnalysisCliOptions) => runAnalyze(dataset, options));
}

async function runAnalyze(argument: string | undefined, options: AnalysisCliOptions): Promise<void> {
  const formats = reportFormats(options.format);
  const loaded = loadDataset(datasetArgument(argument));
  const { dataset, services, budget } = applyAnalysisOptions(loaded.dataset, options);
  const solver = await loadSolver();
  const progress = progressReporter();
  const analysis = analyze(dataset, { ...(services ? { services } : {}), solver, cooperation: { ...(budget !== undefined ? { budget } : {}), onProgress: progress.update } });
  progress.done();
  const warnings = relativeIssues(dataset.warnings, loaded.folder);
  const files = reportSet(analysis, warnings, { formats, lang: reportLang(options.lang) });
  const written = writeReports(options.out, files);
  const errorStyle = makeStyle(colorEnabled(process.stderr, options.color));
  for (const line of issueLines(dataset.warnings, errorStyle)) process.stderr.write(`${line}\n`);
  if (options.json) {
    process.stdout.write(files.get('summary.json') ?? reportSet(analysis, warnings, { formats: ['json'] }).get('summary.json') ?? '');
    return;
  }
  if (options.quiet) return;
  const style = makeStyle(colorEnabled(process.stdout, options.color));
  const lines = terminalSummary(analysis, style);
  lines.push('', style.dim(`wrote ${written.join(', ')} to ${options.out}/`));
  process.stdout.write(`${lines.join('\n')}\n`);
}
