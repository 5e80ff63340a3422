/**
 * `servflow model [DATASET] --service ID`: the gravity model of a service
 * (METHODS.md §4) — calibrated parameters and fit, or the decay used to
 * estimate flows when none were observed. Writes nothing.
 */
import type { Command } from 'commander';
import { modelServices } from '../analysis/analyze.js';
import { CONSTRAINTS, type Constraint } from '../analysis/gravity/gravity-constraints.js';
import { UsageError } from '../errors.js';
import { loadDataset } from '../io/load-dataset.js';
import { gravityJson } from '../report/files/summary-json.js';
import { gravityLines } from '../report/gravity-text.js';
import { applyAnalysisOptions, collect, type AnalysisCliOptions } from './analysis-options.js';
import { DATA_ROOT_FLAG, DATA_ROOT_HELP, datasetArgument, loadOptions } from './dataset-argument.js';
import { terminalJson, terminalText } from '../model/text.js';
import { colorEnabled, issueLines, makeStyle } from './output.js';

export function registerModel(program: Command): void {
  program
    .command('model')
    .description('the gravity model of each service: calibrated distance decay and fit, or the decay used to estimate flows')
    .argument('[dataset]', 'dataset folder or servflow.json (default: the bundled sample)')
    .option('--service <id>', 'only this service (repeatable, or comma-separated)', collect)
    .option('--decay <form>', 'distance decay: exp (default) or pow')
    .option('--decay-beta <beta>', 'β of services with neither flows nor decay_beta (default: borrowed from a calibrated service, else 0.3 per km for exp, 2 for pow)')
    .option('--constraint <model>', 'production (default), attraction or doubly: which margins the calibrated model keeps')
    .option('--circuity <factor>', 'great-circle distance × this when no distance is given (default 1.3)')
    .option('--json', 'print the results as JSON')
    .option(DATA_ROOT_FLAG, DATA_ROOT_HELP)
    .option('--no-color', 'no colours (also NO_COLOR)')
    .action((dataset: string | undefined, options: AnalysisCliOptions & { readonly constraint?: string }) => runModel(dataset, options));
}

function runModel(argument: string | undefined, options: AnalysisCliOptions & { readonly constraint?: string }): void {
  const constraint = (options.constraint ?? 'production') as Constraint;
  if (!CONSTRAINTS.includes(constraint)) throw new UsageError(`--constraint must be production, attraction or doubly, got ${JSON.stringify(options.constraint)}`);
  const loaded = loadDataset(datasetArgument(argument), loadOptions(options));
  const { dataset } = loaded;
  const { parameters, services } = applyAnalysisOptions(dataset, options);
  const results = modelServices(dataset, parameters, { ...(services ? { services } : {}), constraint });
  for (const line of issueLines(dataset.warnings, makeStyle(colorEnabled(process.stderr, options.color)))) process.stderr.write(`${line}\n`);
  if (options.json) {
    const document = results.map(({ service, gravity, estimated }) => ({ service: service.id, flows: estimated ? 'estimated' : 'observed', ...(gravityJson(gravity) as Record<string, unknown>) }));
    process.stdout.write(`${terminalJson(JSON.stringify(document, null, 2))}\n`);
    return;
  }
  process.stdout.write(
    `${results.flatMap(({ service, gravity, estimated }, k) => [...(k > 0 ? [''] : []), ...gravityLines({ ...service, id: terminalText(service.id) }, gravity, estimated)]).join('\n')}\n`,
  );
}
