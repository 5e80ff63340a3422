/**
 * report.xlsx: safe cells (hostile municipality names stay plain strings),
 * numbers as numeric cells with their formats, frozen bold header, widths,
 * sheet names, and byte-identical output across calls, clocks, time zones
 * and processes. The cross-process test imports the built module (`npm test`
 * builds first).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TableModel } from '../document.js';
import { longestShown, xlsxReport, xlsxValue } from './report-xlsx.js';
import { uniqueSheetName } from '../../engines/xlsx/xlsx-sheet-name.js';

const IMG = '<img src=x onerror=alert(1)>';
const FORMULA = '=HYPERLINK("http://x","y")';

const TABLES: readonly TableModel[] = Object.freeze([
  Object.freeze({
    id: 'imbalance-preschool',
    title: 'Imbalance: preschool [places/children]',
    columns: [
      { key: 'name', label: 'Municipality', kind: 'text' },
      { key: 'supply', label: 'Supply', kind: 'integer' },
      { key: 'balance', label: 'Balance', kind: 'decimal' },
      { key: 'coverage', label: 'Coverage', kind: 'percent' },
      { key: 'cost', label: 'Yearly cost', kind: 'money' },
      { key: 'km', label: 'km', kind: 'km' },
      { key: 'share', label: 'Share', kind: 'share' },
      { key: 'core_ok', label: 'In core', kind: 'boolean' },
    ],
    rows: [
      [IMG, 1234, -12.5, 0.85, 1500000, 12.34, 0.3333333, true],
      [FORMULA, 0, 3.25, 1.2, 0, 0.5, 0.6666667, false],
      ['-5 km away', null, Number.NaN, Number.POSITIVE_INFINITY, null, null, null, null],
    ],
    notes: ['Balance is supply minus demand.'],
  }),
  Object.freeze({
    id: 'flows',
    title: 'Imbalance: preschool [places/children]',
    columns: [{ key: 'origin', label: '@origin', kind: 'text' }],
    rows: [['Kraków']],
  }),
]) as readonly TableModel[];

async function readBack(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return workbook;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('xlsxReport', () => {
  it('rejects a row whose length differs from the columns', async () => {
    const table: TableModel = { id: 'bad', title: 'Bad', columns: [{ key: 'a', label: 'A', kind: 'text' }], rows: [['x', 'y']] };
    await expect(xlsxReport([table], { title: 'T', lang: 'en' })).rejects.toThrow(/xlsxReport: table bad has a row of 2 cells for 1 columns/);
  });

  it('writes hostile names as plain strings, the formula-like one prefixed, and no formula anywhere', async () => {
    const bytes = await xlsxReport(TABLES, { title: 'Report', lang: 'en' });
    const sheet = (await readBack(bytes)).worksheets[0];
    const img = sheet.getCell('A2');
    expect(img.value).toBe(IMG);
    expect(img.type).toBe(ExcelJS.ValueType.String);
    const formula = sheet.getCell('A3');
    expect(formula.value).toBe(`'${FORMULA}`);
    expect(formula.type).toBe(ExcelJS.ValueType.String);
    expect(formula.formula).toBeUndefined();
    expect(sheet.getCell('A4').value).toBe("'-5 km away");
    expect((await readBack(bytes)).worksheets[1].getCell('A1').value).toBe("'@origin");

    const zip = await JSZip.loadAsync(bytes);
    const xml = await Promise.all(
      Object.keys(zip.files)
        .filter((name) => name.endsWith('.xml'))
        .map((name) => zip.file(name)!.async('string')),
    );
    for (const part of xml) expect(part).not.toMatch(/<f[ >]/);
    const strings = await zip.file('xl/sharedStrings.xml')!.async('string');
    expect(strings).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(strings).not.toContain('<img');
  });

  it('writes odd names as they are: quotes, control characters, CR, _xHHHH_, spaces, markup', async () => {
    const names = ['A & "B" \'C\'', 'bell\u0007 nul\u0000 esc\u001b', '\rcarriage', 'a\r\nb', '_x0041_', '  padded  ', '</t></si>', '\t=tab', '😀 Żółć'];
    const table: TableModel = { id: 'names', title: 'Names', columns: [{ key: 'name', label: 'Name', kind: 'text' }], rows: names.map((name) => [name]) };
    const sheet = (await readBack(await xlsxReport([table], { title: 'Report\u0000 <&>', lang: 'en' }))).worksheets[0];
    names.forEach((name, index) => {
      const cell = sheet.getCell(`A${index + 2}`);
      expect(cell.type, name).toBe(ExcelJS.ValueType.String);
      expect(cell.value, name).toBe(xlsxValue(name));
    });
    expect(sheet.getCell('A4').value).toBe("'\rcarriage");
  });

  it('keeps numbers numeric with a number format per column kind, booleans as words of the report language, null and NaN empty', async () => {
    const sheet = (await readBack(await xlsxReport(TABLES, { title: 'Report', lang: 'en' }))).worksheets[0];
    const expected: [string, number, string][] = [
      ['B2', 1234, '#,##0'],
      ['C2', -12.5, '#,##0.00'],
      ['D2', 0.85, '0.0%'],
      ['E2', 1500000, '#,##0" PLN"'],
      ['F2', 12.34, '0.0'],
      ['G2', 0.3333333, '0.000'],
      ['B3', 0, '#,##0'],
    ];
    for (const [address, value, format] of expected) {
      const cell = sheet.getCell(address);
      expect(cell.type, address).toBe(ExcelJS.ValueType.Number);
      expect(cell.value, address).toBe(value);
      expect(cell.numFmt, address).toBe(format);
    }
    expect(sheet.getCell('H2').value).toBe('yes');
    expect(sheet.getCell('H3').value).toBe('no');
    expect(sheet.getCell('B4').type).toBe(ExcelJS.ValueType.Null);
    expect(sheet.getCell('C4').type).toBe(ExcelJS.ValueType.Null);
    expect(sheet.getCell('D4').value).toBe('∞');
    expect(sheet.getCell('A2').numFmt).toBe('@');
  });

  it('stores counts and money whole, as shown, and money in the language of the report', async () => {
    const table: TableModel = {
      id: 'costs',
      title: 'Costs',
      columns: [
        { key: 'name', label: 'Gmina', kind: 'text' },
        { key: 'demand', label: 'Zapotrzebowanie', kind: 'number' },
        { key: 'capex', label: 'Nakłady (zł)', kind: 'money' },
        { key: 'shapley', label: 'Wartość Shapleya', kind: 'money' },
        { key: 'access', label: 'Dostępność', kind: 'decimal' },
        { key: 'core', label: 'W rdzeniu', kind: 'boolean' },
      ],
      rows: [['Bobrowo', 125.53, 18561420.000000004, 2980620.6, 0.956, true]],
    };
    const sheet = (await readBack(await xlsxReport([table], { title: 'Raport', lang: 'pl' }))).worksheets[0];
    expect(['B2', 'C2', 'D2', 'E2', 'F2'].map((address) => sheet.getCell(address).value)).toEqual([126, 18561420, 2980621, 0.956, 'tak']);
    // The header names the currency: a bare number; otherwise "zł", never "PLN" in Polish.
    expect(['B2', 'C2', 'D2', 'E2'].map((address) => sheet.getCell(address).numFmt)).toEqual(['#,##0', '#,##0', '#,##0" zł"', '#,##0.00']);
    const en = (await readBack(await xlsxReport([table], { title: 'Report', lang: 'en' }))).worksheets[0];
    expect(en.getCell('D2').numFmt).toBe('#,##0" PLN"');
    expect(en.getCell('F2').value).toBe('yes');
  });

  it('freezes and bolds the header row and sets widths from the content', async () => {
    const sheet = (await readBack(await xlsxReport(TABLES, { title: 'Report', lang: 'en' }))).worksheets[0];
    expect(sheet.views).toHaveLength(1);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    for (let column = 1; column <= 8; column += 1) expect(sheet.getRow(1).getCell(column).font?.bold).toBe(true);
    expect(sheet.getCell('A2').font?.bold).toBeFalsy();
    // The longest name (28 characters) plus a margin; short columns keep the minimum.
    expect(sheet.getColumn(1).width).toBe(30);
    expect(sheet.getColumn(5).width).toBe('1,500,000 PLN'.length + 2);
    expect(sheet.getColumn(6).width).toBe(6);
  });

  it('names sheets from titles, cut, cleaned and unique, with the notes last in the report language', async () => {
    const en = await readBack(await xlsxReport(TABLES, { title: 'Report', lang: 'en' }));
    // "Imbalance preschool placeschildren" is 34 characters: cut at the last word boundary, not mid-word.
    expect(en.worksheets.map((sheet) => sheet.name)).toEqual(['Imbalance preschool', 'Imbalance preschool (2)', 'Notes']);
    const notes = en.worksheets[2];
    expect(notes.getCell('A1').value).toBe('Sheet');
    expect(notes.getCell('A2').value).toBe('Imbalance preschool');
    expect(notes.getCell('B2').value).toBe('Balance is supply minus demand.');
    const pl = await readBack(await xlsxReport(TABLES, { title: 'Raport', lang: 'pl' }));
    expect(pl.worksheets[2].name).toBe('Uwagi');
    expect(pl.worksheets[2].getCell('B1').value).toBe('Uwaga');
    const none = await readBack(await xlsxReport([TABLES[1]], { title: 'Report', lang: 'en' }));
    expect(none.worksheets.map((sheet) => sheet.name)).toEqual(['Imbalance preschool']);
    // A table's short sheet title wins over its title.
    const short = await readBack(
      await xlsxReport([{ ...TABLES[1], title: 'Wychowanie przedszkolne: porozumienia o wspólnym korzystaniu z miejsc', sheet: 'Umowy – Wychowanie przedszkolne' }], { title: 'Raport', lang: 'pl' }),
    );
    expect(short.worksheets[0].name).toBe('Umowy – Wychowanie przedszkolne');
  });

  it('writes fixed dates into the document properties and the zip entries', async () => {
    const zip = await JSZip.loadAsync(await xlsxReport(TABLES, { title: 'Report', lang: 'pl' }));
    const core = await zip.file('docProps/core.xml')!.async('string');
    expect(core).toContain('<dc:creator>servflow</dc:creator>');
    expect(core).toContain('<cp:lastModifiedBy>servflow</cp:lastModifiedBy>');
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2000-01-01T00:00:00Z</dcterms:created>');
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2000-01-01T00:00:00Z</dcterms:modified>');
    expect(core).toContain('<dc:title>Report</dc:title>');
    expect(core).toContain('<dc:language>pl</dc:language>');
    expect(core).not.toContain('lastPrinted');
    for (const entry of Object.values(zip.files)) expect(entry.date.toISOString(), entry.name).toBe('2000-01-01T00:00:00.000Z');
  });

  it('gives byte-identical files across calls, clocks and time zones', async () => {
    const zone = process.env.TZ;
    try {
      vi.useFakeTimers({ now: Date.UTC(2001, 4, 5, 13, 7, 9), toFake: ['Date'] });
      process.env.TZ = 'UTC';
      const first = await xlsxReport(TABLES, { title: 'Report', lang: 'en' });
      vi.setSystemTime(Date.UTC(2037, 10, 30, 23, 59, 59));
      process.env.TZ = 'Europe/Warsaw';
      const second = await xlsxReport(TABLES, { title: 'Report', lang: 'en' });
      expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('gives byte-identical files in separate processes (built module)', async () => {
    const built = path.resolve('dist/report/files/report-xlsx.js');
    expect(existsSync(built), 'build first (npm test does)').toBe(true);
    const script = [
      `const { xlsxReport } = await import(${JSON.stringify(pathToFileURL(built).href)});`,
      `const bytes = await xlsxReport(JSON.parse(process.env.TABLES), { title: 'Report', lang: 'en' });`,
      `process.stdout.write(Buffer.from(bytes).toString('base64'));`,
    ].join('\n');
    // JSON cannot carry NaN or Infinity: the spawned runs get finite tables.
    const tables = TABLES.map((table) => ({ ...table, rows: table.rows.map((row) => row.map((value) => (typeof value === 'number' && !Number.isFinite(value) ? null : value))) }));
    const runs = ['UTC', 'Europe/Warsaw', 'America/Los_Angeles'].map((zone) => {
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, TZ: zone, TABLES: JSON.stringify(tables) } });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      return run.stdout;
    });
    expect(runs[0].length).toBeGreaterThan(1000);
    expect(runs[1]).toBe(runs[0]);
    expect(runs[2]).toBe(runs[0]);
    const here = await xlsxReport(tables as TableModel[], { title: 'Report', lang: 'en' });
    expect(Buffer.from(here).toString('base64')).toBe(runs[0]);
  });
});

describe('xlsxValue', () => {
  it('neutralises text like the CSV and keeps numbers numbers', () => {
    expect(['=1+1', '+48 123', '-x', '@x', '\tx', '\rx', 'a=b'].map((value) => xlsxValue(value))).toEqual(["'=1+1", "'+48 123", "'-x", "'@x", "'\tx", "'\rx", 'a=b']);
    expect([-3.5, 0.1 + 0.2, -0, Number.NaN, Number.NEGATIVE_INFINITY, null, false].map((value) => xlsxValue(value))).toEqual([-3.5, 0.3, 0, null, '−∞', null, false]);
  });
});

describe('longestShown', () => {
  it('is the longest of the values shown one by one (the fixed-decimal kinds look only at the largest and smallest)', () => {
    const kinds = ['text', 'integer', 'number', 'decimal', 'percent', 'money', 'km', 'share', 'boolean'] as const;
    const cell = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.double({ min: -2e3, max: 2e3, noNaN: true }),
      fc.integer({ min: -1e7, max: 1e7 }),
      fc.string({ maxLength: 20 }),
      fc.boolean(),
      fc.constant(null),
    );
    fc.assert(
      fc.property(fc.constantFrom(...kinds), fc.array(cell, { maxLength: 30 }), (kind, values) => {
        const one = values.map((value) => longestShown([value], kind));
        expect(longestShown(values, kind)).toBe(Math.max(0, ...one));
      }),
      { numRuns: 300 },
    );
  });
});

describe('uniqueSheetName', () => {
  it('cuts to 31 characters, removes forbidden characters and stays unique ignoring case', () => {
    const taken = new Set<string>(['history']);
    expect(uniqueSheetName('a'.repeat(40), [], taken)).toBe('a'.repeat(31));
    expect(uniqueSheetName('A'.repeat(40), [], taken)).toBe(`${'A'.repeat(27)} (2)`);
    expect(uniqueSheetName('Flows: [x]*?/\\y', [], taken)).toBe('Flows xy');
    expect(uniqueSheetName("'quoted'", [], taken)).toBe('quoted');
    expect(uniqueSheetName('History', [], taken)).toBe('History (2)');
    expect(uniqueSheetName('[]:*?', ['flows-all'], taken)).toBe('flows-all');
    expect(uniqueSheetName('', [], taken)).toBe('Sheet');
    expect(uniqueSheetName(`${'x'.repeat(30)}😀`, [], taken)).toBe('x'.repeat(30));
  });

  it('cuts a long title at a word boundary, never mid-word, and keeps the names unique', () => {
    const taken = new Set<string>();
    expect(uniqueSheetName('Preschool capacity-sharing agreements', [], taken)).toBe('Preschool capacity-sharing');
    expect(uniqueSheetName('Wychowanie przedszkolne (miejsca)', [], taken)).toBe('Wychowanie przedszkolne');
    expect(uniqueSheetName('Wychowanie przedszkolne (miejsca dla dzieci)', [], taken)).toBe('Wychowanie przedszkolne (2)');
    expect(uniqueSheetName('Inwestycje – Wychowanie przedszkolne', [], taken)).toBe('Inwestycje – Wychowanie');
    // Exactly 31 characters stays whole; a cut that falls before a space keeps the whole word.
    expect(uniqueSheetName('Umowy – Wychowanie przedszkolne', [], taken)).toBe('Umowy – Wychowanie przedszkolne');
    expect(uniqueSheetName('Preschool capacity-sharing agre ement', [], taken)).toBe('Preschool capacity-sharing agre');
    for (const name of taken) expect(name.length).toBeLessThanOrEqual(31);
  });
});
