/**
 * A national plan has hundreds of facilities and bills for thousands of
 * partners (the shortage scenario: 1,694 and 2,577 table lines in
 * report.md, half a megabyte). Like the other long tables, report.md and
 * report.html then show an excerpt — the largest investments; the partners
 * with the largest stand-alone costs — with a note, and the CSV files keep
 * every row. The sample's cooperation, with its nursery plan and bills
 * repeated 40 times, stands in for a national one (the scenario itself
 * takes seconds to compute).
 */
import { describe, expect, it } from 'vitest';
import type { Analysis } from '../analysis/analyze.js';
import { loadDataset } from '../io/load-dataset.js';
import { analyzeAsLoaded } from '../testing/analysis.js';
import { buildDocument, MAX_MUNICIPALITY_ROWS } from './build-document.js';
import { shownRows, tablesOf } from './document.js';
import { EN } from './i18n/en.js';
import { PL } from './i18n/pl.js';
import { costSharingCsv } from './files/cost-sharing-csv.js';
import { testSolvers } from '../testing/solvers.js';

const solver = (await testSolvers()).own;
const original = analyzeAsLoaded(loadDataset('data').dataset, { solver });
const COPIES = 40;

const repeat = (values: Float64Array, scale: (k: number) => number): Float64Array => Float64Array.from({ length: values.length * COPIES }, (_, k) => values[k % values.length] * scale(k));

/** The nursery plan's facilities and bills repeated COPIES times, each copy's investments and stand-alone costs scaled (1 + copy / 100). */
function longer(analysis: Analysis): Analysis {
  return {
    ...analysis,
    services: analysis.services.map((result) => {
      if (result.service.id !== 'nursery' || !result.cooperation) return result;
      const { investment, costSharing: s } = result.cooperation;
      const n = s.players.length;
      const scale = (k: number): number => 1 + Math.floor(k / n) / 100;
      const facilities = Array.from({ length: investment.facilities.length * COPIES }, (_, k) => {
        const f = investment.facilities[k % investment.facilities.length];
        return { ...f, capex: f.capex * (1 + Math.floor(k / investment.facilities.length) / 100) };
      });
      const players = Array.from({ length: n * COPIES }, (_, k) => s.players[k % n]);
      const same = (values: Float64Array): Float64Array => repeat(values, () => 1);
      return {
        ...result,
        cooperation: {
          ...result.cooperation,
          investment: { ...investment, facilities },
          costSharing: {
            ...s,
            players,
            standalone: repeat(s.standalone, scale),
            byUse: same(s.byUse),
            byPopulation: same(s.byPopulation),
            shapley: same(s.shapley),
            shapleySE: same(s.shapleySE),
            scrb: same(s.scrb),
            ...(s.nucleolus ? { nucleolus: same(s.nucleolus) } : {}),
            coreAllocation: same(s.coreAllocation),
            residents: same(s.residents),
            outsideResidents: same(s.outsideResidents),
          },
        },
      };
    }),
  };
}

const analysis = longer(original);
const nursery = analysis.services.find((result) => result.service.id === 'nursery')!.cooperation!;
const tables = tablesOf(buildDocument(analysis, [], EN));
const table = (id: string) => tables.find((t) => t.id === id)!;

describe('long cooperation tables: report.md and report.html show an excerpt', () => {
  it('the investments: the largest first, with a note; every facility in the table behind it', () => {
    const t = table('investments-nursery');
    expect(t.rows).toHaveLength(nursery.investment.facilities.length);
    expect(t.rows.length).toBeGreaterThan(MAX_MUNICIPALITY_ROWS);
    const { rows, notes } = shownRows(t);
    expect(rows).toHaveLength(MAX_MUNICIPALITY_ROWS);
    // capex is the 4th column: descending, and nothing left out is larger than the last shown.
    const capex = rows.map((row) => row[3] as number);
    for (let k = 1; k < capex.length; k++) expect(capex[k]).toBeLessThanOrEqual(capex[k - 1]);
    expect(Math.max(...t.rows.filter((row) => !rows.includes(row)).map((row) => row[3] as number))).toBeLessThanOrEqual(capex[capex.length - 1]);
    expect(notes.at(-1)).toBe(`The 100 largest of ${t.rows.length.toLocaleString('en')} new facilities and expansions (by investment); all of them are in investments.csv and report.xlsx.`);
  });

  it('who pays: the partners with the largest stand-alone costs, with a note; cost-sharing.csv keeps every partner', () => {
    const t = table('cost-sharing-nursery');
    const players = nursery.costSharing.players.length;
    expect(t.rows).toHaveLength(players);
    const { rows, notes } = shownRows(t);
    expect(rows).toHaveLength(MAX_MUNICIPALITY_ROWS);
    const standalone = rows.map((row) => row[1] as number);
    for (let k = 1; k < standalone.length; k++) expect(standalone[k]).toBeLessThanOrEqual(standalone[k - 1]);
    expect(Math.max(...t.rows.filter((row) => !rows.includes(row)).map((row) => row[1] as number))).toBeLessThanOrEqual(standalone[standalone.length - 1]);
    expect(notes.at(-1)).toBe(`The 100 of ${players} partners with the largest stand-alone costs; all of them are in cost-sharing.csv and report.xlsx.`);
    const csv = costSharingCsv(analysis);
    expect(csv.split('\n').filter((line) => line.startsWith('nursery,')).length).toBe(players);
  });

  it("report.html's main who-pays table keeps the shares; every core flag goes to its second table (the national one was 1,202 px wide in 1,118)", () => {
    const secondary = (t: (typeof tables)[number]) => t.columns.filter((column) => column.secondary).map((column) => column.key);
    expect(secondary(table('cost-sharing-nursery'))).toEqual(expect.arrayContaining(['shapley_core', 'scrb_core', 'nucleolus_core', 'by_use_core', 'by_population_core']));
    const short = tablesOf(buildDocument(original, [], EN)).find((t) => t.id === 'cost-sharing-nursery')!;
    expect(secondary(short)).not.toContain('scrb_core');
  });

  it('in Polish too', () => {
    const pl = tablesOf(buildDocument(analysis, [], PL));
    expect(shownRows(pl.find((t) => t.id === 'investments-nursery')!).notes.at(-1)).toMatch(/^100 największych z .* nowych placówek i rozbudów/);
    expect(shownRows(pl.find((t) => t.id === 'cost-sharing-nursery')!).notes.at(-1)).toMatch(/^100 z .* partnerów o największym koszcie samodzielnym/);
  });

  it("the sample's own tables stay whole", () => {
    for (const t of tablesOf(buildDocument(original, [], EN))) expect(t.excerpt).toBeUndefined();
  });
});
