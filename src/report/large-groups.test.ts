/**
 * A facility group above SAMPLED_PLAYERS players has no Shapley value or
 * SCRB (docs/methods.md §8): its players' figures are NaN in the analysis.
 * The reports must then say so, never print "NaN" or draw a bar of no
 * length: blank cells in cost-sharing.csv and the tables, the players left
 * out of the Shapley and SCRB lists with one sentence saying why, and
 * summary.json giving the reason per group.
 *
 * The sample's analysis is used, with its preschool bill marked as such a
 * group (the real scenarios' large groups take minutes to compute).
 */
import { describe, expect, it } from 'vitest';
import type { Analysis } from '../analysis/analyze.js';
import { analyzeAsLoaded } from '../testing/analysis.js';
import { SAMPLED_PLAYERS, SAMPLED_SOLVES } from '../analysis/cost-sharing/bill-groups.js';
import type { CostSharing } from '../analysis/cooperation.js';
import { loadDataset } from '../io/load-dataset.js';
import { costSharingCsv } from './files/cost-sharing-csv.js';
import { reportSet } from './report-set.js';
import { testSolvers } from '../testing/solvers.js';

const solver = (await testSolvers()).highs;
const dataset = loadDataset('data').dataset;
const original = analyzeAsLoaded(dataset, { solver });

/** The analysis with one service's single bill group marked as too large for the Shapley value and SCRB. */
function withLargeGroup(analysis: Analysis, serviceId: string): Analysis {
  return {
    ...analysis,
    services: analysis.services.map((result) => {
      if (result.service.id !== serviceId || !result.cooperation) return result;
      const s = result.cooperation.costSharing;
      const reason = { computed: false as const, reason: `not computed: ${SAMPLED_PLAYERS + 1} players` };
      const missing = Float64Array.from(s.players, () => NaN);
      const costSharing: CostSharing = {
        ...s,
        shapley: missing,
        shapleySE: missing,
        scrb: missing,
        scrbNegative: [],
        shapleyComplete: false,
        exact: false,
        groups: s.groups.map((group) => ({ ...group, shapley: reason, scrb: reason, shapleyExact: false, permutations: 0 })),
      };
      return { ...result, cooperation: { ...result.cooperation, costSharing } };
    }),
  };
}

describe('rules not computed for a large group', () => {
  const service = 'preschool';
  const analysis = withLargeGroup(original, service);
  const players = original.services.find((result) => result.service.id === service)!.cooperation!.costSharing.players.length;

  it('the sample has a preschool bill to mark', () => {
    expect(players).toBeGreaterThan(1);
  });

  it('cost-sharing.csv leaves the Shapley, SCRB and saving cells blank, and keeps the proportional shares', () => {
    const rows = costSharingCsv(analysis)
      .trim()
      .split('\n')
      .map((line) => line.split(','));
    const header = rows[0];
    const preschool = rows.slice(1).filter((row) => row[0] === service);
    expect(preschool).toHaveLength(players);
    for (const row of preschool) {
      for (const column of ['shapley', 'shapley_se', 'scrb', 'saving', 'core_ok', 'scrb_core_ok']) expect(row[header.indexOf(column)], column).toBe('');
      expect(Number(row[header.indexOf('by_use')])).toBeGreaterThan(0);
    }
    expect(costSharingCsv(analysis)).not.toMatch(/NaN/);
  });

  it('report.md, report.html and summary.json say why, and never print NaN', async () => {
    const files = await reportSet(analysis, [], { formats: ['md', 'html', 'json'] });
    const text = (name: string): string => {
      const content = files.get(name);
      return typeof content === 'string' ? content : Buffer.from(content as Uint8Array).toString('utf8');
    };
    const [md, html, json] = [text('report.md'), text('report.html'), text('summary.json')];
    for (const text of [md, html, json]) expect(text).not.toMatch(/NaN/);
    expect(md).toContain(`For ${players} partners in facility groups of more than ${SAMPLED_PLAYERS} the Shapley value and SCRB are not computed`);
    const summary = JSON.parse(json);
    const sharing = summary.services.find((s: { id: string }) => s.id === service).cooperation.cost_sharing;
    expect(sharing.shapley_computed).toBe(false);
    expect(sharing.groups[0].shapley).toBe(`not computed: ${SAMPLED_PLAYERS + 1} players`);
    expect(sharing.shares.every((share: { shapley: number | null }) => share.shapley === null)).toBe(true);
  });
});

describe('coalition costs taken at the solve limit', () => {
  // A group above EXACT_PLAYERS players takes coalition costs within SAMPLED_SOLVES LP solves and states the
  // largest gap to the bound; marked here on the sample's preschool bill.
  const withGap = (analysis: Analysis, gap: number): Analysis => ({
    ...analysis,
    services: analysis.services.map((result) =>
      result.service.id !== 'preschool' || !result.cooperation
        ? result
        : {
            ...result,
            cooperation: { ...result.cooperation, costSharing: { ...result.cooperation.costSharing, groups: result.cooperation.costSharing.groups.map((group) => ({ ...group, costGap: gap })) } },
          },
    ),
  });
  const markdown = async (analysis: Analysis, lang: 'en' | 'pl'): Promise<string> => String((await reportSet(analysis, [], { formats: ['md'], lang })).get('report.md'));

  it('says how far above the least cost such a cost can be, in both languages (two significant digits)', async () => {
    expect(await markdown(withGap(original, 0.012345), 'en')).toContain(
      `a coalition's cost comes from branch and bound (at most ${SAMPLED_SOLVES.toLocaleString('en')} LP solves), else from HiGHS's MILP solver, each stopping at a plan within 0.01 % of its bound; every coalition cost is thus at most 1.2 % above the least cost possible`,
    );
    expect(await markdown(withGap(original, 0.00012345), 'en')).toContain('at most 0.012 % above');
    expect(await markdown(withGap(original, 0.012345), 'pl')).toContain('koszt każdej koalicji jest najwyżej o 1,2 % wyższy od najniższego możliwego');
  });

  it('says nothing when every coalition cost was proved', async () => {
    expect(await markdown(withGap(original, 0), 'en')).not.toContain(`at most ${SAMPLED_SOLVES.toLocaleString('en')} LP solves`);
  });
});
