/**
 * xl/worksheets/sheetN.xml (ECMA-376 Part 1, §18.3): a header row, frozen
 * and bold, then the rows. A number is a numeric cell (`<v>` with its
 * shortest round-trip text), a boolean a boolean cell, text a shared-string
 * cell, null no cell at all. Nothing here ever writes a formula (`<f>`):
 * a text starting with `=` is a string like any other.
 *
 * A national sheet has tens of thousands of cells, so it is written straight
 * into UTF-8 bytes, and the attribute text of each column is built once.
 */
import type { SharedStrings } from './xlsx-shared-strings.js';
import { Utf8Writer } from '../utf8-writer.js';
import type { XlsxSheet } from './xlsx-writer.js';

/** Cell format indices of a sheet's columns (styles.xml). */
export interface SheetStyles {
  readonly header: readonly number[];
  readonly body: readonly number[];
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
/** Row 1 frozen: the pane below it scrolls, the header stays. */
const FROZEN_HEADER =
  '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>';
/** Excel's defaults, written out because Excel writes them (readers that need them find them). */
const FORMAT = '<sheetFormatPr defaultRowHeight="15"/>';
const MARGINS = '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>';

/** The column's letters: 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let name = '';
  for (let rest = index + 1; rest > 0; rest = Math.floor((rest - 1) / 26)) name = String.fromCharCode(65 + ((rest - 1) % 26)) + name;
  return name;
}

/**
 * The worksheet part of `sheet`; its texts are added to `strings`.
 *
 * @throws when a cell holds a number that is not finite (no cell can hold it)
 */
export function worksheetXml(sheet: XlsxSheet, styles: SheetStyles, strings: SharedStrings): Uint8Array {
  const { columns, rows } = sheet;
  const letters = columns.map((_, index) => columnName(index));
  const xml = new Utf8Writer(4096 + 32 * columns.length * (rows.length + 1));
  xml.add(`${XML_HEAD}<worksheet xmlns="${MAIN}">`);
  xml.add(`<dimension ref="${columns.length === 0 ? 'A1' : `A1:${letters[letters.length - 1]}${rows.length + 1}`}"/>`);
  xml.add(FROZEN_HEADER);
  xml.add(FORMAT);
  if (columns.length > 0) {
    xml.add('<cols>');
    columns.forEach((column, index) => {
      const style = styles.body[index] === 0 ? '' : ` style="${styles.body[index]}"`;
      xml.add(`<col min="${index + 1}" max="${index + 1}" width="${column.width}"${style} customWidth="1"/>`);
    });
    xml.add('</cols>');
  }
  xml.add('<sheetData><row r="1">');
  columns.forEach((column, index) => xml.add(`<c r="${letters[index]}1"${styleAttribute(styles.header[index])} t="s"><v>${strings.index(column.header)}</v></c>`));
  xml.add('</row>');
  writeRows(xml, sheet, letters, styles.body, strings);
  xml.add(`</sheetData>${MARGINS}</worksheet>`);
  return xml.toBytes();
}

function writeRows(xml: Utf8Writer, sheet: XlsxSheet, letters: readonly string[], styles: readonly number[], strings: SharedStrings): void {
  // What follows the row number in each column's cells, by cell type.
  const cellStart = letters.map((letter) => `<c r="${letter}`);
  const numberCell = styles.map((style) => `"${styleAttribute(style)}><v>`);
  const stringCell = styles.map((style) => `"${styleAttribute(style)} t="s"><v>`);
  const booleanCell = styles.map((style) => `"${styleAttribute(style)} t="b"><v>`);
  sheet.rows.forEach((row, rowIndex) => {
    const rowNumber = String(rowIndex + 2);
    xml.add('<row r="');
    xml.add(rowNumber);
    xml.add('">');
    for (let index = 0; index < row.length; index++) {
      const value = row[index];
      if (value === null) continue;
      xml.add(cellStart[index]);
      xml.add(rowNumber);
      if (typeof value === 'number') {
        if (!Number.isFinite(value)) throw new Error(`worksheetXml: sheet ${sheet.name}, cell ${letters[index]}${rowNumber}: ${value} is not a finite number`);
        xml.add(numberCell[index]);
        // Whole numbers (most counts) digit by digit: the same text as String, without the conversion.
        if (Number.isSafeInteger(value)) xml.addPlainNumber(value, 0);
        else xml.add(String(value));
      } else if (typeof value === 'boolean') {
        xml.add(booleanCell[index]);
        xml.add(value ? '1' : '0');
      } else {
        xml.add(stringCell[index]);
        xml.add(String(strings.index(value)));
      }
      xml.add('</v></c>');
    }
    xml.add('</row>');
  });
}

function styleAttribute(style: number): string {
  return style === 0 ? '' : ` s="${style}"`;
}
