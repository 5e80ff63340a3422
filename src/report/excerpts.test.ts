/**
 * Long tables at national scale: report.md and report.html list an excerpt
 * (the municipalities that lack most; the highest PageRank; the largest
 * agreements) with a note, the opening line counts the partners instead of
 * naming 2,477 of them, and report.xlsx keeps every row. The sample's tables
 * are short and stay whole.
 */
import { describe, expect, it } from 'vitest';
import { analyzeAsLoaded } from '../testing/analysis.js';
import { loadDataset } from '../io/load-dataset.js';
import { buildDocument, MAX_MUNICIPALITY_ROWS, MAX_NAMED_PARTNERS } from './build-document.js';
import { shownRows, tablesOf, type TableModel } from './document.js';
import { EN } from './i18n/en.js';
import { PL } from './i18n/pl.js';
import { reportMd } from './files/report-md.js';

const national = analyzeAsLoaded(loadDataset('data/poland').dataset);
const sample = analyzeAsLoaded(loadDataset('data').dataset);

const table = (tables: readonly TableModel[], id: string): TableModel => tables.find((t) => t.id === id)!;

describe('national report: excerpts of long tables', () => {
  const document = buildDocument(national, [], EN);
  const tables = tablesOf(document);

  it('each imbalance table shows the municipalities with the largest unmet demand, then the largest deficit', () => {
    for (const result of national.services) {
      const t = table(tables, `imbalance-${result.service.id}`);
      expect(t.rows).toHaveLength(2477);
      const { rows, notes } = shownRows(t);
      expect(rows).toHaveLength(MAX_MUNICIPALITY_ROWS);
      expect(notes.at(-1)).toBe(`The 100 of 2,477 municipalities with the largest unmet demand, then the largest deficit; all of them are in imbalance.csv and report.xlsx.`);
      // columns: … balance (4) … unmet (11): ordered by unmet descending, then balance ascending
      for (let k = 1; k < rows.length; k++) {
        const [before, after] = [rows[k - 1], rows[k]];
        const unmet = [before[11] as number, after[11] as number];
        expect(unmet[0] > unmet[1] || (unmet[0] === unmet[1] && (before[4] as number) <= (after[4] as number))).toBe(true);
      }
      // nothing left out lacks more than the last one shown
      const last = rows.at(-1)!;
      const hidden = t.rows.filter((row) => !rows.includes(row));
      expect(hidden.every((row) => (row[11] as number) < (last[11] as number) || ((row[11] as number) === (last[11] as number) && (row[4] as number) >= (last[4] as number)))).toBe(true);
    }
  });

  it('the flow-graph table shows the highest PageRank first', () => {
    const t = table(tables, 'graph');
    const { rows } = shownRows(t);
    expect(rows).toEqual(t.rows.slice(0, MAX_MUNICIPALITY_ROWS));
    expect(Math.min(...rows.map((row) => row[3] as number))).toBeGreaterThanOrEqual(Math.max(...t.rows.slice(MAX_MUNICIPALITY_ROWS).map((row) => row[3] as number)));
  });

  it('the opening line counts the partners (English and Polish)', () => {
    expect(national.dataset.municipalities.length).toBeGreaterThan(MAX_NAMED_PARTNERS);
    expect(reportMd(document, EN)).toContain('Partners: 2,477 municipalities (every one is in imbalance.csv).');
    expect(reportMd(buildDocument(national, [], PL), PL)).toContain('Partnerzy: 2477 gmin (wszystkie są w imbalance.csv).');
  });

  it('report.md lists the excerpts, not every row', () => {
    const md = reportMd(document, EN);
    const tableLines = md.split('\n').filter((line) => line.startsWith('|')).length;
    // 4 municipality tables of 100 rows and 3 agreement tables of 50, plus gravity (3 rows), each with 2 header lines
    expect(tableLines).toBeLessThan(4 * (MAX_MUNICIPALITY_ROWS + 2) + 3 * (50 + 2) + 5 + 1);
  });
});

describe('sample report: short tables stay whole', () => {
  it('no excerpt and the partners named', () => {
    const document = buildDocument(sample, [], EN);
    for (const t of tablesOf(document)) expect(t.excerpt).toBeUndefined();
    expect(reportMd(document, EN)).toContain('Partners: Bobrowo, Brzozie, Jabłonowo Pomorskie, Wąpielsk. Also analysed as providers:');
  });
});

describe('national findings: lists name the most important few and count the rest', () => {
  const md = reportMd(buildDocument(national, [], EN), EN);
  const findings = md.slice(md.indexOf('## Findings'), md.indexOf('## Nursery'));

  it('the partners short of places: the ten largest shortfalls, then how many more', () => {
    const nursery = national.services.find((result) => result.service.id === 'nursery')!;
    const short = nursery.municipalities.filter((row) => row.balance < 0).length;
    expect(short).toBeGreaterThan(1000);
    const sentence = findings.split('\n').find((line) => line.startsWith('**Nursery.**'))!;
    expect(sentence).toContain(`${short.toLocaleString('en')} partners have fewer places than residents in need: `);
    expect(sentence).toContain(` and ${(short - 10).toLocaleString('en')} more.`);
    // the first named has the largest shortfall of all
    const largest = Math.max(...nursery.municipalities.map((row) => -row.balance));
    expect(sentence).toMatch(new RegExp(`in need: [^(]+\\(${Math.round(largest)} short\\)`));
  });

  it('at most ten "depends on others" sentences per service, then a count', () => {
    for (const paragraph of findings.split('\n').filter((line) => /^\*\*(Nursery|Preschool|Primary school)\.\*\*/.test(line))) {
      expect(paragraph.split('depends on others').length - 1).toBeLessThanOrEqual(10);
    }
    expect(findings).toMatch(/[\d,]+ more partners depend on others as much \(dependency in imbalance\.csv\)\./);
  });
});
