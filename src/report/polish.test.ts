/**
 * The Polish report set says everything in Polish: with `name_pl` set (the
 * sample's services.csv), no English service name appears in report.md,
 * report.html (charts, maps, legends, text alternatives), report.xlsx (sheet
 * names, cells, number formats) or the terminal summary; money is in złoty,
 * booleans are tak/nie; and counts of places take the Polish plural of the
 * number as shown (one catalogue rule: 1 / 2–4 / 5+ and the teens).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { analyzeAsLoaded } from '../testing/analysis.js';
import { makeStyle } from '../cli/output.js';
import { loadDataset } from '../io/load-dataset.js';
import { readBoundaries } from '../io/read-boundaries.js';
import { PL, plural } from './i18n/pl.js';
import { EN } from './i18n/en.js';
import { reportSet } from './report-set.js';
import { terminalSummary } from './terminal.js';
import { testSolvers } from '../testing/solvers.js';

const solver = (await testSolvers()).highs;

const dataset = loadDataset('data').dataset;
const analysis = analyzeAsLoaded(dataset, { solver });
const files = await reportSet(analysis, [], { lang: 'pl', boundaries: readBoundaries('data'), formats: ['md', 'html', 'xlsx'] });
const md = files.get('report.md') as string;
const html = files.get('report.html') as string;
const zip = await JSZip.loadAsync(files.get('report.xlsx') as Uint8Array);
const xlsx = (await Promise.all(Object.values(zip.files).map((entry) => entry.async('string')))).join('\n');
const terminal = terminalSummary(analysis, makeStyle(false), PL).join('\n');

const ENGLISH_NAMES = dataset.services.map((service) => service.name);
const POLISH_NAMES = dataset.services.map((service) => service.namePl!);

describe('the Polish report set', () => {
  it('the sample has Polish names different from the English ones', () => {
    expect(ENGLISH_NAMES).toEqual(['Nursery', 'Preschool', 'Primary school']);
    expect(POLISH_NAMES).toEqual(['Żłobki', 'Wychowanie przedszkolne', 'Szkoły podstawowe']);
  });

  for (const [name, text] of Object.entries({ 'report.md': () => md, 'report.html': () => html, 'report.xlsx': () => xlsx, 'the terminal summary': () => terminal })) {
    it(`${name} names every service in Polish and none in English`, () => {
      for (const english of ENGLISH_NAMES) expect(text()).not.toMatch(new RegExp(`\\b${english}\\b`, 'i'));
      for (const polish of POLISH_NAMES) expect(text()).toContain(polish);
    });
  }

  it('report.html: charts, maps, legends and text alternatives in Polish', () => {
    for (const polish of POLISH_NAMES) {
      expect(html).toContain(`<figcaption>${polish}: przepływy między gminami</figcaption>`);
      expect(html).toContain(`<figcaption>${polish}: pokrycie według gmin (miejsca na potrzebującego)</figcaption>`);
      expect(html).toContain(`<figcaption>${polish}: podaż − zapotrzebowanie według gmin</figcaption>`);
    }
    expect(html).toContain('<figcaption>Żłobki: udziały w kosztach według zasad podziału</figcaption>');
    // What a reader sees or hears: text and the text alternatives, not the class names of the style sheet.
    const words = html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]*?(aria-label="([^"]*)")?[^>]*>/g, ' $2 ');
    for (const english of ['flows between', 'supply − demand', 'cost shares', 'coverage', 'Charts and maps', 'residents', 'PLN', 'yes', 'no', 'More columns', 'neighbour'])
      expect(words).not.toMatch(new RegExp(`(^|[^\\p{L}])${english}([^\\p{L}]|$)`, 'u'));
    expect(html).toContain('<span>od 90% do poniżej 100%</span>');
  });

  it('report.xlsx: money in złoty (never a PLN format), partner flags tak/nie, Polish sheet names', () => {
    expect(xlsx).not.toMatch(/PLN/);
    expect(xlsx).toContain('#,##0&quot; zł&quot;');
    expect(xlsx).toMatch(/<t( xml:space="preserve")?>tak<\/t>/);
    expect(xlsx).toMatch(/<t( xml:space="preserve")?>nie<\/t>/);
    expect(xlsx).not.toMatch(/t="b"/);
    expect(xlsx).toContain('name="Umowy – Wychowanie przedszkolne"');
  });

  it('the terminal summary: Polish words and municipality names, not ids', () => {
    expect(terminal).toContain('7 gmin (4 partnerów), 3 usługi');
    expect(terminal).toContain('  partnerzy         830 miejsc dla 979 potrzebujących, pokrycie 85%, bez miejsca 78');
    expect(terminal).toContain('Brodnica (miejska), 183 korzystających z innych gmin');
    expect(terminal).not.toMatch(/\b(nursery|preschool|primary_school|partners|in deficit|main provider)\b/);
    expect(terminal).not.toMatch(/\b0\d{6}\b/);
    // English stays English.
    expect(terminalSummary(analysis, makeStyle(false), EN).join('\n')).toContain('7 municipalities (4 partners), 3 services');
  });

  it('servflow analyze --lang pl prints the Polish summary (built bin/servflow)', () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'servflow-pl-'));
    const run = spawnSync(process.execPath, ['bin/servflow', 'analyze', '--lang', 'pl', '--format', 'md', '--out', out, '--no-color'], { encoding: 'utf8' });
    rmSync(out, { recursive: true, force: true });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('Żłobki (miejsca, brak danych o przepływach: szacunek modelem grawitacji)');
    expect(run.stdout).toContain(`zapisano report.md w ${out}/`);
    for (const english of ENGLISH_NAMES) expect(run.stdout).not.toContain(english);
  });
});

describe('Polish plural forms (one catalogue rule)', () => {
  it('places after a number: 1 miejsce, 2–4 miejsca, 5+ miejsc, 12–14 miejsc, 22–24 miejsca, 412 miejsc', () => {
    const cases: [number, string][] = [
      [1, '1 miejsce'],
      [2, '2 miejsca'],
      [5, '5 miejsc'],
      [12, '12 miejsc'],
      [22, '22 miejsca'],
      [412, '412 miejsc'],
      [0, '0 miejsc'],
      [4, '4 miejsca'],
      [13, '13 miejsc'],
      [14, '14 miejsc'],
      [21, '21 miejsc'],
      [24, '24 miejsca'],
      [104, '104 miejsca'],
      [111, '111 miejsc'],
      [1002, '1002 miejsca'],
      [12_345, '12\u00a0345 miejsc'],
      [-3, '−3 miejsca'],
    ];
    for (const [count, text] of cases) expect(PL.places(count, 'places'), String(count)).toBe(text);
  });

  it('the form follows the number as shown (rounded), so 411.6 is "412 miejsc" and 1.4 is "1 miejsce"', () => {
    expect(PL.places(411.6, 'places')).toBe('412 miejsc');
    expect(PL.places(1.4, 'places')).toBe('1 miejsce');
    expect(PL.places(21.5, 'places')).toBe('22 miejsca');
    expect(PL.partnersHave(411.6, 'places', 500, 0.82, 0, false)).toMatch(/^Partnerzy mają 412 miejsc dla 500 /);
    expect(PL.partnersHave(22, 'places', 30, 0.7, 0, false)).toMatch(/^Partnerzy mają 22 miejsca dla 30 /);
  });

  it('the rule for other words and units', () => {
    const forms = (n: number): string => plural(n, 'obszar', 'obszary', 'obszarów');
    expect([1, 2, 5, 12, 22, 412].map(forms)).toEqual(['obszar', 'obszary', 'obszarów', 'obszarów', 'obszary', 'obszarów']);
    expect([1, 3, 15, 23].map((n) => PL.places(n, 'children'))).toEqual(['1 dziecko', '3 dzieci', '15 dzieci', '23 dzieci']);
    expect([1, 2, 5].map((n) => PL.places(n, 'beds'))).toEqual(['1 łóżko', '2 łóżka', '5 łóżek']);
    // A unit the catalogue does not know stays as the data gives it.
    expect(PL.places(5, 'stanowiska')).toBe('5 stanowiska');
  });
});
