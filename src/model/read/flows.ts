/**
 * flows.csv (DATA.md): residents of `origin` served in `destination`.
 * Duplicate (origin, destination, service) rows are an error unless the
 * manifest says `"flows": {"duplicates": "sum"}`.
 */
import type { Issue, IssueLog } from '../issue.js';
import type { SourceSpec } from '../source.js';
import type { FlowTable } from '../types.js';
import { GrowableFloat64, GrowableInt32 } from './growable.js';
import { MunicipalityResolver, ServiceResolver, type IdIndex } from './ids.js';
import { IGNORE_ROWS, type SourceReader } from './sink.js';
import { TableReader, type HeaderInfo } from './table.js';

export interface LocatedFlows extends FlowTable {
  /** Line of each entry's (first) row and the index of its file in `files`. */
  readonly lines: Int32Array;
  readonly fileIndex: Int32Array;
  readonly files: readonly string[];
}

export class FlowCollector {
  private readonly origin = new GrowableInt32();
  private readonly destination = new GrowableInt32();
  private readonly service = new GrowableInt32();
  private readonly users = new GrowableFloat64();
  private readonly lines = new GrowableInt32();
  private readonly fileIndex = new GrowableInt32();
  private readonly files: string[] = [];
  private readonly originColumns: number[] = [];
  rows = 0;
  skipped = 0;

  constructor(
    private readonly municipalities: IdIndex,
    private readonly services: IdIndex,
    private readonly duplicates: 'error' | 'sum',
  ) {}

  begin(header: HeaderInfo, source: SourceSpec, log: IssueLog): SourceReader {
    const table = new TableReader('flows', header, source, log);
    if (!table.usable) return IGNORE_ROWS;
    const fileNumber = this.files.push(log.file) - 1;
    this.originColumns.push(table.columnOf('origin'));
    const places = new MunicipalityResolver(this.municipalities, log, source.unknownMunicipalities);
    const kinds = new ServiceResolver(this.services, log);
    const originColumn = table.columnOf('origin');
    const destinationColumn = table.columnOf('destination');
    const serviceColumn = table.columnOf('service');
    const row = (cells: readonly string[], line: number): void => {
      if (table.skipsRow(cells, ['origin']) || table.skipsRow(cells, ['destination'])) {
        this.skipped++;
        return;
      }
      if (!table.checkShape(cells, line)) return;
      const origin = places.resolve(table.text(cells, 'origin') ?? '', line, originColumn, 'origin');
      const destination = places.resolve(table.text(cells, 'destination') ?? '', line, destinationColumn, 'destination');
      if (origin === 'skip' || destination === 'skip') {
        this.skipped++;
        return;
      }
      const service = kinds.resolve(table.text(cells, 'service') ?? '', line, serviceColumn);
      const users = table.number(cells, line, 'users', { min: 0 });
      if (origin === 'unknown' || destination === 'unknown' || service === 'unknown' || users === undefined || Number.isNaN(users)) return;
      this.origin.push(origin);
      this.destination.push(destination);
      this.service.push(service);
      this.users.push(users);
      this.lines.push(line);
      this.fileIndex.push(fileNumber);
      this.rows++;
    };
    return { row, end: () => places.notes.report(log) };
  }

  /**
   * The flows, with duplicate (origin, destination, service) entries summed
   * (policy "sum") or reported as errors in `issues` (policy "error").
   */
  finish(issues: Issue[]): LocatedFlows {
    const length = this.origin.length;
    const groups = duplicateGroups(this.origin.data, this.destination.data, this.service.data, length, this.municipalities.index.size);
    const drop = new Uint8Array(length);
    for (const [first, duplicate] of groups) {
      drop[duplicate] = 1;
      if (this.duplicates === 'sum') {
        this.users.data[first] += this.users.data[duplicate];
        continue;
      }
      const file = this.files[this.fileIndex.data[duplicate]];
      const firstFile = this.files[this.fileIndex.data[first]];
      const where = firstFile === file ? `line ${this.lines.data[first]}` : `${firstFile}:${this.lines.data[first]}`;
      const ids = this.municipalities.candidates;
      const service = this.services.candidates[this.service.data[duplicate]].id;
      issues.push({
        severity: 'error',
        file,
        line: this.lines.data[duplicate],
        column: this.originColumns[this.fileIndex.data[duplicate]],
        code: 'duplicate-pair',
        message: `duplicate flow ${JSON.stringify(ids[this.origin.data[duplicate]].id)} → ${JSON.stringify(ids[this.destination.data[duplicate]].id)} (${JSON.stringify(service)}): already given on ${where}; set "flows": {"duplicates": "sum"} in servflow.json to add them up`,
      });
    }
    const keep = (column: Int32Array | Float64Array) => (groups.length === 0 ? column.slice(0, length) : column.slice(0, length).filter((_, k) => drop[k] === 0));
    const origin = keep(this.origin.data) as Int32Array;
    return {
      length: origin.length,
      origin,
      destination: keep(this.destination.data) as Int32Array,
      service: keep(this.service.data) as Int32Array,
      users: keep(this.users.data) as Float64Array,
      lines: keep(this.lines.data) as Int32Array,
      fileIndex: keep(this.fileIndex.data) as Int32Array,
      files: this.files,
    };
  }
}

/**
 * Pairs [first, later] of entries with the same (service, origin,
 * destination), later in row order. Sorts packed (key, index) numbers — a
 * million rows in a fraction of the time a Map of composite keys takes.
 */
export function duplicateGroups(origin: Int32Array, destination: Int32Array, service: Int32Array, length: number, n: number): [number, number][] {
  let services = 0;
  for (let k = 0; k < length; k++) services = Math.max(services, service[k] + 1);
  const indexScale = 2 ** Math.ceil(Math.log2(length + 1));
  const key = (k: number) => (service[k] * n + origin[k]) * n + destination[k];
  const pairs: [number, number][] = [];
  if (services * n * n * indexScale <= Number.MAX_SAFE_INTEGER) {
    const packed = new Float64Array(length);
    for (let k = 0; k < length; k++) packed[k] = key(k) * indexScale + k;
    packed.sort();
    let firstOfRun = -1;
    for (let r = 0; r < length; r++) {
      const index = packed[r] % indexScale;
      if (r > 0 && Math.floor(packed[r] / indexScale) === Math.floor(packed[r - 1] / indexScale)) pairs.push([firstOfRun, index]);
      else firstOfRun = index;
    }
  } else {
    const seen = new Map<number, number>();
    for (let k = 0; k < length; k++) {
      const first = seen.get(key(k));
      if (first === undefined) seen.set(key(k), k);
      else pairs.push([first, k]);
    }
  }
  return pairs.sort((a, b) => a[1] - b[1]);
}
