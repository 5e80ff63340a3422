/**
 * `servflow explore [DATASET]`: the interactive terminal explorer (ink). On
 * a terminal it takes over the screen until `q`; when stdout or stdin is not
 * a terminal it prints the static summary of `servflow analyze` and exits,
 * so a pipeline never waits on it. Writes no files.
 */
import { statSync } from 'node:fs';
import type { Command } from 'commander';
import { analyze } from '../analysis/analyze.js';
import { loadDataset } from '../io/load-dataset.js';
import { terminalSummary } from '../report/terminal.js';
import { applyAnalysisOptions, collect, type AnalysisCliOptions } from './analysis-options.js';
import { checkDensity } from './dense-guard.js';
import { DATA_ROOT_FLAG, DATA_ROOT_HELP, datasetArgument, loadOptions } from './dataset-argument.js';
import { colorEnabled, issueLines, makeStyle, progressReporter } from './output.js';
import { loadSolverFor } from './solver.js';

// The alternate screen keeps the user's scrollback as it was when the explorer quits.
const ENTER_ALTERNATE_SCREEN = '\u001b[?1049h';
const LEAVE_ALTERNATE_SCREEN = '\u001b[?1049l';

/**
 * The explorer's modules: the bundle `npm run build` makes when it is newer
 * than the module `tsc` last wrote (else it may be stale), or that module.
 */
async function loadExplorer(): Promise<typeof import('../tui/explorer.js')> {
  const bundle = new URL('../tui/explorer.bundle.js', import.meta.url);
  try {
    if (statSync(bundle).mtimeMs >= statSync(new URL('../tui/explorer.js', import.meta.url)).mtimeMs) return (await import(bundle.href)) as typeof import('../tui/explorer.js');
  } catch {
    // no bundle: a plain tsc build
  }
  return import('../tui/explorer.js');
}

export function registerExplore(program: Command): void {
  program
    .command('explore')
    .description('the interactive terminal explorer; prints the static summary when stdout is not a terminal')
    .argument('[dataset]', 'dataset folder or servflow.json (default: the bundled sample)')
    .option('--service <id>', 'only this service (repeatable, or comma-separated)', collect)
    .option('--no-color', 'no colours (also NO_COLOR)')
    .option(DATA_ROOT_FLAG, DATA_ROOT_HELP)
    .option('--seed <n>', 'seed of Louvain randomness')
    .option('--circuity <factor>', 'great-circle distance × this when no distance is given (default 1.3)')
    .option('--decay <form>', 'distance decay of the gravity model: exp (default) or pow')
    .option('--underserved-share <share>', 'class threshold: underserved when unmet/demand ≥ this (default 0.05)')
    .option('--hub-attraction <share>', 'class threshold: hub when net inflow and attraction ≥ this (default 0.10)')
    .option('--dependent-share <share>', 'class threshold: dependent when dependency ≥ this (default 0.25)')
    .option('--no-cooperation', 'leave out agreements, facilities and cost shares (docs/methods.md §5–§7), which are otherwise solved before opening')
    .option('--lambda <pln>', 'cost of one person-km in the investment plan (default 1 PLN)')
    .option('--budget <pln>', 'investment budget per service (maximal coverage)')
    .action((dataset: string | undefined, options: ExploreOptions) => runExplore(dataset, options));
}

type ExploreOptions = Omit<AnalysisCliOptions, 'out'> & { readonly cooperation?: boolean };

async function runExplore(argument: string | undefined, options: ExploreOptions): Promise<void> {
  const interactive = Boolean(process.stdout.isTTY && process.stdin.isTTY);
  if (interactive && process.stderr.isTTY) process.stderr.write('servflow: loading and analysing…\r');
  // Loaded only on a terminal: the other commands and the static summary do without React and ink.
  const explorer = interactive ? await loadExplorer() : undefined;
  const loaded = loadDataset(datasetArgument(argument), loadOptions(options));
  const { dataset } = loaded;
  const { parameters, services, budget } = applyAnalysisOptions(dataset, { ...options, out: '' });
  if (options.cooperation !== false && interactive) checkDensity(dataset, parameters, services);
  const progress = progressReporter();
  const analysis = analyze(dataset, parameters, services ? { services } : {});
  progress.done();
  if (!explorer) {
    for (const line of issueLines(dataset.warnings, makeStyle(colorEnabled(process.stderr, options.color)))) process.stderr.write(`${line}\n`);
    const style = makeStyle(colorEnabled(process.stdout, options.color));
    process.stdout.write(`${terminalSummary(analysis, style).join('\n')}\n`);
    return;
  }
  const { render, createElement, App, explorerData } = explorer;
  if (process.stderr.isTTY) process.stderr.write('\u001b[2K');
  process.stdout.write(ENTER_ALTERNATE_SCREEN);
  const color = colorEnabled(process.stdout, options.color);
  // commander sets `cooperation` to false with --no-cooperation, true otherwise
  const solving = options.cooperation !== false;
  try {
    const app = render(createElement(App, { data: explorerData(analysis, undefined, solving ? 'computing' : 'off'), color }), { exitOnCtrlC: true, patchConsole: false });
    // §5–§7 after the first frame: solving them first would delay the opening (HiGHS compiling
    // its WebAssembly slows React's first render down several times on a small machine).
    let open = true;
    const timer = !solving
      ? undefined
      : setTimeout(() => {
          void (async () => {
            try {
              const solver = await loadSolverFor(dataset);
              if (!open) return;
              const full = analyze(dataset, parameters, { ...(services ? { services } : {}), solver, cooperation: budget !== undefined ? { budget } : {} });
              // after `q` a redraw would mount the explorer again and keep reading the keyboard
              if (open) app.rerender(createElement(App, { data: explorerData(full), color }));
            } catch (error) {
              if (open) app.rerender(createElement(App, { data: explorerData(analysis, undefined, 'failed', error instanceof Error ? error.message : String(error)), color }));
            }
          })();
        }, 50);
    try {
      await app.waitUntilExit();
    } finally {
      open = false;
      clearTimeout(timer);
    }
  } finally {
    process.stdout.write(LEAVE_ALTERNATE_SCREEN);
  }
}
