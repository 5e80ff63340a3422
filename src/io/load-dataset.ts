/**
 * Load a dataset folder (or a `servflow.json` manifest) into a checked
 * `Dataset`: the only place that reads input files. Every problem in every
 * file is collected; any error ends in one `InputError` listing them all.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { InputError, UsageError } from '../errors.js';
import { canonicalOrder } from '../model/canonical.js';
import { IssueLog, quote, sortIssues, type Issue } from '../model/issue.js';
import { controlCharacter, terminalText } from '../model/text.js';
import { emptySpec, locate, parseManifest } from '../model/manifest.js';
import { AmountCollector } from '../model/read/amounts.js';
import { DistanceCollector } from '../model/read/distances.js';
import { FlowCollector } from '../model/read/flows.js';
import type { IdIndex } from '../model/read/ids.js';
import { MunicipalityCollector } from '../model/read/municipalities.js';
import { ServiceCollector } from '../model/read/services.js';
import type { SourceReader } from '../model/read/sink.js';
import type { HeaderInfo } from '../model/read/table.js';
import type { DatasetSpec, SourceSpec } from '../model/source.js';
import { DEFAULT_FILE_NAMES, type Dataset, type FileRole, type SourceSummary } from '../model/types.js';
import { crossCheck } from '../model/validate.js';
import { readCsv } from './csv.js';
import { decodeBytes, encodingName } from './decode.js';
import { BOUNDARIES_FILE } from './read-boundaries.js';
import { fileKind, isInside, readInputFile } from './read-input.js';

export interface LoadedDataset {
  readonly dataset: Dataset;
  /** The folder the files were read from, as shown in messages. */
  readonly folder: string;
  /** The boundaries file for report.html's maps, relative to `folder` (it may not exist unless the manifest named it). */
  readonly boundaries: string;
  /** Every file read (manifest included): output must never replace them. */
  readonly inputs: readonly string[];
}

export interface LoadOptions {
  /**
   * The folder manifest paths must stay inside (command-line `--data-root`);
   * by default the dataset's own folder.
   */
  readonly root?: string;
}

/** Where a dataset argument points: its folder and manifest, if any. */
export function locateDataset(target: string): { folder: string; manifest?: string } {
  const kind = fileKind(target);
  if (kind === 'dangling-link') throw new UsageError(`${target} is a link to nothing (a dangling symbolic link): give a dataset folder or a servflow.json`);
  if (kind === 'missing') throw new UsageError(`no dataset at ${target}: give a folder with municipalities.csv, services.csv, supply.csv and demand.csv, or a servflow.json`);
  if (statSync(target).isDirectory()) {
    const manifest = path.join(target, 'servflow.json');
    // A manifest that is a link to nothing is named (not ignored): the files it names would be silently replaced by the defaults.
    return fileKind(manifest) !== 'missing' ? { folder: target, manifest } : { folder: target };
  }
  if (target.toLowerCase().endsWith('.json')) return { folder: path.dirname(target), manifest: target };
  throw new UsageError(`${target} is a file: give the dataset's folder or its servflow.json`);
}

/** Load and check a dataset; throws `InputError` with every problem on any error. */
export function loadDataset(target: string, options: LoadOptions = {}): LoadedDataset {
  const { folder, manifest } = locateDataset(target);
  const root = options.root ?? folder;
  const issues: Issue[] = [];
  const inputs: string[] = [];
  let spec: DatasetSpec;
  let manifestText = '';
  const fallbackName = path.basename(path.resolve(folder));
  if (manifest) {
    const read = readInputFile(manifest);
    if (!read.ok) {
      issues.push({ severity: 'error', file: display(manifest), line: 0, column: 0, code: read.code, message: read.reason });
      throw new InputError(issues);
    }
    inputs.push(path.resolve(manifest));
    const decoded = decodeBytes(read.bytes, 'utf-8');
    if (!decoded.ok) {
      issues.push({ severity: 'error', file: display(manifest), line: 1, column: 0, code: 'binary-file', message: decoded.reason.replace('CSV text', 'JSON text') });
      throw new InputError(issues);
    }
    manifestText = decoded.text;
    const parsed = parseManifest(manifestText, display(manifest), folder, fallbackName);
    spec = parsed.spec;
    pushAll(issues, parsed.log.issues);
  } else spec = emptySpec(folder, fallbackName);
  const manifestProblem = (role: FileRole, code: string, message: string): void => {
    const where = locate(manifestText, ['files', role]);
    issues.push({ severity: 'error', file: display(manifest ?? 'servflow.json'), line: where.line, column: where.column, code, message });
  };

  const sources: SourceSummary[] = [];
  const read = (role: FileRole, begin: (header: HeaderInfo, source: SourceSpec, log: IssueLog, index: number) => SourceReader, skipped: () => number = () => 0): number => {
    let rows = 0;
    spec.sources[role].forEach((source, index) => {
      const file = path.resolve(folder, source.path);
      const log = new IssueLog(display(file));
      const optional = (role === 'flows' || role === 'distances') && source.path === DEFAULT_FILE_NAMES[role];
      if (!isInside(file, root)) {
        manifestProblem(
          role,
          'outside-dataset',
          `files.${role}: ${quote(source.path)} is outside the dataset folder ${display(root)}; servflow reads files outside it only when you run with --data-root DIR, a folder holding the dataset and that file`,
        );
        return;
      }
      const input = readInputFile(file);
      if (!input.ok) {
        if (input.code !== 'missing-file') log.error(0, 0, input.code, input.reason);
        else if (!optional)
          log.error(
            0,
            0,
            'missing-file',
            `file not found${role in DEFAULT_FILE_NAMES ? ` (the ${role} of the dataset${source.path === DEFAULT_FILE_NAMES[role] ? '; name another file in servflow.json "files"' : ''})` : ''}`,
          );
        pushAll(issues, log.issues);
        return;
      }
      inputs.push(file);
      const forced = source.encoding ? encodingName(source.encoding) : undefined;
      const decoded = decodeBytes(input.bytes, forced);
      if (!decoded.ok) {
        log.error(1, 0, decoded.reason.includes('empty') ? 'empty-file' : 'binary-file', decoded.reason);
        pushAll(issues, log.issues);
        return;
      }
      const skippedBefore = skipped();
      let reader: SourceReader | undefined;
      let delimiter = source.delimiter ?? ',';
      const result = readCsv(decoded.text, { headerRow: source.headerRow, ...(source.delimiter ? { delimiter: source.delimiter } : {}) }, (header) => {
        delimiter = header.delimiter;
        reader = begin(header, source, log, index);
        const row = reader.row;
        return (cells, line) => {
          controlWarnings(log, cells, line);
          row(cells, line);
        };
      });
      reader?.end();
      if (result.problem) log.error(result.problem.line, result.problem.column, 'bad-csv', result.problem.message);
      else if (result.rows === 0 && (role === 'municipalities' || role === 'services' || role === 'demand') && index === 0) {
        log.error(2, 0, 'no-rows', 'the file has a header but no data rows');
      } else if (result.rows === 0 && role === 'supply') log.warning(2, 0, 'no-rows', 'the file has a header but no data rows: no capacity anywhere');
      const skippedRows = skipped() - skippedBefore;
      if (!result.problem) usedRowsCheck(log, role, source, result.rows, skippedRows, 0);
      rows += result.rows;
      sources.push({ role, file: display(file), rows: result.rows, skipped: skippedRows, encoding: decoded.encoding, delimiter: delimiter === '\t' ? 'tab' : delimiter });
      pushAll(issues, log.issues);
    });
    return rows;
  };

  const municipalityCollector = new MunicipalityCollector();
  const municipalitySources = spec.sources.municipalities.length;
  read(
    'municipalities',
    (header, source, log, index) => municipalityCollector.begin(header, source, log, index === 0, municipalitySources > 1),
    () => municipalityCollector.skipped,
  );
  const municipalityLog = new IssueLog(display(path.join(folder, spec.sources.municipalities[0]?.path ?? DEFAULT_FILE_NAMES.municipalities)));
  const municipalityRead = municipalityCollector.finish(municipalityLog);
  pushAll(issues, municipalityLog.issues);
  const municipalities = municipalityRead.municipalities;

  const serviceCollector = new ServiceCollector();
  read('services', (header, source, log) => serviceCollector.begin(header, source, log));
  for (const id of Object.keys(spec.serviceOverrides)) {
    if (!serviceCollector.rows.some((service) => service.id === id) && !serviceCollector.rejected.has(id)) {
      const where = locate(manifestText, ['services', id]);
      issues.push({
        severity: 'error',
        file: display(manifest ?? 'servflow.json'),
        line: where.line,
        column: where.column,
        code: 'unknown-id',
        message: `services.${id}: there is no service ${JSON.stringify(id)} in services.csv`,
      });
    }
  }
  const services = serviceCollector.finish(spec.serviceOverrides);
  for (const service of services) {
    if (spec.serviceOverrides[service.id] && service.maxFacilitySize !== undefined && service.maxFacilitySize < service.minFacilitySize) {
      const where = locate(manifestText, ['services', service.id]);
      issues.push({
        severity: 'error',
        file: display(manifest ?? 'servflow.json'),
        line: where.line,
        column: where.column,
        code: 'out-of-range',
        message: `services.${service.id}: max_facility_size (${service.maxFacilitySize}) is below min_facility_size (${service.minFacilitySize})`,
      });
    }
  }

  const municipalityIds: IdIndex = {
    index: new Map(municipalities.map((municipality, index) => [municipality.id, index])),
    candidates: municipalities.map((municipality) => ({ id: municipality.id, label: municipality.name })),
    known: municipalities.length > 0,
    rejected: municipalityRead.rejected,
  };
  const serviceIds: IdIndex = {
    index: new Map(services.map((service, index) => [service.id, index])),
    candidates: services.map((service) => ({ id: service.id, label: service.name })),
    known: services.length > 0,
    rejected: serviceCollector.rejected,
  };
  const supply = new AmountCollector('supply', municipalityIds, serviceIds);
  read(
    'supply',
    (header, source, log) => supply.begin(header, source, log),
    () => supply.skipped,
  );
  const demand = new AmountCollector('demand', municipalityIds, serviceIds);
  read(
    'demand',
    (header, source, log) => demand.begin(header, source, log),
    () => demand.skipped,
  );
  const flowCollector = new FlowCollector(municipalityIds, serviceIds, spec.flowDuplicates);
  read(
    'flows',
    (header, source, log) => flowCollector.begin(header, source, log),
    () => flowCollector.skipped,
  );
  const distanceCollector = new DistanceCollector(municipalityIds);
  read(
    'distances',
    (header, source, log) => distanceCollector.begin(header, source, log),
    () => distanceCollector.skipped,
  );
  const flows = flowCollector.finish(issues);
  const distances = distanceCollector.finish();

  if (!issues.some((issue) => issue.severity === 'error')) {
    pushAll(
      issues,
      crossCheck({
        municipalities,
        municipalityLines: municipalityRead.lines,
        municipalityFile: municipalityRead.file,
        services,
        supply: supply.values,
        demand: demand.values,
        demandFile: display(path.join(folder, spec.sources.demand[0]?.path ?? DEFAULT_FILE_NAMES.demand)),
        flows,
        distancePartners: distanceCollector.partnersPerMunicipality(distances),
      }),
    );
  }
  if (spec.boundaries?.named) {
    const file = path.resolve(folder, spec.boundaries.path);
    const where = locate(manifestText, ['files', 'boundaries']);
    const problem = (code: string, message: string): void => {
      issues.push({ severity: 'error', file: display(manifest ?? 'servflow.json'), line: where.line, column: where.column, code, message });
    };
    if (!isInside(file, root))
      problem(
        'outside-dataset',
        `files.boundaries: ${quote(spec.boundaries.path)} is outside the dataset folder ${display(root)}; servflow reads files outside it only when you run with --data-root DIR, a folder holding the dataset and that file`,
      );
    else if (!existsSync(file)) problem('missing-file', `files.boundaries: file not found: ${terminalText(spec.boundaries.path)}`);
  }
  const sorted = sortIssues(issues);
  if (sorted.some((issue) => issue.severity === 'error')) throw new InputError(sorted);
  const dataset: Dataset = {
    name: spec.name,
    ...(spec.year !== undefined ? { year: spec.year } : {}),
    ...canonicalOrder({
      municipalities,
      services,
      supply: supply.values,
      demand: demand.values,
      flows: { length: flows.length, origin: flows.origin, destination: flows.destination, service: flows.service, users: flows.users },
      distances,
    }),
    manifestParameters: spec.parameters,
    warnings: sorted,
    sources,
  };
  return { dataset, folder, boundaries: spec.boundaries?.path ?? BOUNDARIES_FILE, inputs };
}

/** A warning per cell holding a control character (a name that would retitle a terminal window or erase text). */
function controlWarnings(log: IssueLog, cells: readonly string[], line: number): void {
  for (let k = 0; k < cells.length; k++) {
    const found = controlCharacter(cells[k]);
    if (found !== undefined)
      log.warning(
        line,
        k + 1,
        'control-character',
        `the cell holds the control character ${terminalText(found)} (U+${found.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}); terminals show it escaped`,
      );
  }
}

/** Append without spreading (a file with 200,000 errors would overflow the stack). */
function pushAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

/**
 * A file that gives no rows, or fewer than half of its rows, to the dataset
 * is named (`include`, `unknown_municipalities: "skip"` or rows without id
 * dropped the rest); an `include` that matches no row is an error.
 */
function usedRowsCheck(log: IssueLog, role: FileRole, source: SourceSpec, rows: number, skipped: number, line: number): void {
  if (rows === 0 || skipped === 0) return;
  const used = rows - skipped;
  const why = [source.include ? '"include"' : '', source.unknownMunicipalities === 'skip' ? '"unknown_municipalities": "skip"' : '', source.skipRowsWithoutId ? '"skip_rows_without_id"' : '']
    .filter(Boolean)
    .join(', ');
  if (used === 0 && source.include) log.error(line, 0, 'include-matches-nothing', `"include" ${JSON.stringify(source.include).slice(0, 80)} matches none of the ${rows.toLocaleString('en-US')} rows`);
  else if (used === 0) log.warning(line, 0, 'no-rows-used', `none of the ${rows.toLocaleString('en-US')} rows was used (all skipped${why ? ` by ${why}` : ''})`);
  else if (used < rows / 2)
    log.warning(line, 0, 'few-rows-used', `only ${used.toLocaleString('en-US')} of ${rows.toLocaleString('en-US')} rows were used (the rest skipped${why ? ` by ${why}` : ''})`);
}

/** A path as shown to the user: relative to the working folder when inside it. */
function display(file: string): string {
  const relative = path.relative(process.cwd(), path.resolve(file));
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : path.resolve(file);
}
