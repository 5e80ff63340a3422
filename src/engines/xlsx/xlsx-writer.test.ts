/**
 * xlsxWorkbook, read back by an independent reader (exceljs, a development
 * dependency only): every cell's value and type, no formula anywhere, bold
 * frozen header, widths, number formats, sheet names and order, document
 * properties; hostile and odd text comes back as it was; every part is
 * well-formed XML; the same workbook gives the same bytes; bad input throws.
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { columnName } from './xlsx-sheet.js';
import { MAX_CELL_TEXT } from './xlsx-shared-strings.js';
import { styleSheet } from './xlsx-styles.js';
import { type XlsxSheet, type XlsxWorkbook, xlsxWorkbook } from './xlsx-writer.js';

const HOSTILE = [
  '=HYPERLINK("http://x","y")',
  '+48 123',
  '-5 km',
  '@SUM(A1)',
  '\tx',
  '\rx',
  '<img src=x onerror=alert(1)>',
  'a]]>b</t></si><f>1+1</f>',
  'A & "B" \'C\'',
  'bell\u0007, nul\u0000, esc\u001b, del\u007f',
  'line\nbreak and cr\r\nlf',
  '  spaces at both ends  ',
  '_x0041_ stays _x005F_ literal',
  'Wąpielsk, Żółć 😀',
  '',
];

const SHEETS: readonly XlsxSheet[] = [
  {
    name: 'Imbalance & <flows>',
    columns: [
      { header: 'Municipality', width: 30, numberFormat: '@' },
      { header: 'Supply', width: 10, numberFormat: '#,##0' },
      { header: 'Coverage', width: 9.5, numberFormat: '0.0%' },
      { header: 'Cost', width: 14, numberFormat: '#,##0" PLN"' },
      { header: 'In core', width: 8 },
    ],
    rows: [
      ['Brzozie', 1234, 0.85, 1500000, true],
      ['=1+1', -0.000001, 1e-7, 123456789.123, false],
      ['Bobrowo', null, 0, -12.5],
      [null, 2 ** 53 + 2, 1e21, 0.1 + 0.2, null],
    ],
  },
  {
    name: "Names 'quoted' here",
    columns: [{ header: '@header', width: 12 }],
    rows: HOSTILE.map((text) => [text]),
  },
];

const WORKBOOK: XlsxWorkbook = { title: 'Raport <2022> & "x"', language: 'pl', creator: 'servflow', sheets: SHEETS };

async function readBack(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return workbook;
}

async function parts(bytes: Uint8Array): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const texts = new Map<string, string>();
  for (const name of Object.keys(zip.files)) texts.set(name, await zip.file(name)!.async('string'));
  return texts;
}

/**
 * Well-formed for the XML we write (no comments, CDATA, DTD or processing
 * instructions but the declaration): tags nest, attributes are quoted, `&`
 * only starts an entity, no raw `<` or `>` in text, only characters XML
 * 1.0 allows. exceljs checks the parts it reads; this checks all of them.
 */
function wellFormed(xml: string): boolean {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(xml)) return false;
  const body = xml.replace(/^<\?xml version="1\.0" encoding="UTF-8" standalone="yes"\?>\n/, '');
  const open: string[] = [];
  let roots = 0;
  for (const token of body.split(/(<[^<>]*>)/)) {
    if (!token.startsWith('<')) {
      if (/[<>]|&(?!(?:amp|lt|gt|quot|apos|#\d+);)/.test(token) || (open.length === 0 && token !== '')) return false;
      continue;
    }
    const tag = /^<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[A-Za-z_][\w:.-]*="[^"<]*")*)\s*(\/?)>$/.exec(token);
    if (!tag || (tag[1] && (tag[3] || tag[4]))) return false;
    if (/&(?!(?:amp|lt|gt|quot|apos|#\d+);)/.test(tag[3])) return false;
    if (tag[1]) {
      if (open.pop() !== tag[2]) return false;
    } else {
      if (open.length === 0) roots++;
      if (!tag[4]) open.push(tag[2]);
    }
  }
  return open.length === 0 && roots === 1;
}

describe('xlsxWorkbook', () => {
  it('writes the parts of a package, every one well-formed, and never a formula', async () => {
    const texts = await parts(xlsxWorkbook(WORKBOOK));
    expect([...texts.keys()]).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'docProps/core.xml',
      'docProps/app.xml',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/sharedStrings.xml',
      'xl/worksheets/sheet1.xml',
      'xl/worksheets/sheet2.xml',
    ]);
    for (const [name, xml] of texts) {
      expect(wellFormed(xml), name).toBe(true);
      expect(xml, name).not.toMatch(/<f[ >/]/);
    }
    expect(wellFormed('<a><b></a></b>')).toBe(false);
    expect(wellFormed('<a x="1 & 2"/>')).toBe(false);
    expect(wellFormed('<a>x</a><b/>')).toBe(false);
  });

  it('reads back with every value and type: numbers numeric, text strings (formula-like too), booleans, no cell for null', async () => {
    const workbook = await readBack(xlsxWorkbook(WORKBOOK));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Imbalance & <flows>', "Names 'quoted' here"]);
    SHEETS.forEach((expected, index) => {
      const sheet = workbook.worksheets[index];
      expect(sheet.rowCount).toBe(expected.rows.length + 1);
      expected.columns.forEach((column, k) => {
        const cell = sheet.getRow(1).getCell(k + 1);
        expect(cell.value).toBe(column.header);
        expect(cell.type).toBe(ExcelJS.ValueType.String);
      });
      expected.rows.forEach((row, r) => {
        expected.columns.forEach((_, k) => {
          const value = row[k] ?? null;
          const cell = sheet.getRow(r + 2).getCell(k + 1);
          const where = `${expected.name}!${cell.address}`;
          expect(cell.formula, where).toBeUndefined();
          if (value === null) expect(cell.type, where).toBe(ExcelJS.ValueType.Null);
          else if (typeof value === 'number') expect([cell.type, cell.value], where).toEqual([ExcelJS.ValueType.Number, value]);
          else if (typeof value === 'boolean') expect([cell.type, cell.value], where).toEqual([ExcelJS.ValueType.Boolean, value]);
          else expect([cell.type, cell.value], where).toEqual([ExcelJS.ValueType.String, value]);
        });
      });
    });
  });

  it('makes the header bold and frozen, and gives each column its width and number format', async () => {
    const sheet = (await readBack(xlsxWorkbook(WORKBOOK))).worksheets[0];
    expect(sheet.views).toEqual([expect.objectContaining({ state: 'frozen', ySplit: 1, topLeftCell: 'A2' })]);
    const formats = ['@', '#,##0', '0.0%', '#,##0" PLN"', undefined];
    const widths = [30, 10, 9.5, 14, 8];
    formats.forEach((format, k) => {
      expect(sheet.getColumn(k + 1).width).toBe(widths[k]);
      const header = sheet.getRow(1).getCell(k + 1);
      expect(header.font?.bold, header.address).toBe(true);
      expect(header.numFmt, header.address).toBe(format);
      const body = sheet.getRow(2).getCell(k + 1);
      expect(body.font?.bold, body.address).toBeFalsy();
      expect(body.numFmt, body.address).toBe(format);
    });
  });

  it('writes title, language, author and the fixed dates', async () => {
    const workbook = await readBack(xlsxWorkbook(WORKBOOK));
    expect(workbook.title).toBe('Raport <2022> & "x"');
    expect((workbook as ExcelJS.Workbook & { language?: string }).language).toBe('pl');
    expect(workbook.creator).toBe('servflow');
    expect(workbook.lastModifiedBy).toBe('servflow');
    expect(workbook.created.toISOString()).toBe('2000-01-01T00:00:00.000Z');
    expect(workbook.modified.toISOString()).toBe('2000-01-01T00:00:00.000Z');
  });

  it('gives back any text as it was (a lone surrogate as U+FFFD)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), fc.constantFrom(...HOSTILE), fc.string({ unit: fc.constantFrom('_', 'x', '0', '4', '1', 'F', '&', '\r', '\u0001', '\ud800') })),
          { minLength: 1, maxLength: 20 },
        ),
        async (texts) => {
          const sheet: XlsxSheet = { name: 'Texts', columns: [{ header: texts[0], width: 10 }], rows: texts.map((text) => [text]) };
          const read = (await readBack(xlsxWorkbook({ ...WORKBOOK, sheets: [sheet] }))).worksheets[0];
          const expected = (text: string): string => text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
          expect(read.getCell('A1').value).toBe(expected(texts[0]));
          texts.forEach((text, index) => expect(read.getCell(`A${index + 2}`).value).toBe(expected(text)));
        },
      ),
      { numRuns: 30 },
    );
  });

  it('shares each distinct text once', async () => {
    const sheet: XlsxSheet = { name: 'S', columns: [{ header: 'a', width: 5 }], rows: [['a'], ['b'], ['a'], ['b']] };
    const strings = (await parts(xlsxWorkbook({ ...WORKBOOK, sheets: [sheet] }))).get('xl/sharedStrings.xml')!;
    expect(strings).toContain('count="5" uniqueCount="2"');
  });

  it('cuts text to the 32,767 characters a cell holds', async () => {
    const long = `${'x'.repeat(MAX_CELL_TEXT - 1)}😀tail`;
    const sheet: XlsxSheet = { name: 'Long', columns: [{ header: 'h', width: 10 }], rows: [[long], ['x'.repeat(MAX_CELL_TEXT)]] };
    const read = (await readBack(xlsxWorkbook({ ...WORKBOOK, sheets: [sheet] }))).worksheets[0];
    expect(read.getCell('A2').value).toBe('x'.repeat(MAX_CELL_TEXT - 1));
    expect(read.getCell('A3').value).toBe('x'.repeat(MAX_CELL_TEXT));
  });

  it('gives the same bytes for the same workbook', () => {
    const first = Buffer.from(xlsxWorkbook(WORKBOOK));
    const copy: XlsxWorkbook = JSON.parse(JSON.stringify(WORKBOOK));
    expect(Buffer.from(xlsxWorkbook(copy)).equals(first)).toBe(true);
  });

  it('rejects what Excel would refuse or a cell cannot hold', () => {
    const sheet = SHEETS[1];
    const write = (sheets: XlsxSheet[]) => () => xlsxWorkbook({ ...WORKBOOK, sheets });
    expect(write([])).toThrow('xlsxWorkbook: no sheets');
    for (const name of ['', 'a'.repeat(32), 'a/b', 'a[1]', 'q?', "'x", 'History', 'tab\there']) {
      expect(write([{ ...sheet, name }]), name).toThrow(/xlsxWorkbook: sheet .*: not a valid sheet name/);
    }
    expect(write([sheet, { ...sheet, name: sheet.name.toUpperCase() }])).toThrow(/name already taken/);
    expect(write([{ ...sheet, columns: [] }])).toThrow(/0 columns/);
    expect(write([{ ...sheet, rows: [['a', 'b']] }])).toThrow(/row 2 has 2 cells for 1 columns/);
    expect(write([{ ...sheet, columns: [{ header: 'h', width: 0 }] }])).toThrow(/width 0/);
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(write([{ ...sheet, rows: [['ok'], [value]] }])).toThrow(/worksheetXml: sheet Names 'quoted' here, cell A3: .* is not a finite number/);
    }
  });
});

describe('columnName', () => {
  it('counts A…Z, AA…ZZ, AAA… up to Excel’s last column XFD', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702, 16383].map(columnName)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA', 'XFD']);
  });
});

describe('styleSheet', () => {
  it('uses built-in format numbers, numbers others from 164 in order, and keeps 0 for the default', () => {
    const styles = styleSheet([
      { numberFormat: '0.0%', bold: false },
      { numberFormat: '#,##0', bold: true },
      { bold: false },
      { numberFormat: '0.0%', bold: true },
      { numberFormat: '#,##0" PLN"', bold: false },
      { numberFormat: '0.0%', bold: false },
    ]);
    expect(styles.id({ bold: false })).toBe(0);
    expect(styles.id({ numberFormat: '0.0%', bold: false })).toBe(1);
    expect(styles.id({ numberFormat: '#,##0', bold: true })).toBe(2);
    expect(styles.id({ numberFormat: '0.0%', bold: true })).toBe(3);
    expect(styles.id({ numberFormat: '#,##0" PLN"', bold: false })).toBe(4);
    expect(styles.xml).toContain('<numFmts count="2"><numFmt numFmtId="164" formatCode="0.0%"/><numFmt numFmtId="165" formatCode="#,##0&quot; PLN&quot;"/></numFmts>');
    expect(styles.xml).toContain('<xf numFmtId="3" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>');
    expect(styles.xml).toContain('<cellXfs count="5">');
    expect(() => styles.id({ numberFormat: '0.00', bold: false })).toThrow(/styleSheet: style .* was not given/);
  });
});
