/**
 * Columns of each input file (DATA.md "Files"), their Polish aliases, and the
 * resolution of a file's header against them — by the names servflow knows
 * or by the manifest's mapping (a header name, a 1-based column number, or a
 * weighted sum of columns for a value such as demand).
 */
import type { FileRole } from './types.js';
import type { IssueLog } from './issue.js';
import { headerKey } from './text.js';

export interface FieldSpec {
  readonly name: string;
  readonly required: boolean;
  readonly aliases: readonly string[];
  /** A numeric value that may be mapped to a weighted sum of columns. */
  readonly summable?: boolean;
}

const MUNICIPALITY_REF = ['gmina', 'kod', 'teryt', 'kod teryt', 'id', 'municipality id', 'kod gminy'];
const SERVICE_REF = ['usluga', 'service id', 'rodzaj uslugi'];

export const SCHEMAS: Readonly<Record<FileRole, readonly FieldSpec[]>> = {
  municipalities: [
    { name: 'id', required: true, aliases: ['kod', 'teryt', 'kod teryt', 'identyfikator', 'identyfikator terytorialny', 'kod gminy'] },
    { name: 'name', required: true, aliases: ['nazwa', 'nazwa gminy', 'gmina', 'wyszczegolnienie'] },
    { name: 'population', required: true, aliases: ['ludnosc', 'liczba ludnosci', 'ludnosc ogolem', 'populacja'], summable: true },
    { name: 'lat', required: false, aliases: ['latitude', 'szerokosc', 'szerokosc geograficzna'] },
    { name: 'lon', required: false, aliases: ['longitude', 'lng', 'dlugosc', 'dlugosc geograficzna'] },
    { name: 'kind', required: false, aliases: ['rodzaj', 'typ', 'rodzaj gminy', 'typ gminy'] },
    { name: 'area_km2', required: false, aliases: ['area', 'powierzchnia', 'powierzchnia km2', 'powierzchnia w km2'] },
    { name: 'county', required: false, aliases: ['powiat'] },
    { name: 'partner', required: false, aliases: ['partner', 'czlonek', 'czlonek partnerstwa'] },
    { name: 'candidate', required: false, aliases: ['kandydat', 'lokalizacja'] },
  ],
  services: [
    { name: 'id', required: true, aliases: ['usluga', 'kod', 'identyfikator'] },
    { name: 'name', required: true, aliases: ['nazwa'] },
    { name: 'unit', required: true, aliases: ['jednostka'] },
    { name: 'catchment_km', required: true, aliases: ['zasieg km', 'zasieg'] },
    { name: 'min_facility_size', required: true, aliases: ['minimalna wielkosc'] },
    { name: 'max_facility_size', required: false, aliases: ['maksymalna wielkosc'] },
    { name: 'max_expansion', required: false, aliases: ['maksymalna rozbudowa'] },
    { name: 'max_expansion_share', required: false, aliases: ['maksymalny udzial rozbudowy'] },
    { name: 'capex_per_place', required: true, aliases: ['naklad na miejsce', 'koszt inwestycyjny na miejsce'] },
    { name: 'facility_fixed_cost', required: false, aliases: ['koszt staly'] },
    { name: 'opex_per_place', required: true, aliases: ['koszt utrzymania miejsca', 'koszt biezacy na miejsce'] },
    { name: 'decay_beta', required: false, aliases: ['beta'] },
    { name: 'name_pl', required: false, aliases: ['nazwa pl', 'nazwa polska'] },
  ],
  supply: [
    { name: 'municipality', required: true, aliases: MUNICIPALITY_REF },
    { name: 'service', required: true, aliases: SERVICE_REF },
    { name: 'capacity', required: true, aliases: ['pojemnosc', 'miejsca', 'liczba miejsc', 'podaz'], summable: true },
  ],
  demand: [
    { name: 'municipality', required: true, aliases: MUNICIPALITY_REF },
    { name: 'service', required: true, aliases: SERVICE_REF },
    { name: 'demand', required: true, aliases: ['zapotrzebowanie', 'popyt', 'potrzeby'], summable: true },
  ],
  flows: [
    { name: 'origin', required: true, aliases: ['skad', 'z gminy', 'gmina zamieszkania', 'pochodzenie'] },
    { name: 'destination', required: true, aliases: ['dokad', 'do gminy', 'gmina uslugi', 'cel'] },
    { name: 'service', required: true, aliases: SERVICE_REF },
    { name: 'users', required: true, aliases: ['liczba', 'uzytkownicy', 'liczba uzytkownikow', 'osoby'], summable: true },
  ],
  distances: [
    { name: 'origin', required: true, aliases: ['skad', 'z gminy'] },
    { name: 'destination', required: true, aliases: ['dokad', 'do gminy'] },
    { name: 'km', required: true, aliases: ['odleglosc', 'odleglosc km', 'distance', 'distance km'] },
    { name: 'minutes', required: false, aliases: ['minuty', 'czas', 'czas min', 'time'] },
  ],
};

/** A column named by its header or by its 1-based number. */
export type ColumnRef = string | number;
/** A mapping entry: one column, or a weighted sum `{ "0-4": 0.4, "5-9": 0.4 }`. */
export type FieldMapping = ColumnRef | Readonly<Record<string, number>>;

export interface ResolvedField {
  /** 0-based column indexes and their weights (one column: weight 1). */
  readonly columns: readonly number[];
  readonly weights: readonly number[];
}

export type ResolvedColumns = ReadonlyMap<string, ResolvedField>;

/** Names of the fields a file of `role` must have. */
export function requiredFields(role: FileRole): ReadonlySet<string> {
  return new Set(SCHEMAS[role].filter((field) => field.required).map((field) => field.name));
}

/** Does the header have a column for `field` (by the manifest's mapping or a known name)? */
export function headerHasField(header: readonly string[], role: FileRole, field: string, mapping: Readonly<Record<string, FieldMapping>>): boolean {
  if (mapping[field] !== undefined) return true;
  const spec = SCHEMAS[role].find((candidate) => candidate.name === field);
  if (!spec) return false;
  const names = [spec.name, ...spec.aliases].map(looseKey);
  return header.some((cell) => names.includes(looseKey(cell)));
}

/** Loose key for matching a field name or alias: `area_km2` ~ `Area km2`. */
function looseKey(text: string): string {
  return headerKey(text)
    .replace(/[_\-\s]+/g, ' ')
    .trim();
}

/**
 * Find the column a reference names: exact (case/diacritic/whitespace
 * insensitive) first, else the unique header that starts with it at a word
 * boundary (`"Ludność"` finds `"Ludność\n Population"`).
 */
function findColumn(header: readonly string[], ref: ColumnRef): { index: number } | { problem: string } {
  if (typeof ref === 'number') {
    if (Number.isInteger(ref) && ref >= 1 && ref <= header.length) return { index: ref - 1 };
    return { problem: `column number ${ref} is outside the header's ${header.length} columns` };
  }
  const wanted = headerKey(ref);
  const keys = header.map(headerKey);
  let exact = keys.flatMap((key, index) => (key === wanted ? [index] : []));
  if (exact.length === 0) {
    // `rok 2019` finds `rok_2019`, as automatic recognition of columns does.
    const loose = looseKey(ref);
    exact = header.flatMap((cell, index) => (looseKey(cell) === loose ? [index] : []));
  }
  if (exact.length === 1) return { index: exact[0] };
  if (exact.length > 1) return { problem: `column ${JSON.stringify(ref)} is ambiguous: it appears ${exact.length} times (columns ${exact.map((i) => i + 1).join(', ')}); name it by number` };
  const prefixed = keys.flatMap((key, index) => (key.startsWith(wanted) && wanted.length > 0 && !/[\p{L}\p{N}]/u.test(key[wanted.length] ?? '') ? [index] : []));
  if (prefixed.length === 1) return { index: prefixed[0] };
  if (prefixed.length > 1) {
    return {
      problem: `column ${JSON.stringify(ref)} is ambiguous: it could be ${prefixed
        .slice(0, 4)
        .map((i) => JSON.stringify(header[i].replace(/\s+/g, ' ').trim()))
        .join(', ')}${prefixed.length > 4 ? ', …' : ''}`,
    };
  }
  return { problem: `no column ${JSON.stringify(ref)} in the header` };
}

/**
 * Match a header against a file's schema. `mapping` (from the manifest) takes
 * precedence; `constants` are fields given a fixed value instead of a column.
 * Problems go to `log` at `headerLine`.
 */
export function resolveColumns(
  header: readonly string[],
  role: FileRole,
  mapping: Readonly<Record<string, FieldMapping>>,
  constants: ReadonlySet<string>,
  log: IssueLog,
  headerLine: number,
  required: ReadonlySet<string> = requiredFields(role),
): ResolvedColumns {
  const resolved = new Map<string, ResolvedField>();
  const schema = SCHEMAS[role];
  const known = new Set(schema.map((field) => field.name));
  for (const name of Object.keys(mapping)) {
    if (!known.has(name)) {
      log.error(headerLine, 0, 'unknown-field', `the manifest maps ${JSON.stringify(name)}, which is not a column of ${role} (columns: ${[...known].join(', ')})`);
    }
  }
  const looseHeader = header.map(looseKey);
  for (const field of schema) {
    if (constants.has(field.name)) continue;
    const mapped = mapping[field.name];
    if (mapped !== undefined) {
      const entries: [ColumnRef, number][] = typeof mapped === 'object' ? Object.entries(mapped).map(([ref, weight]) => [/^#\d+$/.test(ref) ? Number(ref.slice(1)) : ref, weight]) : [[mapped, 1]];
      if (entries.length > 1 && !field.summable) {
        log.error(headerLine, 0, 'bad-mapping', `${field.name} cannot be a sum of columns`);
        continue;
      }
      const columns: number[] = [];
      const weights: number[] = [];
      for (const [ref, weight] of entries) {
        const found = findColumn(header, ref);
        if ('problem' in found) log.error(headerLine, 0, 'missing-column', `${field.name}: ${found.problem} (mapped in the manifest)`);
        else {
          columns.push(found.index);
          weights.push(weight);
        }
      }
      if (columns.length === entries.length) resolved.set(field.name, { columns, weights });
      continue;
    }
    const names = [field.name, ...field.aliases].map(looseKey);
    const index = looseHeader.findIndex((key) => names.includes(key));
    if (index >= 0) resolved.set(field.name, { columns: [index], weights: [1] });
    else if (required.has(field.name)) {
      const found = header.map((cell) => cell.replace(/\s+/g, ' ').trim()).filter((cell) => cell !== '');
      const hint =
        field.name === 'service' ? 'map it in servflow.json "columns", or give the file\'s service as "values": {"service": "…"}' : 'map it in servflow.json "columns" if it has another name';
      log.error(
        headerLine,
        0,
        'missing-column',
        `missing required column ${JSON.stringify(field.name)} (found: ${found
          .slice(0, 8)
          .map((cell) => JSON.stringify(cell))
          .join(', ')}${found.length > 8 ? ', …' : ''}); ${hint}`,
      );
    }
  }
  return resolved;
}
