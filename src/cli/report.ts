/**
 * `servflow report --check|--write [DATASET] [--out DIR]` for CI (CLI.md):
 * recompute the report set; `--check` exits 1 when any file in DIR differs
 * (or is missing), `--write` regenerates them. With `--fail-on RULE`, exits 1
 * when a rule is met.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { CheckFailedError, UsageError } from '../errors.js';
import { writeReports } from '../io/write-reports.js';
import { addAnalysisOptions, type AnalysisCliOptions } from './analysis-options.js';
import { computeReports, failLines, failRules } from './pipeline.js';

interface ReportOptions extends AnalysisCliOptions {
  readonly check?: boolean;
  readonly write?: boolean;
}

export function registerReport(program: Command): void {
  const command = program
    .command('report')
    .description('for CI: --check exits 1 if the report set in --out differs from what the data gives; --write regenerates it')
    .argument('[dataset]', 'dataset folder or servflow.json (default: the bundled sample)')
    .option('--check', 'compare the report set with the files in --out; exit 1 if any differs')
    .option('--write', 'regenerate the report set in --out');
  addAnalysisOptions(command).action((dataset: string | undefined, options: ReportOptions) => runReport(dataset, options));
}

/** Names of files that are missing or differ, with the reason. */
export function staleFiles(folder: string, files: ReadonlyMap<string, string | Uint8Array>): { name: string; reason: 'missing' | 'differs' }[] {
  const stale: { name: string; reason: 'missing' | 'differs' }[] = [];
  for (const [name, content] of files) {
    const file = path.join(folder, name);
    if (!existsSync(file)) {
      stale.push({ name, reason: 'missing' });
      continue;
    }
    const expected = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
    if (!readFileSync(file).equals(expected)) stale.push({ name, reason: 'differs' });
  }
  return stale;
}

async function runReport(argument: string | undefined, options: ReportOptions): Promise<void> {
  if (options.check === options.write) throw new UsageError('report needs exactly one of --check (compare) or --write (regenerate)');
  const rules = failRules(options.failOn);
  const { analysis, files } = await computeReports(argument, options);
  if (options.write) {
    const written = writeReports(options.out, files);
    if (!options.quiet) process.stdout.write(`wrote ${written.join(', ')} to ${options.out}/\n`);
  } else {
    const stale = staleFiles(options.out, files);
    if (stale.length > 0) {
      for (const { name, reason } of stale) process.stderr.write(`servflow: ${path.join(options.out, name)}: ${reason === 'missing' ? 'missing' : 'stale: differs from what the data gives'}\n`);
      throw new CheckFailedError(`${stale.length} of ${files.size} report files are out of date; run servflow report --write${options.out === 'reports' ? '' : ` --out ${options.out}`} (with the same options) to regenerate them`);
    }
    if (!options.quiet) process.stdout.write(`${files.size} report files in ${options.out}/ are up to date\n`);
  }
  const failed = failLines(analysis, rules);
  if (failed.length > 0) {
    for (const line of failed) process.stderr.write(`servflow: ${line}\n`);
    throw new CheckFailedError(`${failed.length} --fail-on finding${failed.length === 1 ? '' : 's'}`);
  }
}
