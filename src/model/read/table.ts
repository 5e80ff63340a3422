/**
 * Cell access for one input file once its header is known: resolves the
 * columns, checks each row's shape and turns cells into checked values,
 * logging every problem with its line and column.
 */
import { resolveColumns, requiredFields, type ResolvedColumns, type ResolvedField } from '../columns.js';
import type { IssueLog } from '../issue.js';
import { quote } from '../issue.js';
import { MAX_PLAUSIBLE, parseNumber } from '../number.js';
import type { SourceSpec } from '../source.js';
import type { FileRole } from '../types.js';

export interface HeaderInfo {
  readonly cells: readonly string[];
  readonly line: number;
  readonly delimiter: string;
}

export interface NumberRule {
  readonly integer?: boolean;
  /** Smallest allowed value (inclusive unless `exclusive`). */
  readonly min?: number;
  readonly exclusive?: boolean;
  readonly max?: number;
}

export class TableReader {
  readonly columns: ResolvedColumns;
  /** All required columns were found. */
  readonly usable: boolean;
  /** Fields in the header, and up to the last named one (merged header cells leave gaps). */
  private readonly width: number;
  private readonly named: number;
  private readonly decimalComma: boolean;

  constructor(
    readonly role: FileRole,
    header: HeaderInfo,
    readonly source: SourceSpec,
    readonly log: IssueLog,
    required: ReadonlySet<string> = requiredFields(role),
  ) {
    const errorsBefore = log.errorCount;
    const constants = new Set(Object.keys(source.values));
    this.columns = resolveColumns(header.cells, role, source.columns, constants, log, header.line, required);
    this.usable = log.errorCount === errorsBefore;
    let named = header.cells.length;
    while (named > 0 && header.cells[named - 1].trim() === '') named--;
    this.width = header.cells.length;
    this.named = named;
    this.decimalComma = header.delimiter !== ',';
  }

  has(field: string): boolean {
    return this.columns.has(field) || field in this.source.values;
  }

  /** 1-based column of a field for messages (its first column; 0 for a constant). */
  columnOf(field: string): number {
    const resolved = this.columns.get(field);
    return resolved ? resolved.columns[0] + 1 : 0;
  }

  /**
   * The row has as many fields as the header. Trailing empty fields (BDL ends
   * every line with `;`) and values under empty header cells (a header cell
   * merged over several columns) are allowed. Logs and returns false otherwise.
   */
  checkShape(cells: readonly string[], line: number): boolean {
    let length = cells.length;
    while (length > this.named && cells[length - 1].trim() === '') length--;
    if (length >= this.named && length <= this.width) return true;
    if (length > this.width) {
      this.log.error(line, this.width + 1, 'ragged-row', `row has ${length} fields, the header has ${this.width} (value ${quote(cells[this.width])} has no column)`);
    } else {
      this.log.error(line, length + 1, 'ragged-row', `row has ${length} field${length === 1 ? '' : 's'}, the header has ${this.named}`);
    }
    return false;
  }

  /**
   * With the source's `skip_rows_without_id`, a row whose key cells are all
   * empty (a section heading in a publication table) is to be skipped.
   */
  skipsRow(cells: readonly string[], keys: readonly string[]): boolean {
    return this.source.skipRowsWithoutId && keys.every((field) => (this.text(cells, field) ?? '') === '');
  }

  /** Trimmed text of a field, the constant when one is set, undefined when the field is absent. */
  text(cells: readonly string[], field: string): string | undefined {
    const constant = this.source.values[field];
    if (constant !== undefined) return constant;
    const resolved = this.columns.get(field);
    if (!resolved) return undefined;
    return (cells[resolved.columns[0]] ?? '').trim();
  }

  /** Non-empty text of a required field; logs an error when empty. */
  required(cells: readonly string[], line: number, field: string): string | undefined {
    const value = this.text(cells, field);
    if (value === undefined) return undefined;
    if (value === '') {
      this.log.error(line, this.columnOf(field), 'empty-cell', `${field} is empty`);
      return undefined;
    }
    return value;
  }

  /**
   * A checked number. Undefined when the field is absent or the cell empty
   * and `optional`; NaN after logging an error.
   */
  number(cells: readonly string[], line: number, field: string, rule: NumberRule, optional = false): number | undefined {
    const resolved = this.columns.get(field);
    if (!resolved) {
      const constant = this.source.values[field];
      if (constant === undefined) return undefined;
      return this.checkedNumber(constant, line, 0, field, rule);
    }
    if (resolved.columns.length === 1 && resolved.weights[0] === 1) {
      const cell = cells[resolved.columns[0]] ?? '';
      if (optional && cell.trim() === '') return undefined;
      return this.checkedNumber(cell, line, resolved.columns[0] + 1, field, rule);
    }
    return this.weightedSum(cells, line, field, resolved, rule);
  }

  /** A weighted sum of columns: each cell must be a number, and the total must meet the rule. */
  private weightedSum(cells: readonly string[], line: number, field: string, resolved: ResolvedField, rule: NumberRule): number {
    let total = 0;
    for (let k = 0; k < resolved.columns.length; k++) {
      const value = this.checkedNumber(cells[resolved.columns[k]] ?? '', line, resolved.columns[k] + 1, field, {});
      if (Number.isNaN(value)) return NaN;
      total += value * resolved.weights[k];
    }
    return this.checkedValue(total, () => `${total} (the weighted sum of columns ${resolved.columns.map((column) => column + 1).join(', ')})`, line, resolved.columns[0] + 1, field, rule);
  }

  private checkedNumber(cell: string, line: number, column: number, field: string, rule: NumberRule): number {
    const parsed = parseNumber(cell, this.decimalComma);
    if (!parsed.ok) {
      this.log.error(line, column, parsed.reason.startsWith('empty') ? 'empty-cell' : 'not-a-number', `${field}: ${parsed.reason}`);
      return NaN;
    }
    return this.checkedValue(parsed.value, () => quote(cell.trim()), line, column, field, rule);
  }

  /** `shown` gives the value as the message quotes it: made only for a message (a national file has millions of valid cells). */
  private checkedValue(value: number, shown: () => string, line: number, column: number, field: string, rule: NumberRule): number {
    if (!Number.isFinite(value) || Math.abs(value) > MAX_PLAUSIBLE) {
      this.log.error(line, column, 'out-of-range', `${field} ${shown()} is implausibly large (servflow accepts values up to 10^12)`);
      return NaN;
    }
    if (rule.integer && !Number.isInteger(value)) {
      this.log.error(line, column, 'not-an-integer', `${field} must be a whole number, got ${shown()}`);
      return NaN;
    }
    if (rule.min !== undefined && (rule.exclusive ? value <= rule.min : value < rule.min)) {
      const what = rule.min === 0 ? (rule.exclusive ? 'must be greater than 0' : 'must not be negative') : `must be ${rule.exclusive ? 'greater than' : 'at least'} ${rule.min}`;
      this.log.error(line, column, value < 0 ? 'negative' : 'out-of-range', `${field} ${what}, got ${shown()}`);
      return NaN;
    }
    if (rule.max !== undefined && value > rule.max) {
      this.log.error(line, column, 'out-of-range', `${field} must be at most ${rule.max}, got ${shown()}`);
      return NaN;
    }
    return value;
  }
}

const TRUE = new Set(['true', 'yes', 'y', '1', 'tak', 't', 'prawda']);
const FALSE = new Set(['false', 'no', 'n', '0', 'nie', 'f', 'falsz', 'fałsz']);

/** `true`/`false` (also yes/no, 1/0, tak/nie); `fallback` when empty; undefined when not a boolean. */
export function parseBoolean(cell: string | undefined, fallback: boolean): boolean | undefined {
  const text = (cell ?? '').trim().toLowerCase();
  if (text === '') return fallback;
  if (TRUE.has(text)) return true;
  if (FALSE.has(text)) return false;
  return undefined;
}
