/**
 * The servflow command line (CLI.md). `main` holds the only `catch` of the
 * program: errors become messages and exit codes here.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { ExitError, InputError } from '../errors.js';
import { terminalText } from '../model/text.js';
import { colorEnabled, issueLines, makeStyle } from './output.js';
import { registerAnalyze } from './analyze.js';
import { registerExplore } from './explore.js';
import { registerInit } from './init.js';
import { registerInvest } from './invest.js';
import { registerModel } from './model.js';
import { registerReport } from './report.js';
import { registerShare } from './share.js';
import { registerValidate } from './validate.js';

const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

export function buildProgram(): Command {
  const program = new Command('servflow')
    .description('Intermunicipal public-service flow analysis for partnerships of gminy:\nsupply and demand, flows between municipalities, shared investment and cost sharing.')
    .version(packageJson.version, '-V, --version')
    .option('--debug', 'show stack traces of internal errors')
    .showHelpAfterError('(run servflow --help for usage)')
    .exitOverride();
  registerAnalyze(program);
  registerExplore(program);
  registerInit(program);
  registerInvest(program);
  registerModel(program);
  registerReport(program);
  registerShare(program);
  registerValidate(program);
  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv as string[]);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    return report(error, argv.includes('--debug'));
  }
}

function report(error: unknown, debug: boolean): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
    return 2;
  }
  const style = makeStyle(colorEnabled(process.stderr, !process.argv.includes('--no-color')));
  if (error instanceof InputError) {
    for (const line of issueLines(error.issues, style)) process.stderr.write(`${line}\n`);
    process.stderr.write(`servflow: ${style.red(error.message)}; nothing was written\n`);
    return error.exitCode;
  }
  if (error instanceof ExitError) {
    // A message may have lines of its own (a list of candidates); each is escaped.
    process.stderr.write(`servflow: ${error.message.split('\n').map(terminalText).join('\n')}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`servflow: internal error: ${terminalText(message)}\nThis is a bug in servflow; please report it with the command you ran${debug ? '' : ' (add --debug for details)'}.\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${terminalText(error.stack).replace(/\\x0a/g, '\n')}\n`);
  return 3;
}
