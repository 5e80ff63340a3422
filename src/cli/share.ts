/**
 * `servflow share --costs FILE [--weights FILE]`: split the bill of any joint
 * project from coalition cost estimates — stand-alone costs, proportional
 * shares, the Shapley value, SCRB, the nucleolus and the core check
 * (METHODS.md §7).
 */
import type { Command } from 'commander';
import { shareBill } from '../analysis/cost-sharing/coalition-game.js';
import { mulberry32 } from '../engines/random.js';
import { InputError, UsageError } from '../errors.js';
import { readTable } from '../io/read-table.js';
import { parseCoalitionCosts, parseWeights } from '../model/coalition-costs.js';
import { IssueLog } from '../model/issue.js';
import { DEFAULT_PARAMETERS } from '../model/parameters.js';
import { shareJson, shareLines } from '../report/share-text.js';
import { loadSolver } from './solver.js';
import { terminalText } from '../model/text.js';

interface ShareOptions {
  readonly costs?: string;
  readonly weights?: string;
  readonly weightLabel?: string;
  readonly seed?: string;
  readonly json?: boolean;
}

export function registerShare(program: Command): void {
  program
    .command('share')
    .description('split the cost of a joint project from coalition cost estimates: stand-alone, proportional, Shapley, SCRB, nucleolus, core check')
    .option('--costs <file>', 'CSV with columns coalition,cost; members joined by "+", e.g. "Bobrowo+Brzozie"')
    .option('--weights <file>', 'CSV with columns player,weight (population, use…) for a proportional rule')
    .option('--weight-label <text>', 'what the weights are, for the output (e.g. "by population")', 'by weight')
    .option('--seed <n>', 'seed of the Monte-Carlo Shapley value (more than 12 players)')
    .option('--json', 'print the results as JSON')
    .action((options: ShareOptions) => runShare(options));
}

async function runShare(options: ShareOptions): Promise<void> {
  if (!options.costs) throw new UsageError('share needs --costs FILE (rows coalition,cost; members joined by "+")');
  const table = readTable(options.costs);
  const log = new IssueLog(options.costs);
  const costs = parseCoalitionCosts(table, log);
  let weights: number[] | undefined;
  if (options.weights && log.errorCount === 0) {
    const weightTable = readTable(options.weights);
    const weightLog = new IssueLog(options.weights);
    weights = parseWeights(weightTable, costs.players, weightLog);
    for (const issue of weightLog.issues) log.issues.push(issue);
  }
  if (log.errorCount > 0) throw new InputError(log.issues);
  const seed = options.seed === undefined ? DEFAULT_PARAMETERS.seed : Number(options.seed);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed must be a whole number, got ${JSON.stringify(options.seed)}`);
  const bill = shareBill(costs, mulberry32(seed), await loadSolver(costs.players.length), weights);
  process.stdout.write(options.json ? shareJson(bill) : `${shareLines(bill, options.weightLabel).map(terminalText).join('\n')}\n`);
}
