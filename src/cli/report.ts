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
import { terminalText } from '../model/text.js';
import { addAnalysisOptions, type AnalysisCliOptions } from './analysis-options.js';
import { computeReports, failLines, failRules, inputProtection } from './pipeline.js';

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
  addAnalysisOptions(command).action((dataset: string | undefined, options: ReportOptions, self: Command) =>
    runReport(dataset, options, regenerateCommand((self.parent as unknown as { rawArgs?: string[] } | null)?.rawArgs ?? [])),
  );
}

/** The command the user ran with `--check` turned into `--write`, quoted for a POSIX shell. */
export function regenerateCommand(rawArgs: readonly string[]): string {
  const args = rawArgs.slice(2).map((arg) => (arg === '--check' ? '--write' : arg));
  return ['servflow', ...args].map(shellQuote).join(' ');
}

function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
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

async function runReport(argument: string | undefined, options: ReportOptions, regenerate: string): Promise<void> {
  if (options.check === options.write) throw new UsageError('report needs exactly one of --check (compare) or --write (regenerate)');
  const rules = failRules(options.failOn);
  const computed = await computeReports(argument, options);
  const { analysis, files } = computed;
  if (options.write) {
    const written = writeReports(options.out, files, { protect: inputProtection(computed) });
    if (!options.quiet) process.stdout.write(`${terminalText(`wrote ${written.join(', ')} to ${options.out}/`)}\n`);
  } else {
    const stale = staleFiles(options.out, files);
    if (stale.length > 0) {
      for (const { name, reason } of stale)
        process.stderr.write(`servflow: ${terminalText(path.join(options.out, name))}: ${reason === 'missing' ? 'missing' : 'stale: differs from what the data gives'}\n`);
      throw new CheckFailedError(`${stale.length} of ${files.size} report files are out of date; to regenerate them, run: ${regenerate}`);
    }
    if (!options.quiet) process.stdout.write(`${files.size} report files in ${terminalText(options.out)}/ are up to date\n`);
  }
  const failed = failLines(analysis, rules);
  if (failed.length > 0) {
    for (const line of failed) process.stderr.write(`servflow: ${line}\n`);
    throw new CheckFailedError(`${failed.length} --fail-on finding${failed.length === 1 ? '' : 's'}`);
  }
}
