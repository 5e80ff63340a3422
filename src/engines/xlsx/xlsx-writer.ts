/**
 * A small SpreadsheetML (.xlsx, ECMA-376 / ISO 29500 transitional) writer:
 * the subset our reports need and nothing more. Sheets of a bold, frozen
 * header row and rows of numbers, text and booleans; a width and a number
 * format per column; shared strings; title, language and author in
 * docProps/core.xml. No formulas, dates, merged cells or themes. Ours
 * rather than exceljs's because exceljs builds an object per cell and takes
 * 0.25–0.4 s just to load, while this subset is small and tested against
 * exceljs as a reader.
 *
 * Deterministic: nothing reads the clock; the one date written (created and
 * modified) is fixed, parts are numbered in order, styles and strings in
 * order of first use, and zip.ts packs the parts with one fixed date. The
 * same workbook always gives the same bytes.
 *
 * xlsx-writer.test.ts reads workbooks back with exceljs, an independent
 * reader; report-xlsx.ts maps the report's tables onto this writer.
 */
import { SharedStrings } from './xlsx-shared-strings.js';
import { worksheetXml } from './xlsx-sheet.js';
import { isSheetName } from './xlsx-sheet-name.js';
import { type CellStyle, styleSheet } from './xlsx-styles.js';
import { xmlText } from './xlsx-xml.js';
import { type ZipEntry, zipArchive } from './zip.js';

/** A cell: a finite number, text, a boolean, or null for no cell. */
export type XlsxCell = string | number | boolean | null;

export interface XlsxColumn {
  /** Header text (row 1). */
  readonly header: string;
  /** Width in characters of the default font. */
  readonly width: number;
  /** Excel number format code for the column's cells (e.g. `#,##0`, `@`); none is General. */
  readonly numberFormat?: string;
}

export interface XlsxSheet {
  /** A valid sheet name (xlsx-sheet-name.ts), unique in the workbook ignoring case. */
  readonly name: string;
  readonly columns: readonly XlsxColumn[];
  /** At most one cell per column; a shorter row leaves the rest empty. */
  readonly rows: readonly (readonly XlsxCell[])[];
}

export interface XlsxWorkbook {
  readonly title: string;
  /** Language tag of the content, e.g. `pl`. */
  readonly language: string;
  /** Written as author, last editor and application. */
  readonly creator: string;
  readonly sheets: readonly XlsxSheet[];
}

/** Excel's limits: rows and columns of a sheet. */
const MAX_ROWS = 1048576;
const MAX_COLUMNS = 16384;

/** The one date in every workbook (docProps/core.xml). */
const FIXED_DATE = '2000-01-01T00:00:00Z';

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const PACKAGE_RELATIONSHIPS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const RELATIONSHIP = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument';

/**
 * The workbook as .xlsx bytes.
 *
 * @throws when there is no sheet, a sheet name is invalid or taken, a sheet
 * has no columns or too many rows or columns, a row has more cells than
 * columns, a width is not a positive number, or a number cell is not finite
 */
export function xlsxWorkbook(workbook: XlsxWorkbook): Uint8Array {
  checkSheets(workbook.sheets);
  const columns = workbook.sheets.flatMap((sheet) => sheet.columns);
  const styles = styleSheet(columns.flatMap((column) => [columnStyle(column, false), columnStyle(column, true)]));
  const strings = new SharedStrings();
  const sheets = workbook.sheets.map((sheet) => {
    const header = sheet.columns.map((column) => styles.id(columnStyle(column, true)));
    const body = sheet.columns.map((column) => styles.id(columnStyle(column, false)));
    return worksheetXml(sheet, { header, body }, strings);
  });
  const entries: ZipEntry[] = [
    text('[Content_Types].xml', contentTypes(sheets.length)),
    text('_rels/.rels', packageRelationships()),
    text('docProps/core.xml', coreProperties(workbook)),
    text('docProps/app.xml', appProperties(workbook.creator)),
    text('xl/workbook.xml', workbookXml(workbook.sheets)),
    text('xl/_rels/workbook.xml.rels', workbookRelationships(sheets.length)),
    text('xl/styles.xml', styles.xml),
    { name: 'xl/sharedStrings.xml', data: strings.toBytes() },
    ...sheets.map((data, index) => ({ name: `xl/worksheets/sheet${index + 1}.xml`, data })),
  ];
  return zipArchive(entries);
}

function checkSheets(sheets: readonly XlsxSheet[]): void {
  // Excel opens no workbook without a sheet.
  if (sheets.length === 0) throw new Error('xlsxWorkbook: no sheets');
  const names = new Set<string>();
  for (const sheet of sheets) {
    const where = `xlsxWorkbook: sheet ${JSON.stringify(sheet.name)}`;
    if (!isSheetName(sheet.name)) throw new Error(`${where}: not a valid sheet name`);
    if (names.has(sheet.name.toLowerCase())) throw new Error(`${where}: name already taken`);
    names.add(sheet.name.toLowerCase());
    if (sheet.columns.length === 0 || sheet.columns.length > MAX_COLUMNS) throw new Error(`${where}: ${sheet.columns.length} columns`);
    if (sheet.rows.length + 1 > MAX_ROWS) throw new Error(`${where}: ${sheet.rows.length} rows and a header are more than ${MAX_ROWS}`);
    for (const column of sheet.columns) {
      if (!(column.width > 0 && Number.isFinite(column.width))) throw new Error(`${where}: column ${JSON.stringify(column.header)} has width ${column.width}`);
    }
    sheet.rows.forEach((row, index) => {
      if (row.length > sheet.columns.length) throw new Error(`${where}: row ${index + 2} has ${row.length} cells for ${sheet.columns.length} columns`);
    });
  }
}

/** Header and body cells of a column share its number format; the header is bold. */
function columnStyle(column: XlsxColumn, bold: boolean): CellStyle {
  return { numberFormat: column.numberFormat, bold };
}

function text(name: string, xml: string): ZipEntry {
  return { name, data: Buffer.from(xml, 'utf8') };
}

function contentTypes(sheetCount: number): string {
  const override = (part: string, type: string): string => `<Override PartName="${part}" ContentType="${type}"/>`;
  return (
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    override('/xl/workbook.xml', `${CONTENT_TYPE}.spreadsheetml.sheet.main+xml`) +
    sheetNumbers(sheetCount)
      .map((number) => override(`/xl/worksheets/sheet${number}.xml`, `${CONTENT_TYPE}.spreadsheetml.worksheet+xml`))
      .join('') +
    override('/xl/styles.xml', `${CONTENT_TYPE}.spreadsheetml.styles+xml`) +
    override('/xl/sharedStrings.xml', `${CONTENT_TYPE}.spreadsheetml.sharedStrings+xml`) +
    override('/docProps/core.xml', 'application/vnd.openxmlformats-package.core-properties+xml') +
    override('/docProps/app.xml', `${CONTENT_TYPE}.extended-properties+xml`) +
    '</Types>'
  );
}

function packageRelationships(): string {
  return (
    `${XML_HEAD}<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">` +
    `<Relationship Id="rId1" Type="${RELATIONSHIP}/officeDocument" Target="xl/workbook.xml"/>` +
    `<Relationship Id="rId2" Type="${PACKAGE_RELATIONSHIPS}/metadata/core-properties" Target="docProps/core.xml"/>` +
    `<Relationship Id="rId3" Type="${RELATIONSHIP}/extended-properties" Target="docProps/app.xml"/>` +
    '</Relationships>'
  );
}

function coreProperties(workbook: XlsxWorkbook): string {
  const creator = xmlText(workbook.creator);
  return (
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    `<dc:title>${xmlText(workbook.title)}</dc:title><dc:creator>${creator}</dc:creator><cp:lastModifiedBy>${creator}</cp:lastModifiedBy><dc:language>${xmlText(workbook.language)}</dc:language>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${FIXED_DATE}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${FIXED_DATE}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

function appProperties(creator: string): string {
  return `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>${xmlText(creator)}</Application></Properties>`;
}

/** Sheet N is part sheetN.xml, relationship rIdN and sheetId N; styles and strings come after the sheets. */
function workbookXml(sheets: readonly XlsxSheet[]): string {
  const entries = sheets.map((sheet, index) => `<sheet name="${xmlText(sheet.name)}" sheetId="${index + 1}" r:id="rId${index + 1}"/>`);
  return `${XML_HEAD}<workbook xmlns="${MAIN}" xmlns:r="${RELATIONSHIP}"><sheets>${entries.join('')}</sheets></workbook>`;
}

function workbookRelationships(sheetCount: number): string {
  const relationship = (id: number, type: string, target: string): string => `<Relationship Id="rId${id}" Type="${RELATIONSHIP}/${type}" Target="${target}"/>`;
  return (
    `${XML_HEAD}<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">` +
    sheetNumbers(sheetCount)
      .map((number) => relationship(number, 'worksheet', `worksheets/sheet${number}.xml`))
      .join('') +
    relationship(sheetCount + 1, 'styles', 'styles.xml') +
    relationship(sheetCount + 2, 'sharedStrings', 'sharedStrings.xml') +
    '</Relationships>'
  );
}

function sheetNumbers(count: number): number[] {
  return Array.from({ length: count }, (_, index) => index + 1);
}
