/**
 * `servflow validate [DATASET]`: load and check a dataset, print every error
 * and warning (or a JSON array of them) and a one-screen summary.
 */
import type { Command } from 'commander';
import { InputError } from '../errors.js';
import { loadDataset } from '../io/load-dataset.js';
import { readBoundaries } from '../io/read-boundaries.js';
import type { Issue } from '../model/issue.js';
import type { Dataset } from '../model/types.js';
import { DATA_ROOT_FLAG, DATA_ROOT_HELP, datasetArgument, loadOptions } from './dataset-argument.js';
import { terminalJson, terminalText } from '../model/text.js';
import { colorEnabled, issueLines, makeStyle, type Style } from './output.js';

interface ValidateOptions {
  readonly json?: boolean;
  readonly quiet?: boolean;
  readonly color?: boolean;
  readonly dataRoot?: string;
}

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('load and check a dataset; print every error and warning (no reports)')
    .argument('[dataset]', 'dataset folder or servflow.json (default: the bundled sample)')
    .option('--json', 'print the problems as a JSON array on stdout')
    .option('--quiet', 'print only problems, no summary')
    .option('--no-color', 'no colours (also NO_COLOR)')
    .option(DATA_ROOT_FLAG, DATA_ROOT_HELP)
    .action((dataset: string | undefined, options: ValidateOptions) => validate(dataset, options));
}

function validate(argument: string | undefined, options: ValidateOptions): void {
  const style = makeStyle(colorEnabled(process.stderr, options.color));
  let loaded;
  try {
    loaded = loadDataset(datasetArgument(argument), loadOptions(options));
    // validate reads every file analyze reads (issue 16, item 15)
    readBoundaries(loaded.folder);
  } catch (error) {
    if (error instanceof InputError && options.json) {
      process.stdout.write(`${terminalJson(JSON.stringify(error.issues.map(issueJson), null, 2))}\n`);
      process.exitCode = 2;
      return;
    }
    throw error;
  }
  const { dataset, folder } = loaded;
  if (options.json) {
    process.stdout.write(`${terminalJson(JSON.stringify(dataset.warnings.map(issueJson), null, 2))}\n`);
    return;
  }
  for (const line of issueLines(dataset.warnings, style)) process.stderr.write(`${line}\n`);
  if (!options.quiet) process.stdout.write(summaryLines(dataset, folder, makeStyle(colorEnabled(process.stdout, options.color))).join('\n') + '\n');
}

function issueJson(issue: Issue): Record<string, string | number> {
  return { severity: issue.severity, file: issue.file, line: issue.line, column: issue.column, code: issue.code, message: issue.message };
}

const number = (value: number): string => Math.round(value).toLocaleString('en-US');

/** The one-screen summary of a valid dataset. */
export function summaryLines(dataset: Dataset, folder: string, style: Style): string[] {
  const partners = dataset.municipalities.filter((municipality) => municipality.partner).length;
  const neighbours = dataset.municipalities.length - partners;
  const lines = [
    `${style.bold(terminalText(dataset.name))}${dataset.year !== undefined ? ` (${dataset.year})` : ''} — ${terminalText(folder)}`,
    `  municipalities  ${number(dataset.municipalities.length)} (${number(partners)} partner${partners === 1 ? '' : 's'}, ${number(neighbours)} neighbour${neighbours === 1 ? '' : 's'})`,
    `  services        ${dataset.services.length}: ${dataset.services.map((service) => terminalText(service.id)).join(', ')}`,
  ];
  const hasFlows = new Set<number>();
  for (let k = 0; k < dataset.flows.length; k++) hasFlows.add(dataset.flows.service[k]);
  const idWidth = Math.max(...dataset.services.map((service) => terminalText(service.id).length), 7);
  lines.push(`  ${'service'.padEnd(idWidth)}  ${'supply'.padStart(10)}  ${'demand'.padStart(10)}  ${'balance'.padStart(10)}  flows`);
  dataset.services.forEach((service, s) => {
    const supply = dataset.supply[s].reduce((a, b) => a + b, 0);
    const demand = dataset.demand[s].reduce((a, b) => a + b, 0);
    const balance = supply - demand;
    const balanceText = (balance > 0 ? '+' : '') + number(balance);
    lines.push(
      `  ${terminalText(service.id).padEnd(idWidth)}  ${number(supply).padStart(10)}  ${number(demand).padStart(10)}  ${(balance < 0 ? style.red : style.green)(balanceText.padStart(10))}  ${hasFlows.has(s) ? 'observed' : style.dim('none (to be estimated)')}`,
    );
  });
  lines.push('  files:');
  for (const source of dataset.sources) {
    lines.push(
      `    ${source.role.padEnd(14)} ${terminalText(source.file)}  ${number(source.rows)} row${source.rows === 1 ? '' : 's'}${source.skipped > 0 ? ` read, ${number(source.rows - source.skipped)} used` : ''}, ${source.encoding}, "${source.delimiter}"`,
    );
  }
  const warnings = dataset.warnings.length;
  lines.push(warnings === 0 ? style.green('valid: no errors, no warnings') : style.green(`valid: no errors, ${style.yellow(`${warnings} warning${warnings === 1 ? '' : 's'}`)} (above)`));
  return lines;
}
