/**
 * Load a dataset folder (or a `servflow.json` manifest) into a checked
 * `Dataset`: the only place that reads input files. Every problem in every
 * file is collected; any error ends in one `InputError` listing them all.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { InputError, UsageError } from '../errors.js';
import { canonicalOrder } from '../model/canonical.js';
import { IssueLog, sortIssues, type Issue } from '../model/issue.js';
import { emptySpec, locate, parseManifest } from '../model/manifest.js';
import { DEFAULT_PARAMETERS } from '../model/parameters.js';
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

export interface LoadedDataset {
  readonly dataset: Dataset;
  /** The folder the files were read from, as shown in messages. */
  readonly folder: string;
  /** The boundaries file for report.html's maps, relative to `folder` (it may not exist unless the manifest named it). */
  readonly boundaries: string;
}

/** Where a dataset argument points: its folder and manifest, if any. */
export function locateDataset(target: string): { folder: string; manifest?: string } {
  if (!existsSync(target)) throw new UsageError(`no dataset at ${target}: give a folder with municipalities.csv, services.csv, supply.csv and demand.csv, or a servflow.json`);
  if (statSync(target).isDirectory()) {
    const manifest = path.join(target, 'servflow.json');
    return existsSync(manifest) ? { folder: target, manifest } : { folder: target };
  }
  if (target.toLowerCase().endsWith('.json')) return { folder: path.dirname(target), manifest: target };
  throw new UsageError(`${target} is a file: give the dataset's folder or its servflow.json`);
}

/** Load and check a dataset; throws `InputError` with every problem on any error. */
export function loadDataset(target: string): LoadedDataset {
  const { folder, manifest } = locateDataset(target);
  const issues: Issue[] = [];
  let spec: DatasetSpec;
  let manifestText = '';
  const fallbackName = path.basename(path.resolve(folder));
  if (manifest) {
    manifestText = readFileSync(manifest, 'utf8');
    const parsed = parseManifest(manifestText, display(manifest), folder, fallbackName);
    spec = parsed.spec;
    issues.push(...parsed.log.issues);
  } else spec = emptySpec(folder, fallbackName);

  const sources: SourceSummary[] = [];
  const read = (role: FileRole, begin: (header: HeaderInfo, source: SourceSpec, log: IssueLog, index: number) => SourceReader): number => {
    let rows = 0;
    spec.sources[role].forEach((source, index) => {
      const file = path.resolve(folder, source.path);
      const log = new IssueLog(display(file));
      const optional = (role === 'flows' || role === 'distances') && source.path === DEFAULT_FILE_NAMES[role];
      if (!existsSync(file)) {
        if (!optional) log.error(0, 0, 'missing-file', `file not found${role in DEFAULT_FILE_NAMES ? ` (the ${role} of the dataset${source.path === DEFAULT_FILE_NAMES[role] ? '; name another file in servflow.json "files"' : ''})` : ''}`);
        issues.push(...log.issues);
        return;
      }
      const forced = source.encoding ? encodingName(source.encoding) : undefined;
      const decoded = decodeBytes(readFileSync(file), forced);
      if (!decoded.ok) {
        log.error(1, 0, decoded.reason.includes('empty') ? 'empty-file' : 'binary-file', decoded.reason);
        issues.push(...log.issues);
        return;
      }
      let reader: SourceReader | undefined;
      let delimiter = source.delimiter ?? ',';
      const result = readCsv(decoded.text, { headerRow: source.headerRow, ...(source.delimiter ? { delimiter: source.delimiter } : {}) }, (header) => {
        delimiter = header.delimiter;
        reader = begin(header, source, log, index);
        return reader.row;
      });
      reader?.end();
      if (result.problem) log.error(result.problem.line, result.problem.column, 'bad-csv', result.problem.message);
      else if (result.rows === 0 && (role === 'municipalities' || role === 'services' || role === 'demand') && index === 0) {
        log.error(2, 0, 'no-rows', 'the file has a header but no data rows');
      } else if (result.rows === 0 && role === 'supply') log.warning(2, 0, 'no-rows', 'the file has a header but no data rows: no capacity anywhere');
      rows += result.rows;
      sources.push({ role, file: display(file), rows: result.rows, skipped: 0, encoding: decoded.encoding, delimiter: delimiter === '\t' ? 'tab' : delimiter });
      issues.push(...log.issues);
    });
    return rows;
  };

  const municipalityCollector = new MunicipalityCollector();
  const municipalitySources = spec.sources.municipalities.length;
  read('municipalities', (header, source, log, index) => municipalityCollector.begin(header, source, log, index === 0, municipalitySources > 1));
  const municipalityLog = new IssueLog(display(path.join(folder, spec.sources.municipalities[0]?.path ?? DEFAULT_FILE_NAMES.municipalities)));
  const municipalityRead = municipalityCollector.finish(municipalityLog);
  issues.push(...municipalityLog.issues);
  const municipalities = municipalityRead.municipalities;

  const serviceCollector = new ServiceCollector();
  read('services', (header, source, log) => serviceCollector.begin(header, source, log));
  for (const id of Object.keys(spec.serviceOverrides)) {
    if (!serviceCollector.rows.some((service) => service.id === id) && !serviceCollector.rejected.has(id)) {
      const where = locate(manifestText, ['services', id]);
      issues.push({ severity: 'error', file: display(manifest ?? 'servflow.json'), line: where.line, column: where.column, code: 'unknown-id', message: `services.${id}: there is no service ${JSON.stringify(id)} in services.csv` });
    }
  }
  const services = serviceCollector.finish(spec.serviceOverrides);
  for (const service of services) {
    if (spec.serviceOverrides[service.id] && service.maxFacilitySize !== undefined && service.maxFacilitySize < service.minFacilitySize) {
      const where = locate(manifestText, ['services', service.id]);
      issues.push({ severity: 'error', file: display(manifest ?? 'servflow.json'), line: where.line, column: where.column, code: 'out-of-range', message: `services.${service.id}: max_facility_size (${service.maxFacilitySize}) is below min_facility_size (${service.minFacilitySize})` });
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
  read('supply', (header, source, log) => supply.begin(header, source, log));
  const demand = new AmountCollector('demand', municipalityIds, serviceIds);
  read('demand', (header, source, log) => demand.begin(header, source, log));
  const flowCollector = new FlowCollector(municipalityIds, serviceIds, spec.flowDuplicates);
  read('flows', (header, source, log) => flowCollector.begin(header, source, log));
  const distanceCollector = new DistanceCollector(municipalityIds);
  read('distances', (header, source, log) => distanceCollector.begin(header, source, log));
  const flows = flowCollector.finish(issues);
  const distances = distanceCollector.finish();

  if (!issues.some((issue) => issue.severity === 'error')) {
    issues.push(
      ...crossCheck({
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
  if (spec.boundaries?.named && !existsSync(path.resolve(folder, spec.boundaries.path))) {
    const where = locate(manifestText, ['files', 'boundaries']);
    issues.push({ severity: 'error', file: display(manifest ?? 'servflow.json'), line: where.line, column: where.column, code: 'missing-file', message: `files.boundaries: file not found: ${spec.boundaries.path}` });
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
    parameters: { ...DEFAULT_PARAMETERS, ...spec.parameters },
    warnings: sorted,
    sources,
  };
  return { dataset, folder, boundaries: spec.boundaries?.path ?? BOUNDARIES_FILE };
}

/** A path as shown to the user: relative to the working folder when inside it. */
function display(file: string): string {
  const relative = path.relative(process.cwd(), path.resolve(file));
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : path.resolve(file);
}
