/**
 * flows.csv (DATA.md): residents of `origin` served in `destination`.
 * Duplicate (origin, destination, service) rows are an error unless the
 * manifest says `"flows": {"duplicates": "sum"}`.
 */
import type { IssueLog } from '../issue.js';
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
  /** (service, origin, destination) key → entry index. */
  private readonly entries = new Map<number, number>();
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
    const places = new MunicipalityResolver(this.municipalities, log, source.unknownMunicipalities);
    const kinds = new ServiceResolver(this.services, log);
    const originColumn = table.columnOf('origin');
    const destinationColumn = table.columnOf('destination');
    const serviceColumn = table.columnOf('service');
    const n = this.municipalities.index.size;
    const row = (cells: readonly string[], line: number): void => {
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
      const key = (service * n + origin) * n + destination;
      const existing = this.entries.get(key);
      if (existing !== undefined) {
        if (this.duplicates === 'sum') {
          this.users.data[existing] += users;
          this.rows++;
          return;
        }
        const firstFile = this.files[this.fileIndex.data[existing]];
        const where = firstFile === log.file ? `line ${this.lines.data[existing]}` : `${firstFile}:${this.lines.data[existing]}`;
        log.error(line, originColumn, 'duplicate-pair', `duplicate flow (${JSON.stringify(table.text(cells, 'origin'))} → ${JSON.stringify(table.text(cells, 'destination'))}, ${JSON.stringify(table.text(cells, 'service'))}): already given on ${where}; set "flows": {"duplicates": "sum"} in servflow.json to add them up`);
        return;
      }
      this.entries.set(key, this.origin.length);
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

  finish(): LocatedFlows {
    return {
      length: this.origin.length,
      origin: this.origin.done(),
      destination: this.destination.done(),
      service: this.service.done(),
      users: this.users.done(),
      lines: this.lines.done(),
      fileIndex: this.fileIndex.done(),
      files: this.files,
    };
  }
}
