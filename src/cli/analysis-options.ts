/**
 * Options shared by the commands that analyse a dataset: services, seed,
 * METHODS.md parameters, output folder and formats.
 */
import path from 'node:path';
import { type Command, Option } from 'commander';
import type { SharingMode } from '../analysis/cooperation.js';
import { UsageError } from '../errors.js';
import type { Issue } from '../model/issue.js';
import { checkParameter, runParameters, type Parameters } from '../model/parameters.js';
import { didYouMean } from '../model/suggest.js';
import type { Dataset } from '../model/types.js';
import type { Lang } from '../report/document.js';
import { DEFAULT_REPORT_FORMATS, REPORT_FORMATS, type ReportFormat } from '../report/report-set.js';
import { DATA_ROOT_FLAG, DATA_ROOT_HELP } from './dataset-argument.js';

export interface AnalysisCliOptions {
  readonly service?: string[];
  readonly seed?: string;
  readonly circuity?: string;
  readonly decay?: string;
  readonly decayBeta?: string;
  readonly underservedShare?: string;
  readonly hubAttraction?: string;
  readonly dependentShare?: string;
  readonly format?: string;
  readonly out: string;
  readonly json?: boolean;
  readonly quiet?: boolean;
  readonly color?: boolean;
  readonly budget?: string;
  readonly sharing?: string;
  readonly lambda?: string;
  readonly lang?: string;
  readonly failOn?: string[];
  readonly dataRoot?: string;
}

export const collect = (value: string, previous: string[] | undefined): string[] => [
  ...(previous ?? []),
  ...value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean),
];

export function addAnalysisOptions(command: Command): Command {
  return command
    .option('--out <dir>', 'folder for the report set', 'reports')
    .option(DATA_ROOT_FLAG, DATA_ROOT_HELP)
    .option('--service <id>', 'analyse only this service (repeatable, or comma-separated)', collect)
    .option('--format <list>', `report formats, comma-separated: ${REPORT_FORMATS.join(',')} (default ${DEFAULT_REPORT_FORMATS.join(',')}; gexf writes graph.gexf for graph tools such as Gephi)`)
    .option('--lang <lang>', 'language of the reports: en (default) or pl')
    .option(
      '--fail-on <rule>',
      'for CI: exit 1 when a rule is met, e.g. "unmet>0.05" (repeatable; metrics unmet, coverage, deficit, gini, unreachable, residual)',
      (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
    )
    .option('--json', 'print summary.json on stdout instead of the human summary')
    .option('--quiet', 'print nothing but problems')
    .option('--no-color', 'no colours (also NO_COLOR)')
    .option('--seed <n>', 'seed of Louvain and of the Monte-Carlo Shapley value (default 42)')
    .addOption(new Option('--circuity <factor>', 'great-circle distance × this when no distance is given (default 1.3)'))
    .addOption(new Option('--decay <form>', 'distance decay of the gravity model: exp (default) or pow'))
    .addOption(new Option('--decay-beta <beta>', 'β of services with neither flows nor decay_beta (default: borrowed from a calibrated service, else 0.3 per km for exp, 2 for pow)'))
    .addOption(new Option('--lambda <pln>', 'cost of one person-km in the investment plan (default 1 PLN)'))
    .addOption(new Option('--budget <pln>', 'investment budget per service: most residents served within it (maximal coverage)'))
    .addOption(
      new Option(
        '--sharing <mode>',
        "capacity sharing (docs/methods.md §5): incremental (default: only today's unmet residents, into places spare today) or full-reallocation (everyone re-placed; an upper bound, not advice)",
      ),
    )
    .addOption(new Option('--underserved-share <share>', 'class threshold: underserved when unmet/demand ≥ this (default 0.05)'))
    .addOption(new Option('--hub-attraction <share>', 'class threshold: hub when net inflow and attraction ≥ this (default 0.10)'))
    .addOption(new Option('--dependent-share <share>', 'class threshold: dependent when dependency ≥ this (default 0.25)'));
}

function numberOption(name: string, text: string | undefined, field: keyof Parameters): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  const reason = Number.isFinite(value) && text.trim() !== '' ? checkParameter(field, value) : 'must be a number';
  if (reason) throw new UsageError(`--${name} ${reason}, got ${JSON.stringify(text)}`);
  return value;
}

/**
 * The run's parameters (defaults ← the dataset's manifest ← the command
 * line) and the services to analyse. The dataset is left as its files say.
 */
export function applyAnalysisOptions(dataset: Dataset, options: AnalysisCliOptions): { parameters: Parameters; services?: string[]; budget?: number; sharing?: SharingMode } {
  const overrides: Record<string, number> = {};
  const set = (field: keyof Parameters, value: number | undefined): void => {
    if (value !== undefined) overrides[field] = value;
  };
  set('seed', numberOption('seed', options.seed, 'seed'));
  set('circuity', numberOption('circuity', options.circuity, 'circuity'));
  set('underservedShare', numberOption('underserved-share', options.underservedShare, 'underservedShare'));
  set('hubAttraction', numberOption('hub-attraction', options.hubAttraction, 'hubAttraction'));
  set('dependentShare', numberOption('dependent-share', options.dependentShare, 'dependentShare'));
  set('lambda', numberOption('lambda', options.lambda, 'lambda'));
  set('defaultDecayBeta', numberOption('decay-beta', options.decayBeta, 'defaultDecayBeta'));
  let budget: number | undefined;
  if (options.budget !== undefined) {
    budget = Number(options.budget.replace(/[\s_]/g, ''));
    if (!Number.isFinite(budget) || budget < 0 || options.budget.trim() === '') throw new UsageError(`--budget must be an amount in PLN (0 or more), got ${JSON.stringify(options.budget)}`);
  }
  if (options.sharing !== undefined && options.sharing !== 'incremental' && options.sharing !== 'full-reallocation') {
    throw new UsageError(`--sharing must be incremental or full-reallocation, got ${JSON.stringify(options.sharing)}`);
  }
  if (options.decay !== undefined && options.decay !== 'exp' && options.decay !== 'pow') throw new UsageError(`--decay must be exp or pow, got ${JSON.stringify(options.decay)}`);
  const decay: Partial<Parameters> = options.decay ? { decay: options.decay } : {};
  const ids = dataset.services.map((service) => service.id);
  for (const id of options.service ?? []) {
    if (!ids.includes(id))
      throw new UsageError(
        `--service: no service ${JSON.stringify(id)} in the dataset (services: ${ids.join(', ')})${didYouMean(
          id,
          ids.map((candidate) => ({ id: candidate })),
        )}`,
      );
  }
  return {
    parameters: runParameters(dataset.manifestParameters, { ...(overrides as Partial<Parameters>), ...decay }),
    ...(options.service ? { services: options.service } : {}),
    ...(budget !== undefined ? { budget } : {}),
    ...(options.sharing !== undefined ? { sharing: options.sharing as SharingMode } : {}),
  };
}

export function reportLang(text: string | undefined): Lang {
  if (text === undefined) return 'en';
  const lang = text.trim().toLowerCase();
  if (lang === 'en' || lang === 'pl') return lang;
  throw new UsageError(`--lang must be en or pl, got ${JSON.stringify(text)}`);
}

export function reportFormats(text: string | undefined): ReportFormat[] {
  if (text === undefined) return [...DEFAULT_REPORT_FORMATS];
  const formats = text
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .filter(Boolean);
  for (const format of formats) {
    if (!REPORT_FORMATS.includes(format as ReportFormat)) throw new UsageError(`--format: unknown format ${JSON.stringify(format)} (available: ${REPORT_FORMATS.join(', ')})`);
  }
  return formats as ReportFormat[];
}

/** Issues with file names relative to the dataset folder (reports carry no absolute paths). */
export function relativeIssues(issues: readonly Issue[], folder: string): Issue[] {
  const base = path.resolve(folder);
  return issues.map((issue) => ({ ...issue, file: path.relative(base, path.resolve(issue.file)).split(path.sep).join('/') }));
}
