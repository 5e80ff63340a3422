/**
 * distances.csv (DATA.md): km (and optionally minutes) between two
 * municipalities. One direction implies the other unless both are given;
 * the same direction twice is an error.
 */
import type { IssueLog } from '../issue.js';
import type { SourceSpec } from '../source.js';
import type { DistanceTable } from '../types.js';
import { GrowableFloat64, GrowableInt32 } from './growable.js';
import { MunicipalityResolver, type IdIndex } from './ids.js';
import { IGNORE_ROWS, type SourceReader } from './sink.js';
import { TableReader, type HeaderInfo } from './table.js';

export class DistanceCollector {
  private readonly origin = new GrowableInt32();
  private readonly destination = new GrowableInt32();
  private readonly km = new GrowableFloat64();
  private readonly minutes = new GrowableFloat64();
  private readonly seen = new Map<number, { line: number; file: string }>();
  rows = 0;
  skipped = 0;

  constructor(private readonly municipalities: IdIndex) {}

  begin(header: HeaderInfo, source: SourceSpec, log: IssueLog): SourceReader {
    const table = new TableReader('distances', header, source, log);
    if (!table.usable) return IGNORE_ROWS;
    const places = new MunicipalityResolver(this.municipalities, log, source.unknownMunicipalities);
    const originColumn = table.columnOf('origin');
    const destinationColumn = table.columnOf('destination');
    const n = this.municipalities.index.size;
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
      const km = table.number(cells, line, 'km', { min: 0 });
      const minutes = table.number(cells, line, 'minutes', { min: 0 }, true);
      if (origin === 'unknown' || destination === 'unknown' || km === undefined || Number.isNaN(km) || (minutes !== undefined && Number.isNaN(minutes))) return;
      const key = origin * n + destination;
      const earlier = this.seen.get(key);
      if (earlier) {
        const where = earlier.file === log.file ? `line ${earlier.line}` : `${earlier.file}:${earlier.line}`;
        log.error(
          line,
          originColumn,
          'duplicate-pair',
          `duplicate distance ${JSON.stringify(table.text(cells, 'origin'))} → ${JSON.stringify(table.text(cells, 'destination'))}: already given on ${where}`,
        );
        return;
      }
      this.seen.set(key, { line, file: log.file });
      this.origin.push(origin);
      this.destination.push(destination);
      this.km.push(km);
      this.minutes.push(minutes ?? NaN);
      this.rows++;
    };
    return { row, end: () => places.notes.report(log) };
  }

  /** The table with the implied reverse directions added. */
  finish(): DistanceTable {
    const n = this.municipalities.index.size;
    const count = this.origin.length;
    for (let k = 0; k < count; k++) {
      const o = this.origin.data[k];
      const d = this.destination.data[k];
      if (o === d || this.seen.has(d * n + o)) continue;
      this.seen.set(d * n + o, { line: 0, file: '' });
      this.origin.push(d);
      this.destination.push(o);
      this.km.push(this.km.data[k]);
      this.minutes.push(this.minutes.data[k]);
    }
    return { length: this.origin.length, origin: this.origin.done(), destination: this.destination.done(), km: this.km.done(), minutes: this.minutes.done() };
  }

  /** Number of distinct other municipalities each municipality has a distance to. */
  partnersPerMunicipality(table: DistanceTable): Int32Array {
    const partners = new Int32Array(this.municipalities.index.size);
    for (let k = 0; k < table.length; k++) if (table.origin[k] !== table.destination[k]) partners[table.origin[k]]++;
    return partners;
  }
}
