/**
 * report.xlsx (CLI.md "Report set"): one sheet per table, numbers as numeric
 * cells with a number format by column kind, booleans as boolean cells, null
 * as an empty cell, the header row bold and frozen, column widths from the
 * content. Table notes go to a final "Notes"/"Uwagi" sheet so that every
 * table sheet stays a plain rectangle a pipeline can read as it is.
 *
 * Safe: text cells are neutralised like the CSV (a leading `=`, `+`, `-`,
 * `@`, tab or CR gets a `'` prefix) and are always written as string cells;
 * exceljs only writes a formula for a `{ formula }` object, never for a string.
 *
 * Deterministic: exceljs stamps docProps/core.xml with the clock and JSZip
 * stamps every zip entry with `new Date()`, so the workbook dates are fixed
 * and the parts exceljs wrote are packed again by zip.ts with one fixed entry
 * date (stored as UTC, so the bytes do not depend on the time zone either).
 *
 * Fast enough for a national report (150,000 cells): every cell of a column
 * shares one style object, which exceljs recognises by identity instead of
 * serialising each cell's style to find its id; exceljs writes its zip
 * uncompressed and node:zlib deflates the parts, several times faster than
 * JSZip's JavaScript deflate.
 */
import { MESSAGES } from './i18n/index.js';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { neutralise } from './csv.js';
import type { CellValue, Column, ColumnKind, Lang, TableModel } from './document.js';
import { humanNumber, JSON_DECIMALS, round } from './format.js';
import { zipArchive } from './zip.js';

export interface XlsxOptions {
  /** Workbook title (docProps/core.xml). */
  readonly title: string;
  readonly lang: Lang;
}

/** The one date written into the workbook and its zip entries. */
const FIXED_TIME = Date.UTC(2000, 0, 1);
const AUTHOR = 'servflow';

/** Excel number format per column kind; the raw value stays in the cell (a percent is a share: 0.85 shows 85.0%). */
export const NUMBER_FORMATS: Readonly<Record<ColumnKind, string | undefined>> = {
  text: '@',
  integer: '#,##0',
  number: '#,##0.00',
  decimal: '#,##0.00',
  percent: '0.0%',
  money: '#,##0" PLN"',
  km: '0.0',
  share: '0.000',
  boolean: undefined,
};

/** The only wording of this renderer: names in the notes sheet. */
const NOTES_WORDS = { en: MESSAGES.en.xlsx, pl: MESSAGES.pl.xlsx };

const SHEET_NAME_LENGTH = 31;
const MIN_WIDTH = 6;
const MAX_WIDTH = 60;

/**
 * The workbook as bytes. Async because exceljs writes asynchronously.
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
  const workbook = new ExcelJS.Workbook();
  workbook.creator = AUTHOR;
  workbook.lastModifiedBy = AUTHOR;
  workbook.created = new Date(FIXED_TIME);
  workbook.modified = new Date(FIXED_TIME);
  workbook.title = options.title;
  // dc:language: exceljs writes it, its types do not declare it.
  (workbook as ExcelJS.Workbook & { language?: string }).language = options.lang;

  const taken = new Set<string>(['history']);
  const names = tables.map((table, index) => uniqueSheetName(table.title, [table.id, `${words.table} ${index + 1}`], taken));
  tables.forEach((table, index) => addTableSheet(workbook, names[index], table.columns, table.rows));

  const notes = tables.flatMap((table, index) => (table.notes ?? []).map((note): CellValue[] => [names[index], note]));
  if (notes.length > 0) {
    const columns: Column[] = [
      { key: 'sheet', label: words.sheetColumn, kind: 'text' },
      { key: 'note', label: words.noteColumn, kind: 'text' },
    ];
    addTableSheet(workbook, uniqueSheetName(words.sheet, [], taken), columns, notes);
  }

  // writeBuffer hands its options to JSZip's generateAsync; its types do not say so.
  const written = await workbook.xlsx.writeBuffer({ zip: { compression: 'STORE' } } as ExcelJS.XlsxWriteOptions);
  return repack(new Uint8Array(written as ArrayBuffer));
}

function addTableSheet(workbook: ExcelJS.Workbook, name: string, columns: readonly Column[], rows: readonly (readonly CellValue[])[]): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column, index) => {
    const format = NUMBER_FORMATS[column.kind];
    return {
      key: column.key,
      width: columnWidth(column, rows, index),
      ...(format === undefined ? {} : { style: { numFmt: format } }),
    };
  });
  // One style object per column (and one per header cell): exceljs finds the style id of an object it has seen by identity.
  const styles = columns.map((column): Partial<ExcelJS.Style> => {
    const format = NUMBER_FORMATS[column.kind];
    return format === undefined ? {} : { numFmt: format };
  });
  const header = sheet.getRow(1);
  columns.forEach((column, index) => {
    const cell = header.getCell(index + 1);
    cell.value = neutralise(column.label);
    cell.style = { ...styles[index], font: { bold: true } };
  });
  rows.forEach((row, rowIndex) => {
    const line = sheet.getRow(rowIndex + 2);
    row.forEach((value, index) => {
      const cellValue = xlsxValue(value);
      if (cellValue === null) return;
      const cell = line.getCell(index + 1);
      cell.value = cellValue;
      cell.style = styles[index];
    });
  });
}

/** The value as written: rounded finite numbers, neutralised text; infinities as text (a cell cannot hold them). */
export function xlsxValue(value: CellValue): string | number | boolean | null {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return null;
    if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
    return round(value, JSON_DECIMALS);
  }
  return neutralise(value);
}

/** Width in characters: the longest header or shown value plus a margin, within bounds. */
function columnWidth(column: Column, rows: readonly (readonly CellValue[])[], index: number): number {
  let longest = textLength(column.label) + 1; // bold header
  for (const row of rows) longest = Math.max(longest, textLength(shown(row[index], column.kind)));
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, longest + 2));
}

/** Roughly what a spreadsheet shows for a value with the column's number format. */
function shown(value: CellValue, kind: ColumnKind): string {
  const written = xlsxValue(value);
  if (written === null) return '';
  if (typeof written === 'boolean') return 'FALSE_'; // TRUE/FALSE, PRAWDA/FAŁSZ: six characters at most
  if (typeof written === 'string') return written;
  switch (kind) {
    case 'integer':
      return humanNumber(written, 0);
    case 'number':
    case 'decimal':
      return humanNumber(written, 2);
    case 'percent':
      return `${humanNumber(written * 100, 1)}%`;
    case 'money':
      return `${humanNumber(written, 0)} PLN`;
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

/**
 * A valid sheet name (at most 31 characters, none of `[]:*?/\`, no
 * apostrophe at either end), unique ignoring case; the first usable of
 * `title`, then `fallbacks`, and ` (2)`, ` (3)`, … when taken. Adds it to `taken`.
 */
export function uniqueSheetName(title: string, fallbacks: readonly string[], taken: Set<string>): string {
  const base = [title, ...fallbacks].map(cleanSheetName).find((name) => name !== '') ?? 'Sheet';
  for (let count = 1; ; count += 1) {
    const suffix = count === 1 ? '' : ` (${count})`;
    const name = cleanSheetName(cut(base, SHEET_NAME_LENGTH - suffix.length)) + suffix;
    if (!taken.has(name.toLowerCase())) {
      taken.add(name.toLowerCase());
      return name;
    }
  }
}

function cleanSheetName(text: string): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = text.replace(/[[\]:*?/\\\u0000-\u001f\u007f]/g, '');
  return cut(cleaned, SHEET_NAME_LENGTH).replace(/^[\s']+|[\s']+$/g, '');
}

/** At most `length` UTF-16 units, never splitting a character. */
function cut(text: string, length: number): string {
  let result = '';
  for (const character of text) {
    if (result.length + character.length > length) break;
    result += character;
  }
  return result;
}

/** The parts of exceljs's (uncompressed) zip, in its order, deflated into a zip with one fixed date. */
async function repack(bytes: Uint8Array): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const entries = await Promise.all(Object.values(zip.files).filter((entry) => !entry.dir).map(async (entry) => ({ name: entry.name, data: await entry.async('uint8array') })));
  return zipArchive(entries);
}
