/**
 * `servflow invest [DATASET] [--service ID] [--budget PLN]`: only the
 * cooperation part (METHODS.md §5–§7) — capacity-sharing agreements, new
 * facilities and expansions, who pays — printed and written as
 * agreements.csv, investments.csv and cost-sharing.csv.
 */
import type { Command } from 'commander';
import { recoverReports, writeReports } from '../io/write-reports.js';
import { cooperationSentences } from '../report/cooperation-findings.js';
import { agreementsCsv } from '../report/files/agreements-csv.js';
import { costSharingCsv } from '../report/files/cost-sharing-csv.js';
import { investmentsCsv } from '../report/files/investments-csv.js';
import { EN } from '../report/i18n/en.js';
import { displayNames } from '../report/names.js';
import { summaryJson } from '../report/files/summary-json.js';
import { addAnalysisOptions, relativeIssues, type AnalysisCliOptions } from './analysis-options.js';
import { colorEnabled, issueLines, makeStyle } from './output.js';
import { inputProtection, runAnalysis } from './pipeline.js';
import { terminalJson, terminalText } from '../model/text.js';

export function registerInvest(program: Command): void {
  const command = program
    .command('invest')
    .description('only cooperation, shared investment and cost sharing: agreements, facilities, who pays; printed and written')
    .argument('[dataset]', 'dataset folder or servflow.json (default: the bundled sample)');
  addAnalysisOptions(command).action((dataset: string | undefined, options: AnalysisCliOptions) => runInvest(dataset, options));
}

/** Wrap a paragraph to the terminal width. */
function wrap(text: string, width: number, indent: string): string[] {
  const lines: string[] = [];
  let line = indent;
  for (const word of text.split(' ')) {
    if (line.length + word.length + 1 > width && line.trim() !== '') {
      lines.push(line);
      line = indent;
    }
    line += (line.trim() === '' ? '' : ' ') + word;
  }
  if (line.trim() !== '') lines.push(line);
  return lines;
}

async function runInvest(argument: string | undefined, options: AnalysisCliOptions): Promise<void> {
  recoverReports(options.out);
  const { dataset, folder, inputs, analysis } = await runAnalysis(argument, options);
  const files = new Map([
    ['agreements.csv', agreementsCsv(analysis)],
    ['investments.csv', investmentsCsv(analysis)],
    ['cost-sharing.csv', costSharingCsv(analysis)],
  ]);
  const written = writeReports(options.out, files, { protect: inputProtection({ folder, inputs }) });
  for (const line of issueLines(dataset.warnings, makeStyle(colorEnabled(process.stderr, options.color)))) process.stderr.write(`${line}\n`);
  if (options.json) {
    process.stdout.write(terminalJson(Buffer.from(summaryJson(analysis, relativeIssues(dataset.warnings, folder))).toString('utf8')));
    return;
  }
  if (options.quiet) return;
  const style = makeStyle(colorEnabled(process.stdout, options.color));
  const names = displayNames(dataset.municipalities).map(terminalText);
  const width = Math.min(100, process.stdout.columns ?? 100);
  const lines: string[] = [];
  for (const result of analysis.services) {
    if (!result.cooperation) continue;
    if (lines.length > 0) lines.push('');
    lines.push(style.bold(terminalText(`${result.service.id} — ${result.service.name}`)));
    for (const sentence of cooperationSentences(result.cooperation, names, result.flowsEstimated, EN)) lines.push(...wrap(sentence, width, '  '));
  }
  lines.push('', style.dim(terminalText(`wrote ${written.join(', ')} to ${options.out}/`)));
  process.stdout.write(`${lines.join('\n')}\n`);
}
