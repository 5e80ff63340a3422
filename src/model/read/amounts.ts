/**
 * supply.csv and demand.csv (DATA.md): a number per (municipality, service).
 * A missing pair means 0; a duplicate pair is an error. A source may give
 * the service as a fixed value and the number as a weighted sum of columns,
 * which is how a BDL age export becomes demand. An empty capacity is a
 * capacity still to be filled in (the template `servflow init` writes): a
 * warning naming its line, counted as 0 until then.
 */
import { quote, type IssueLog } from '../issue.js';
import { headerHasField } from '../columns.js';
import type { SourceSpec } from '../source.js';
import { IGNORE_ROWS, type SourceReader } from './sink.js';
import { MunicipalityResolver, ServiceResolver, type IdIndex } from './ids.js';
import { TableReader, type HeaderInfo } from './table.js';

export class AmountCollector {
  /** `values[s][i]`. */
  readonly values: Float64Array[];
  /** Line of the row that set each pair (0: not given), per service. */
  private readonly lines: Int32Array[];
  private readonly files: string[][];
  rows = 0;
  skipped = 0;

  constructor(
    readonly role: 'supply' | 'demand',
    private readonly municipalities: IdIndex,
    private readonly services: IdIndex,
  ) {
    const n = municipalities.index.size;
    this.values = Array.from({ length: services.index.size }, () => new Float64Array(n));
    this.lines = Array.from({ length: services.index.size }, () => new Int32Array(n));
    this.files = Array.from({ length: services.index.size }, () => new Array<string>(n));
  }

  /** Was the pair given in a file? */
  given(service: number, municipality: number): boolean {
    return this.lines[service][municipality] > 0;
  }

  begin(header: HeaderInfo, source: SourceSpec, log: IssueLog): SourceReader {
    const valueField = this.role === 'supply' ? 'capacity' : 'demand';
    // A file without a service column in a one-service dataset is about that service
    // (as in DATA.md's manifest example: a demand file of one age group).
    const onlyService = this.services.index.size === 1 ? this.services.candidates[0].id : undefined;
    const effective =
      onlyService !== undefined && !('service' in source.values) && !headerHasField(header.cells, this.role, 'service', source.columns)
        ? { ...source, values: { ...source.values, service: onlyService } }
        : source;
    const table = new TableReader(this.role, header, effective, log);
    if (!table.usable) return IGNORE_ROWS;
    const places = new MunicipalityResolver(this.municipalities, log, source.unknownMunicipalities);
    const kinds = new ServiceResolver(this.services, log);
    const municipalityColumn = table.columnOf('municipality');
    const serviceColumn = table.columnOf('service');
    const row = (cells: readonly string[], line: number): void => {
      if (table.skipsRow(cells, ['municipality'])) {
        this.skipped++;
        return;
      }
      if (!table.checkShape(cells, line)) return;
      const municipality = places.resolve(table.text(cells, 'municipality') ?? '', line, municipalityColumn, 'municipality');
      if (municipality === 'skip') {
        this.skipped++;
        return;
      }
      const service = kinds.resolve(table.text(cells, 'service') ?? '', line, serviceColumn);
      const value =
        this.role === 'supply'
          ? capacity(table, cells, line, log, typeof municipality === 'number' ? this.municipalities.candidates[municipality]?.label : undefined)
          : table.number(cells, line, valueField, { min: 0 });
      if (municipality === 'unknown' || service === 'unknown' || value === undefined || Number.isNaN(value)) return;
      const earlier = this.lines[service][municipality];
      if (earlier > 0) {
        const where = this.files[service][municipality] === log.file ? `line ${earlier}` : `${this.files[service][municipality]}:${earlier}`;
        log.error(
          line,
          municipalityColumn,
          'duplicate-pair',
          `duplicate ${this.role} for (${JSON.stringify(table.text(cells, 'municipality'))}, ${JSON.stringify(table.text(cells, 'service'))}): already given on ${where}`,
        );
        return;
      }
      this.lines[service][municipality] = line;
      this.files[service][municipality] = log.file;
      this.values[service][municipality] = value;
      this.rows++;
    };
    return { row, end: () => places.notes.report(log) };
  }
}

/** A supply row's capacity; an empty cell is warned about and read as 0. */
function capacity(table: TableReader, cells: readonly string[], line: number, log: IssueLog, name: string | undefined): number | undefined {
  const value = table.number(cells, line, 'capacity', { min: 0 }, true);
  if (value !== undefined || !table.has('capacity')) return value;
  const municipality = quote(table.text(cells, 'municipality') ?? '') + (name !== undefined ? ` (${quote(name)})` : '');
  log.warning(line, table.columnOf('capacity'), 'missing-capacity', `capacity of ${quote(table.text(cells, 'service') ?? '')} in ${municipality} is empty: fill it in (counted as 0 until then)`);
  return 0;
}
