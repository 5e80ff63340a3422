/**
 * Names are data, never markup or formulas (CLI.md "Safe"; issue 6
 * acceptance 2): the sample with a municipality named
 * `<img src=x onerror=alert(1)>` and one named `=HYPERLINK("http://x","y")`
 * (fixtures/hostile-names/) through `servflow analyze`, every format read back.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { readCsv } from '../io/csv.js';

const out = mkdtempSync(path.join(os.tmpdir(), 'servflow-safety-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));
const run = spawnSync(process.execPath, ['bin/servflow', 'analyze', 'fixtures/hostile-names', '--out', out, '--quiet'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

const IMG = '<img src=x onerror=alert(1)>';
const FORMULA = '=HYPERLINK("http://x","y")';

function csvRows(file: string): string[][] {
  const rows: string[][] = [];
  readCsv(readFileSync(path.join(out, file), 'utf8'), {}, () => (cells) => rows.push([...cells]));
  return rows;
}

describe('hostile names in every format', () => {
  it('the analysis runs', () => {
    expect(run.status, run.stderr).toBe(0);
  });

  it('CSV: the formula is neutralised with a quote, markup is plain text, numbers stay numbers', () => {
    const rows = csvRows('imbalance.csv');
    const names = rows.map((row) => row[1]);
    expect(names).toContain(`'${FORMULA}`);
    expect(names).not.toContain(FORMULA);
    expect(names).toContain(IMG);
    const bobrowo = rows.find((row) => row[0] === '0402022' && row[2] === 'preschool')!;
    // supply 200, demand 277 (data/supply.csv, data/demand.csv): plain numbers, no quote
    expect(bobrowo.slice(3, 5)).toEqual(['200', '277']);
  });

  it('Markdown: markup is escaped', () => {
    const md = readFileSync(path.join(out, 'report.md'), 'utf8');
    expect(md).not.toContain(IMG);
    expect(md).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('HTML: markup is escaped, the formula is text, and the page loads nothing', () => {
    const html = readFileSync(path.join(out, 'report.html'), 'utf8');
    expect(html).not.toContain(IMG);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)');
    expect(html).not.toMatch(/<script|<img|src=["']?http|href=["']?http/i);
  });

  it('XLSX: names are string cells (the formula one prefixed, never a formula), numbers are numeric cells', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(path.join(out, 'report.xlsx')) as unknown as ArrayBuffer);
    const texts: string[] = [];
    let formulas = 0;
    let numbers = 0;
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.type === ExcelJS.ValueType.Formula) formulas++;
          if (cell.type === ExcelJS.ValueType.Number) numbers++;
          if (cell.type === ExcelJS.ValueType.String) texts.push(cell.value as string);
        }),
      ),
    );
    expect(formulas).toBe(0);
    expect(numbers).toBeGreaterThan(100);
    expect(texts).toContain(IMG);
    expect(texts).toContain(`'${FORMULA}`);
    expect(texts).not.toContain(FORMULA);
  });
});
