/**
 * `servflow analyze [DATASET] [--out DIR]`: the main job. Loads and checks
 * the dataset, runs every analysis, writes the report set atomically and
 * prints a short summary (or summary.json with --json).
 */
import type { Command } from 'commander';
import { CheckFailedError } from '../errors.js';
import { writeReports } from '../io/write-reports.js';
import { MESSAGES } from '../report/i18n/index.js';
import { terminalJson, terminalText } from '../model/text.js';
import { terminalSummary } from '../report/terminal.js';
import { addAnalysisOptions, reportLang, type AnalysisCliOptions } from './analysis-options.js';
import { colorEnabled, issueLines, makeStyle } from './output.js';
import { computeReports, failLines, failRules, inputProtection } from './pipeline.js';

export function registerAnalyze(program: Command): void {
  const command = program
    .command('analyze')
    .description('the main job: imbalance, flow graph, accessibility, gravity model, cooperation, shared investment and cost sharing; writes the report set and prints a summary')
    .argument('[dataset]', 'dataset folder or servflow.json (default: the bundled sample)');
  addAnalysisOptions(command).action((dataset: string | undefined, options: AnalysisCliOptions) => runAnalyze(dataset, options));
}

async function runAnalyze(argument: string | undefined, options: AnalysisCliOptions): Promise<void> {
  const rules = failRules(options.failOn);
  const computed = await computeReports(argument, options);
  const { dataset, analysis, files } = computed;
  const written = writeReports(options.out, files, { protect: inputProtection(computed) });
  const errorStyle = makeStyle(colorEnabled(process.stderr, options.color));
  for (const line of issueLines(dataset.warnings, errorStyle)) process.stderr.write(`${line}\n`);
  if (options.json) {
    const summary = files.get('summary.json');
    if (summary !== undefined) process.stdout.write(terminalJson(typeof summary === 'string' ? summary : Buffer.from(summary).toString('utf8')));
  } else if (!options.quiet) {
    const style = makeStyle(colorEnabled(process.stdout, options.color));
    const m = MESSAGES[reportLang(options.lang)];
    const lines = terminalSummary(analysis, style, m);
    lines.push('', style.dim(terminalText(m.terminal.wrote(written, options.out))));
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  const failed = failLines(analysis, rules);
  if (failed.length > 0) {
    for (const line of failed) process.stderr.write(`servflow: ${line}\n`);
    throw new CheckFailedError(`${failed.length} --fail-on finding${failed.length === 1 ? '' : 's'}`);
  }
}
