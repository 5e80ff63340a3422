/**
 * report.xlsx (CLI.md "Report set"): one sheet per table (named from the
 * table's short sheet title, cut at a word boundary), numbers as numeric
 * cells with a number format by column kind (counts and money stored whole,
 * as shown; money in the report's currency word unless the header names it),
 * booleans as the report language's yes/no words, null as an empty cell, the header row bold and frozen, column widths from the
 * content. Table notes go to a final "Notes"/"Uwagi" sheet so that every
 * table sheet stays a plain rectangle a pipeline can read as it is.
 *
 * Safe: text cells are neutralised like the CSV (a leading `=`, `+`, `-`,
 * `@`, tab or CR gets a `'` prefix), and the writer (xlsx-writer.ts) writes
 * every text as a string cell and never a formula.
 *
 * This file only maps report tables onto sheets; xlsx-writer.ts writes the
 * workbook, deterministically (no clock, one fixed date).
 */
import { MESSAGES } from '../i18n/index.js';
import { neutralise } from '../csv.js';
import type { CellValue, Column, ColumnKind, Lang, TableModel } from '../document.js';
import { humanNumber, JSON_DECIMALS, round } from '../../engines/number-format.js';
import { uniqueSheetName } from '../../engines/xlsx/xlsx-sheet-name.js';
import { type XlsxCell, type XlsxSheet, xlsxWorkbook } from '../../engines/xlsx/xlsx-writer.js';

export interface XlsxOptions {
  /** Workbook title (docProps/core.xml). */
  readonly title: string;
  readonly lang: Lang;
}

/** Money in the report's language; a column whose header already names the currency shows the bare number. */
const CURRENCY: Readonly<Record<Lang, { readonly format: string; readonly header: RegExp; readonly text: string }>> = {
  en: { format: '#,##0" PLN"', header: /\(PLN\)\s*$/, text: ' PLN' },
  pl: { format: '#,##0" zł"', header: /\(zł\)\s*$/, text: ' zł' },
};

/** Kinds that are counts (persons, places) or money: stored as the whole number the sheet shows. */
const WHOLE: ReadonlySet<ColumnKind> = new Set(['integer', 'number', 'money']);

const AUTHOR = 'servflow';

/** Excel number format per column kind; the raw value stays in the cell (a percent is a share: 0.85 shows 85.0%). */
export const NUMBER_FORMATS: Readonly<Record<ColumnKind, string | undefined>> = {
  text: '@',
  integer: '#,##0',
  number: '#,##0',
  decimal: '#,##0.00',
  percent: '0.0%',
  money: '#,##0" PLN"',
  km: '0.0',
  share: '0.000',
  boolean: undefined,
};

/** The only wording of this renderer: names in the notes sheet. */
const NOTES_WORDS = { en: MESSAGES.en.xlsx, pl: MESSAGES.pl.xlsx };

const MIN_WIDTH = 6;
const MAX_WIDTH = 60;

/**
 * The workbook as bytes. Async because callers await it (the exceljs writer
 * was asynchronous); the writer itself is synchronous.
 *
 * @throws when a row has a different number of cells than its table has columns
 */
export async function xlsxReport(tables: readonly TableModel[], options: XlsxOptions): Promise<Uint8Array> {
  for (const table of tables) {
    for (const row of table.rows) {
      if (row.length !== table.columns.length) {
        throw new Error(`xlsxReport: table ${table.id} has a row of ${row.length} cells for ${table.columns.length} columns`);
      }
    }
  }
  const words = NOTES_WORDS[options.lang];
  const taken = new Set<string>();
  const names = tables.map((table, index) => uniqueSheetName(table.sheet ?? table.title, [table.id, `${words.table} ${index + 1}`], taken));
  const sheets = tables.map((table, index) => tableSheet(names[index], table.columns, table.rows, options.lang));

  const notes = tables.flatMap((table, index) => (table.notes ?? []).map((note): CellValue[] => [names[index], note]));
  if (notes.length > 0) {
    const columns: Column[] = [
      { key: 'sheet', label: words.sheetColumn, kind: 'text' },
      { key: 'note', label: words.noteColumn, kind: 'text' },
    ];
    sheets.push(tableSheet(uniqueSheetName(words.sheet, [], taken), columns, notes, options.lang));
  }
  return xlsxWorkbook({ title: options.title, language: options.lang, creator: AUTHOR, sheets });
}

function tableSheet(name: string, columns: readonly Column[], rows: readonly (readonly CellValue[])[], lang: Lang): XlsxSheet {
  const yesNo = { yes: MESSAGES[lang].yes, no: MESSAGES[lang].no };
  const cells = rows.map((row) => row.map((value, k) => xlsxValue(value, columns[k]?.kind, yesNo)));
  const currency = CURRENCY[lang];
  return {
    name,
    columns: columns.map((column, index) => ({
      header: neutralise(column.label),
      width: columnWidth(column, cells, index, currency.text),
      numberFormat: column.kind === 'money' ? (currency.header.test(column.label) ? NUMBER_FORMATS.integer : currency.format) : NUMBER_FORMATS[column.kind],
    })),
    rows: cells,
  };
}

/**
 * The value as written: finite numbers rounded (counts and money to the
 * whole number shown, others to JSON_DECIMALS), booleans as the report
 * language's words when `words` are given, neutralised text; infinities as
 * text (a cell cannot hold them).
 */
export function xlsxValue(value: CellValue, kind?: ColumnKind, words?: { readonly yes: string; readonly no: string }): XlsxCell {
  if (value === null) return value;
  if (typeof value === 'boolean') return words ? (value ? words.yes : words.no) : value;
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return null;
    if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
    return round(value, kind !== undefined && WHOLE.has(kind) ? 0 : JSON_DECIMALS);
  }
  return neutralise(value);
}

/** Width in characters: the longest header or shown value plus a margin, within bounds. */
function columnWidth(column: Column, rows: readonly (readonly XlsxCell[])[], index: number, currency = ' PLN'): number {
  const longest = Math.max(
    textLength(column.label) + 1,
    longestShown(
      rows.map((row) => row[index]),
      column.kind,
      currency,
    ),
  ); // +1: bold header
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, longest + 2));
}

/**
 * Kinds shown with a fixed number of decimals. Of two such numbers of one
 * sign, the larger in size never shows shorter (below 1e15, where toFixed
 * turns to exponents far above), so a column's longest number is its
 * largest or its smallest: a national column needs two numbers formatted,
 * not thousands.
 */
const FIXED_DECIMALS: ReadonlySet<ColumnKind> = new Set(['integer', 'number', 'decimal', 'percent', 'money', 'km', 'share']);
const MONOTONE_BELOW = 1e15;

/** Characters of the longest shown value of a column. */
export function longestShown(values: readonly XlsxCell[], kind: ColumnKind, currency = ' PLN'): number {
  const fixed = FIXED_DECIMALS.has(kind);
  let longest = 0;
  let largest = Number.NEGATIVE_INFINITY;
  let smallest = Number.POSITIVE_INFINITY;
  for (const value of values) {
    if (fixed && typeof value === 'number' && value < MONOTONE_BELOW && value > -MONOTONE_BELOW) {
      if (value > largest) largest = value;
      if (value < smallest) smallest = value;
    } else {
      longest = Math.max(longest, textLength(shown(value, kind, currency)));
    }
  }
  for (const value of [largest, smallest]) if (Number.isFinite(value)) longest = Math.max(longest, textLength(shown(value, kind, currency)));
  return longest;
}

/** Roughly what a spreadsheet shows for a written value with the column's number format. */
function shown(written: XlsxCell, kind: ColumnKind, currency: string): string {
  if (written === null) return '';
  if (typeof written === 'boolean') return 'FALSE_'; // TRUE/FALSE, PRAWDA/FAŁSZ: six characters at most
  if (typeof written === 'string') return written;
  switch (kind) {
    case 'integer':
    case 'number':
      return humanNumber(written, 0);
    case 'decimal':
      return humanNumber(written, 2);
    case 'percent':
      return `${humanNumber(written * 100, 1)}%`;
    case 'money':
      return `${humanNumber(written, 0)}${currency}`;
    case 'km':
      return written.toFixed(1);
    case 'share':
      return written.toFixed(3);
    default:
      return String(written);
  }
}

/** Characters (code points) of the longest line. */
function textLength(text: string): number {
  // Most cells are one line without surrogate pairs: their length is the answer.
  for (let k = 0; k < text.length; k++) {
    const code = text.charCodeAt(k);
    if (code === 10 || (code >= 0xd800 && code <= 0xdfff)) return Math.max(0, ...text.split('\n').map((line) => [...line].length));
  }
  return text.length;
}
