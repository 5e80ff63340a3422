/**
 * The manifest `servflow.json` (DATA.md): other file names, column mappings,
 * header rows, fixed values, service overrides and parameters. Parsed and
 * checked here (pure); every problem is located in the manifest's text.
 */
import { encodingName, ENCODING_CHOICES } from './encoding.js';
import { IssueLog, quote } from './issue.js';
import { jsonProblem } from './json-error.js';
import { SCHEMAS, type FieldMapping } from './columns.js';
import { checkParameter, PARAMETER_NAMES, type Parameters } from './parameters.js';
import { checkServiceValue } from './read/services.js';
import { defaultSource, type DatasetSpec, type SourceSpec } from './source.js';
import { didYouMean } from './suggest.js';
import { DEFAULT_FILE_NAMES, FILE_ROLES, type FileRole } from './types.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const TOP_KEYS = ['name', 'year', 'files', 'columns', 'services', 'parameters', 'flows'];
const SOURCE_KEYS = ['path', 'header_row', 'delimiter', 'encoding', 'columns', 'values', 'unknown_municipalities', 'skip_rows_without_id', 'include'];

/** Offsets where lines start, of the last text asked about (one manifest is located many times). */
let lineStarts: { text: string; starts: number[] } | undefined;

/** Line and column (1-based) of the `index`-th character: a binary search in the line starts. */
function position(text: string, index: number): { line: number; column: number } {
  if (lineStarts?.text !== text) {
    const starts = [0];
    for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) starts.push(k + 1);
    lineStarts = { text, starts };
  }
  const { starts } = lineStarts;
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle] <= index) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: index - starts[low] + 1 };
}

/** Where a key path appears in the text: each key searched after the previous one. */
export function locate(text: string, path: readonly string[]): { line: number; column: number } {
  let at = 0;
  for (const key of path) {
    const found = text.indexOf(JSON.stringify(key), at);
    if (found < 0) break;
    at = found;
  }
  return position(text, at);
}

/** At most this many unknown keys are located one by one; the rest are counted (locating each is a search of the text). */
const UNKNOWN_KEYS_LISTED = 50;

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parse a manifest's text; `folder` is where its paths are relative to. */
export function parseManifest(text: string, file: string, folder: string, fallbackName: string): { spec: DatasetSpec; log: IssueLog } {
  const log = new IssueLog(file);
  const problem = (path: string[], message: string, code = 'bad-manifest'): void => {
    const where = locate(text, path);
    log.error(where.line, where.column, code, message);
  };
  let root: Json;
  const body = text.replace(/^\uFEFF/, '');
  try {
    root = JSON.parse(body) as Json;
  } catch {
    // V8 gives no position for some mistakes and quotes the text instead: the scanner says where and what.
    const found = jsonProblem(body) ?? { index: body.length, message: 'not valid JSON' };
    const where = position(body, found.index);
    log.error(where.line, where.column, 'bad-json', `not valid JSON: ${found.message}`);
    return { spec: emptySpec(folder, fallbackName, file), log };
  }
  if (!isObject(root)) {
    problem([], 'the manifest must be a JSON object');
    return { spec: emptySpec(folder, fallbackName, file), log };
  }
  const unknown = Object.keys(root).filter((key) => !TOP_KEYS.includes(key));
  for (const key of unknown.slice(0, UNKNOWN_KEYS_LISTED))
    problem(
      [key],
      `unknown key ${quote(key)}${didYouMean(
        key,
        TOP_KEYS.map((id) => ({ id })),
      )}`,
    );
  if (unknown.length > UNKNOWN_KEYS_LISTED) log.error(0, 0, 'more-unknown-keys', `… and ${(unknown.length - UNKNOWN_KEYS_LISTED).toLocaleString('en-US')} more unknown keys`);
  const name = typeof root.name === 'string' && root.name.trim() !== '' ? root.name.trim() : fallbackName;
  if (root.name !== undefined && typeof root.name !== 'string') problem(['name'], '"name" must be a string');
  let year: number | undefined;
  if (root.year !== undefined) {
    if (typeof root.year === 'number' && Number.isInteger(root.year)) year = root.year;
    else problem(['year'], '"year" must be a whole number');
  }
  const sources = readFiles(root, problem);
  const boundaries = readBoundariesEntry(root, problem);
  const serviceOverrides = readServices(root.services, problem);
  const parameters = readParameters(root.parameters, problem);
  let flowDuplicates: 'error' | 'sum' = 'error';
  if (root.flows !== undefined) {
    if (isObject(root.flows) && (root.flows.duplicates === 'sum' || root.flows.duplicates === 'error') && Object.keys(root.flows).length === 1) flowDuplicates = root.flows.duplicates;
    else problem(['flows'], '"flows" must be {"duplicates": "sum"} or {"duplicates": "error"}');
  }
  return { spec: { name, ...(year !== undefined ? { year } : {}), folder, manifest: file, sources, serviceOverrides, parameters, flowDuplicates, ...(boundaries ? { boundaries } : {}) }, log };
}

/** The spec of a folder without a manifest. */
export function emptySpec(folder: string, name: string, manifest?: string): DatasetSpec {
  const sources = Object.fromEntries(FILE_ROLES.map((role) => [role, [defaultSource(DEFAULT_FILE_NAMES[role])]])) as Record<FileRole, SourceSpec[]>;
  return { name, folder, ...(manifest ? { manifest } : {}), sources, serviceOverrides: {}, parameters: {}, flowDuplicates: 'error' };
}

type Problem = (path: string[], message: string) => void;

/** The one file that is not a table: gmina polygons (GeoJSON) for the maps. */
const BOUNDARIES_ROLE = 'boundaries';

/** `files.boundaries`: a file name, or an object with only "path". */
function readBoundariesEntry(root: { [key: string]: Json }, problem: Problem): { path: string; named: boolean } | undefined {
  const files = root.files;
  const entry = isObject(files) ? files[BOUNDARIES_ROLE] : undefined;
  if (entry === undefined) return undefined;
  const named = typeof entry === 'string' ? entry : isObject(entry) && typeof entry.path === 'string' && Object.keys(entry).length === 1 ? entry.path : undefined;
  if (named === undefined || named.trim() === '') {
    problem(['files', BOUNDARIES_ROLE], '"files.boundaries" must be a GeoJSON file name, or an object with only "path" (it has no columns)');
    return undefined;
  }
  return { path: named, named: true };
}

function readFiles(root: { [key: string]: Json }, problem: Problem): Record<FileRole, SourceSpec[]> {
  const files = root.files ?? {};
  const columns = root.columns ?? {};
  if (!isObject(files)) problem(['files'], '"files" must be an object of file names');
  if (!isObject(columns)) problem(['columns'], '"columns" must be an object of column mappings');
  for (const key of [...Object.keys(isObject(files) ? files : {}).filter((key) => key !== BOUNDARIES_ROLE), ...Object.keys(isObject(columns) ? columns : {})]) {
    if (!FILE_ROLES.includes(key as FileRole))
      problem(
        [key],
        `unknown file ${JSON.stringify(key)} (files: ${FILE_ROLES.join(', ')})${didYouMean(
          key,
          FILE_ROLES.map((id) => ({ id })),
        )}`,
      );
  }
  const result = {} as Record<FileRole, SourceSpec[]>;
  for (const role of FILE_ROLES) {
    const entry = isObject(files) ? files[role] : undefined;
    const sharedColumns = isObject(columns) ? columns[role] : undefined;
    const entries = entry === undefined ? [DEFAULT_FILE_NAMES[role]] : Array.isArray(entry) ? entry : [entry];
    if (entries.length === 0) {
      problem(['files', role], `"files.${role}" lists no file`);
      result[role] = [];
      continue;
    }
    result[role] = entries.map((item, index) => readSource(role, item, sharedColumns, index, problem)).filter((source): source is SourceSpec => source !== undefined);
  }
  return result;
}

function readSource(role: FileRole, item: Json, sharedColumns: Json | undefined, index: number, problem: Problem): SourceSpec | undefined {
  const path = ['files', role];
  if (typeof item === 'string' && item.trim() === '') {
    problem(path, `"files.${role}" is an empty file name`);
    return undefined;
  }
  if (typeof item === 'string') return { ...defaultSource(item), columns: readMapping(role, sharedColumns, ['columns', role], problem) };
  if (!isObject(item)) {
    problem(path, `"files.${role}" must be a file name, an object with "path", or a list of them`);
    return undefined;
  }
  for (const key of Object.keys(item).slice(0, UNKNOWN_KEYS_LISTED)) {
    if (!SOURCE_KEYS.includes(key))
      problem(
        [...path, key],
        `unknown key ${quote(key)} in files.${role}${didYouMean(
          key,
          SOURCE_KEYS.map((id) => ({ id })),
        )}`,
      );
  }
  if (typeof item.path !== 'string' || item.path.trim() === '') {
    problem(path, `files.${role}${index > 0 ? `[${index}]` : ''} needs a "path"`);
    return undefined;
  }
  let headerRow = 1;
  if (item.header_row !== undefined) {
    if (typeof item.header_row === 'number' && Number.isInteger(item.header_row) && item.header_row >= 1) headerRow = item.header_row;
    else problem([...path, 'header_row'], '"header_row" must be a whole number from 1 (the row of the header, as a spreadsheet numbers rows)');
  }
  let delimiter: SourceSpec['delimiter'];
  if (item.delimiter !== undefined) {
    const value = item.delimiter === 'tab' ? '\t' : item.delimiter;
    if (value === ',' || value === ';' || value === '\t') delimiter = value;
    else problem([...path, 'delimiter'], '"delimiter" must be ",", ";" or "tab"');
  }
  if (item.encoding !== undefined && (typeof item.encoding !== 'string' || !encodingName(item.encoding))) {
    problem([...path, 'encoding'], `"encoding" must be one of ${ENCODING_CHOICES}`);
  }
  const values: Record<string, string> = {};
  if (item.values !== undefined) {
    if (!isObject(item.values)) problem([...path, 'values'], '"values" must map columns to fixed values');
    else {
      const known = SCHEMAS[role].map((field) => field.name);
      for (const [field, value] of Object.entries(item.values)) {
        if (!known.includes(field)) problem([...path, 'values', field], `${JSON.stringify(field)} is not a column of ${role} (columns: ${known.join(', ')})`);
        else if (typeof value === 'string' || typeof value === 'number') values[field] = String(value);
        else problem([...path, 'values', field], `the fixed value of ${field} must be a string or a number`);
      }
    }
  }
  let unknownMunicipalities: 'error' | 'skip' = 'error';
  if (item.unknown_municipalities !== undefined) {
    if (item.unknown_municipalities === 'skip' || item.unknown_municipalities === 'error') unknownMunicipalities = item.unknown_municipalities;
    else problem([...path, 'unknown_municipalities'], '"unknown_municipalities" must be "error" or "skip"');
  }
  let skipRowsWithoutId = false;
  if (item.skip_rows_without_id !== undefined) {
    if (typeof item.skip_rows_without_id === 'boolean') skipRowsWithoutId = item.skip_rows_without_id;
    else problem([...path, 'skip_rows_without_id'], '"skip_rows_without_id" must be true or false');
  }
  let include: string[] | undefined;
  if (item.include !== undefined) {
    if (role !== 'municipalities') problem([...path, 'include'], '"include" applies to municipalities only');
    else if (Array.isArray(item.include) && item.include.every((prefix) => typeof prefix === 'string')) include = item.include as string[];
    else problem([...path, 'include'], '"include" must be a list of id prefixes, e.g. ["0402", "0412062"]');
  }
  const columns = { ...readMapping(role, sharedColumns, ['columns', role], problem), ...readMapping(role, item.columns, [...path, 'columns'], problem) };
  return {
    path: item.path,
    headerRow,
    ...(delimiter ? { delimiter } : {}),
    ...(typeof item.encoding === 'string' ? { encoding: item.encoding } : {}),
    columns,
    values,
    unknownMunicipalities,
    skipRowsWithoutId,
    ...(include ? { include } : {}),
  };
}

function readMapping(role: FileRole, value: Json | undefined, path: string[], problem: Problem): Record<string, FieldMapping> {
  if (value === undefined) return {};
  if (!isObject(value)) {
    problem(path, `"${path.join('.')}" must map column names of ${role} to the file's headers`);
    return {};
  }
  const mapping: Record<string, FieldMapping> = {};
  const known = SCHEMAS[role].map((field) => field.name);
  for (const [field, ref] of Object.entries(value)) {
    if (!known.includes(field)) {
      problem(
        [...path, field],
        `${JSON.stringify(field)} is not a column of ${role} (columns: ${known.join(', ')})${didYouMean(
          field,
          known.map((id) => ({ id })),
        )}`,
      );
    } else if (typeof ref === 'string' || (typeof ref === 'number' && Number.isInteger(ref) && ref >= 1)) mapping[field] = ref;
    else if (isObject(ref) && !SCHEMAS[role].find((spec) => spec.name === field)?.summable) {
      problem(
        [...path, field],
        `${field} cannot be a weighted sum of columns (only ${
          SCHEMAS[role]
            .filter((spec) => spec.summable)
            .map((spec) => spec.name)
            .join(', ') || 'numbers'
        } can): map it to one header name or column number`,
      );
    } else if (isObject(ref) && Object.values(ref).every((weight) => typeof weight === 'number' && Number.isFinite(weight)) && Object.keys(ref).length > 0) {
      mapping[field] = ref as Record<string, number>;
    } else problem([...path, field], `the mapping of ${field} must be a header name, a column number from 1, or an object of header → weight`);
  }
  return mapping;
}

function readServices(value: Json | undefined, problem: Problem): Record<string, Record<string, number>> {
  if (value === undefined) return {};
  if (!isObject(value)) {
    problem(['services'], '"services" must map service ids to parameter overrides');
    return {};
  }
  // No prototype: a service id such as "__proto__" or "constructor" is a plain key.
  const overrides = Object.create(null) as Record<string, Record<string, number>>;
  for (const [id, entry] of Object.entries(value)) {
    if (!isObject(entry)) {
      problem(['services', id], `services.${id} must be an object such as {"catchment_km": 15}`);
      continue;
    }
    overrides[id] = Object.create(null) as Record<string, number>;
    for (const [column, number] of Object.entries(entry)) {
      const reason = checkServiceValue(column, number);
      if (reason) problem(['services', id, column], `services.${id}.${column} ${reason}`);
      else overrides[id][column] = number as number;
    }
  }
  return overrides;
}

function readParameters(value: Json | undefined, problem: Problem): Partial<Parameters> {
  if (value === undefined) return {};
  if (!isObject(value)) {
    problem(['parameters'], '"parameters" must be an object');
    return {};
  }
  const parameters: Record<string, unknown> = {};
  const names = Object.keys(PARAMETER_NAMES);
  for (const [name, setting] of Object.entries(value)) {
    const field = Object.hasOwn(PARAMETER_NAMES, name) ? PARAMETER_NAMES[name] : undefined;
    if (!field) {
      problem(
        ['parameters', name],
        `unknown parameter ${quote(name)} (known: ${names.join(', ')})${didYouMean(
          name,
          names.map((id) => ({ id })),
        )}`,
      );
      continue;
    }
    const reason = checkParameter(field, setting);
    if (reason) problem(['parameters', name], `parameter ${name} ${reason}`);
    else parameters[field] = setting;
  }
  return parameters as Partial<Parameters>;
}
