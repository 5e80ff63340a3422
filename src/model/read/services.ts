/**
 * services.csv (DATA.md): one row per service with its planning parameters.
 * The manifest's `services` section overrides columns per service.
 */
import type { IssueLog } from '../issue.js';
import { MAX_DECAY_BETA } from '../parameters.js';
import { quote } from '../issue.js';
import { MAX_PLAUSIBLE } from '../number.js';
import type { SourceSpec } from '../source.js';
import type { Service } from '../types.js';
import { IGNORE_ROWS, type SourceReader } from './sink.js';
import { TableReader, type HeaderInfo } from './table.js';

/** services.csv column → Service field, for rows and manifest overrides. */
export const SERVICE_NUMBER_FIELDS = {
  catchment_km: 'catchmentKm',
  min_facility_size: 'minFacilitySize',
  max_facility_size: 'maxFacilitySize',
  max_expansion: 'maxExpansion',
  max_expansion_share: 'maxExpansionShare',
  capex_per_place: 'capexPerPlace',
  facility_fixed_cost: 'facilityFixedCost',
  opex_per_place: 'opexPerPlace',
  decay_beta: 'decayBeta',
} as const;

type NumberColumn = keyof typeof SERVICE_NUMBER_FIELDS;

const RULES: Record<NumberColumn, { min: number; exclusive?: boolean; max?: number; optional: boolean }> = {
  catchment_km: { min: 0, exclusive: true, optional: false },
  min_facility_size: { min: 0, optional: false },
  max_facility_size: { min: 0, exclusive: true, optional: true },
  max_expansion: { min: 0, optional: true },
  max_expansion_share: { min: 0, optional: true },
  capex_per_place: { min: 0, optional: false },
  facility_fixed_cost: { min: 0, optional: true },
  opex_per_place: { min: 0, optional: false },
  decay_beta: { min: 0, max: MAX_DECAY_BETA, optional: true },
};

/** Why an override value is invalid, or undefined. */
export function checkServiceValue(column: string, value: unknown): string | undefined {
  const rule = Object.hasOwn(RULES, column) ? RULES[column as NumberColumn] : undefined;
  if (!rule) return `unknown service parameter (known: ${Object.keys(RULES).join(', ')})`;
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a finite number';
  if (Math.abs(value) > MAX_PLAUSIBLE) return 'is implausibly large (at most 10^12)';
  if (rule.exclusive ? value <= rule.min : value < rule.min) return rule.exclusive ? 'must be greater than 0' : 'must not be negative';
  if (rule.max !== undefined && value > rule.max) return `must be between ${rule.min} and ${rule.max}`;
  return undefined;
}

interface Row extends Service {
  readonly line: number;
}

export class ServiceCollector {
  readonly rows: Row[] = [];
  /** Ids of rows left out for an invalid value (already reported). */
  readonly rejected = new Set<string>();
  private readonly seen = new Map<string, number>();
  file = '';

  begin(header: HeaderInfo, source: SourceSpec, log: IssueLog): SourceReader {
    const table = new TableReader('services', header, source, log);
    this.file ||= log.file;
    if (!table.usable) return IGNORE_ROWS;
    const row = (cells: readonly string[], line: number): void => {
      if (table.skipsRow(cells, ['id'])) return;
      if (!table.checkShape(cells, line)) {
        const id = table.text(cells, 'id');
        if (id) this.rejected.add(id);
        return;
      }
      const id = table.required(cells, line, 'id');
      const name = table.required(cells, line, 'name');
      const unit = table.required(cells, line, 'unit');
      const values: Partial<Record<NumberColumn, number>> = {};
      let valid = id !== undefined && name !== undefined && unit !== undefined;
      for (const column of Object.keys(RULES) as NumberColumn[]) {
        const rule = RULES[column];
        const value = table.number(cells, line, column, { min: rule.min, exclusive: rule.exclusive, max: rule.max }, rule.optional);
        if (value !== undefined && Number.isNaN(value)) valid = false;
        else if (value !== undefined) values[column] = value;
      }
      if (id !== undefined) {
        const earlier = this.seen.get(id);
        if (earlier !== undefined) {
          log.error(line, table.columnOf('id'), 'duplicate-id', `duplicate service id ${quote(id)}: already on line ${earlier}`);
          valid = false;
        } else this.seen.set(id, line);
      }
      if (values.max_facility_size !== undefined && values.min_facility_size !== undefined && values.max_facility_size < values.min_facility_size) {
        log.error(line, table.columnOf('max_facility_size'), 'out-of-range', `max_facility_size (${values.max_facility_size}) is below min_facility_size (${values.min_facility_size})`);
        valid = false;
      }
      if (!valid || id === undefined || name === undefined || unit === undefined) {
        if (id !== undefined) this.rejected.add(id);
        return;
      }
      this.rows.push({
        id,
        name,
        unit,
        line,
        catchmentKm: values.catchment_km ?? 0,
        minFacilitySize: values.min_facility_size ?? 0,
        ...(values.max_facility_size !== undefined ? { maxFacilitySize: values.max_facility_size } : {}),
        ...(values.max_expansion !== undefined ? { maxExpansion: values.max_expansion } : {}),
        ...(values.max_expansion_share !== undefined ? { maxExpansionShare: values.max_expansion_share } : {}),
        capexPerPlace: values.capex_per_place ?? 0,
        facilityFixedCost: values.facility_fixed_cost ?? 0,
        opexPerPlace: values.opex_per_place ?? 0,
        ...(values.decay_beta !== undefined ? { decayBeta: values.decay_beta } : {}),
        ...(table.text(cells, 'name_pl') ? { namePl: table.text(cells, 'name_pl') } : {}),
      });
    };
    return { row, end: () => {} };
  }

  /** Services with the manifest's overrides applied (already checked). */
  finish(overrides: Readonly<Record<string, Readonly<Record<string, number>>>>): Service[] {
    return this.rows.map(({ line: _line, ...service }) => {
      const override = overrides[service.id];
      if (!override) return service;
      const changed: Record<string, unknown> = { ...service };
      for (const [column, value] of Object.entries(override)) changed[SERVICE_NUMBER_FIELDS[column as NumberColumn]] = value;
      return changed as unknown as Service;
    });
  }
}
