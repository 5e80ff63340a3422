/**
 * municipalities.csv (DATA.md): one or more sources. The first defines which
 * municipalities there are; later ones add columns to them by id (so an
 * adviser can take names and population from one GUS table and areas from
 * another). Ids in a later source that the first lacks are skipped.
 */
import type { IssueLog } from '../issue.js';
import { quote } from '../issue.js';
import { cleanName } from '../text.js';
import { normaliseId, parseKind, type MunicipalityKind } from '../teryt.js';
import type { SourceSpec } from '../source.js';
import type { Municipality } from '../types.js';
import { ReferenceNotes } from './ids.js';
import { parseBoolean, TableReader, type HeaderInfo } from './table.js';
import { IGNORE_ROWS, type SourceReader } from './sink.js';

interface Draft {
  id: string;
  line: number;
  file: string;
  name?: string;
  suffixKind?: MunicipalityKind;
  population?: number;
  lat?: number;
  lon?: number;
  kind?: MunicipalityKind;
  areaKm2?: number;
  county?: string;
  partner?: boolean;
  candidate?: boolean;
  /** A cell was invalid: no further "missing value" error for it. */
  invalid: Set<string>;
}

export interface MunicipalityRead {
  readonly municipalities: Municipality[];
  /** Line of each municipality's row in its first source (for later messages). */
  readonly lines: number[];
  readonly file: string;
  /** Ids whose row was read but left out for an invalid or missing value (already reported). */
  readonly rejected: Set<string>;
}

const SUFFIX_KIND: Record<string, MunicipalityKind> = { '1': 'urban', '2': 'rural', '3': 'urban-rural' };

export class MunicipalityCollector {
  private readonly drafts: Draft[] = [];
  private readonly byId = new Map<string, Draft>();
  private readonly mapped = new Set<string>();
  private primaryFile = '';
  private primaryHeaderLine = 1;
  private primaryLog?: IssueLog;
  skipped = 0;
  private multiSource = false;
  /** Ids of rows left out before they became drafts (a wrong number of fields). */
  private readonly rejectedRows = new Set<string>();

  /** The row sink for one source; `primary` for the first one. */
  begin(header: HeaderInfo, source: SourceSpec, log: IssueLog, primary: boolean, multiSource: boolean): SourceReader {
    this.multiSource = multiSource;
    const required = new Set(primary && !multiSource ? ['id', 'name', 'population'] : ['id']);
    const table = new TableReader('municipalities', header, source, log, required);
    if (primary) {
      this.primaryFile = log.file;
      this.primaryHeaderLine = header.line;
      this.primaryLog = log;
    }
    for (const field of table.columns.keys()) this.mapped.add(field);
    for (const field of Object.keys(source.values)) this.mapped.add(field);
    if (!table.usable) return IGNORE_ROWS;
    const notes = new ReferenceNotes();
    const seen = new Map<string, number>();
    const include = source.include;
    const row = (cells: readonly string[], line: number): void => {
      const idCell = table.text(cells, 'id') ?? '';
      if (idCell === '' && source.skipRowsWithoutId) {
        this.skipped++;
        return;
      }
      if (!table.checkShape(cells, line)) {
        if (idCell !== '') this.rejectedRows.add(normaliseId(idCell).id);
        return;
      }
      if (idCell === '') {
        log.error(line, table.columnOf('id'), 'empty-cell', 'id is empty');
        return;
      }
      const normalised = normaliseId(idCell);
      const column = table.columnOf('id');
      if (normalised.kind === 'aggregate') {
        this.skipped++;
        notes.aggregates++;
        notes.firstAggregate ??= { line, column, id: normalised.id, what: normalised.what ?? '' };
        return;
      }
      if (normalised.kind === 'part') {
        this.skipped++;
        notes.parts++;
        notes.firstPart ??= { line, column, id: normalised.id, what: normalised.what ?? '' };
        return;
      }
      if (normalised.padded) {
        notes.padded++;
        notes.firstPadded ??= { line, column, from: idCell, to: normalised.id };
      }
      const id = normalised.id;
      if (include && !include.some((prefix) => id.startsWith(prefix))) {
        this.skipped++;
        return;
      }
      const earlier = seen.get(id);
      if (earlier !== undefined) {
        log.error(line, column, 'duplicate-id', `duplicate municipality id ${quote(id)}: already on line ${earlier}`);
        return;
      }
      seen.set(id, line);
      let draft = this.byId.get(id);
      if (!draft) {
        if (!primary) {
          this.skipped++;
          return;
        }
        draft = { id, line, file: log.file, invalid: new Set() };
        this.byId.set(id, draft);
        this.drafts.push(draft);
      }
      readFields(table, cells, line, draft);
    };
    return { row, end: () => notes.report(log) };
  }

  /** Check completeness (problems go to `log`, named after the first source) and build the list. */
  finish(log: IssueLog): MunicipalityRead {
    const municipalities: Municipality[] = [];
    const lines: number[] = [];
    const rejected = new Set<string>([...this.rejectedRows].filter((id) => !this.byId.has(id)));
    if (!this.primaryLog) return { municipalities, lines, file: this.primaryFile, rejected };
    for (const field of ['name', 'population']) {
      // With one source, a missing column was reported with its header already.
      if (this.multiSource && !this.mapped.has(field)) {
        log.error(this.primaryHeaderLine, 0, 'missing-column', `missing required column ${JSON.stringify(field)}: no municipalities source has it`);
      }
    }
    for (const draft of this.drafts) {
      for (const field of ['name', 'population'] as const) {
        if (this.mapped.has(field) && draft[field] === undefined && !draft.invalid.has(field)) {
          log.error(draft.line, 0, 'missing-value', `municipality ${quote(draft.id)} has no ${field}${this.drafts.length > 0 ? ' in any source' : ''}`);
        }
      }
      if ((draft.lat === undefined) !== (draft.lon === undefined) && !draft.invalid.has('lat') && !draft.invalid.has('lon')) {
        log.error(draft.line, 0, 'missing-value', `municipality ${quote(draft.id)} has ${draft.lat === undefined ? 'lon but no lat' : 'lat but no lon'}`);
      }
      if (draft.name === undefined || draft.population === undefined || draft.invalid.size > 0) {
        rejected.add(draft.id);
        continue;
      }
      municipalities.push({
        id: draft.id,
        name: draft.name,
        population: draft.population,
        ...(draft.lat !== undefined && draft.lon !== undefined ? { lat: draft.lat, lon: draft.lon } : {}),
        ...kindOf(draft),
        ...(draft.areaKm2 !== undefined ? { areaKm2: draft.areaKm2 } : {}),
        ...(draft.county !== undefined && draft.county !== '' ? { county: draft.county } : {}),
        partner: draft.partner ?? true,
        candidate: draft.candidate ?? true,
      });
      lines.push(draft.line);
    }
    return { municipalities, lines, file: this.primaryFile, rejected };
  }

  get rowCount(): number {
    return this.drafts.length;
  }
}

function kindOf(draft: Draft): { kind?: MunicipalityKind } {
  const kind = draft.kind ?? draft.suffixKind ?? (/^\d{6}[123]$/.test(draft.id) ? SUFFIX_KIND[draft.id[6]] : undefined);
  return kind ? { kind } : {};
}

function readFields(table: TableReader, cells: readonly string[], line: number, draft: Draft): void {
  const invalid = (field: string, value: number | undefined): number | undefined => {
    if (value !== undefined && Number.isNaN(value)) {
      draft.invalid.add(field);
      return undefined;
    }
    return value;
  };
  if (table.has('name')) {
    const raw = table.required(cells, line, 'name');
    if (raw === undefined) draft.invalid.add('name');
    else {
      const cleaned = cleanName(raw);
      draft.name = cleaned.name;
      if (cleaned.suffixDigit && SUFFIX_KIND[cleaned.suffixDigit]) draft.suffixKind = SUFFIX_KIND[cleaned.suffixDigit];
    }
  }
  if (table.has('population')) draft.population = invalid('population', table.number(cells, line, 'population', { integer: true, min: 0 })) ?? draft.population;
  // ±85° at most: no gmina lies nearer a pole, and map projections are undefined at it (issue 16, item 21).
  if (table.has('lat')) draft.lat = invalid('lat', table.number(cells, line, 'lat', { min: -85, max: 85 }, true)) ?? draft.lat;
  if (table.has('lon')) draft.lon = invalid('lon', table.number(cells, line, 'lon', { min: -180, max: 180 }, true)) ?? draft.lon;
  if (table.has('area_km2')) draft.areaKm2 = invalid('area_km2', table.number(cells, line, 'area_km2', { min: 0, exclusive: true }, true)) ?? draft.areaKm2;
  if (table.has('county')) draft.county = table.text(cells, 'county') ?? draft.county;
  if (table.has('kind')) {
    const cell = table.text(cells, 'kind') ?? '';
    if (cell !== '') {
      const kind = parseKind(cell);
      if (kind) draft.kind = kind;
      else {
        table.log.error(line, table.columnOf('kind'), 'bad-value', `kind must be urban, rural or urban-rural (or 1, 2, 3), got ${quote(cell)}`);
        draft.invalid.add('kind');
      }
    }
  }
  for (const field of ['partner', 'candidate'] as const) {
    if (!table.has(field)) continue;
    const cell = table.text(cells, field);
    const value = parseBoolean(cell, true);
    if (value === undefined) {
      table.log.error(line, table.columnOf(field), 'bad-value', `${field} must be true or false, got ${quote(cell ?? '')}`);
      draft.invalid.add(field);
    } else if ((cell ?? '') !== '') draft[field] = value;
  }
}
