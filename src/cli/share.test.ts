/**
 * `servflow share --costs FILE` end to end (CLI.md, METHODS.md §7): the
 * literature cases in fixtures/share/ (see each SOURCE.md) reproduced to two
 * decimals in text and JSON, the core flag when a proportional rule charges
 * a group more than going alone, and bad input: exit 2 with file:line(:column)
 * messages and no stack trace. Runs in process; the built binary once (TVA text).
 * Needs the built CLI (`npm test` builds first).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { servflowRunIn } from '../testing/in-process.js';
import { servflowWith, type Run } from '../testing/servflow.js';

/** `servflow share …` in process (src/testing/in-process.ts); the built binary runs once, in the first test. */
function servflow(args: readonly string[], cwd = process.cwd()): Promise<Run> {
  return servflowRunIn({ cwd }, ...args);
}

interface ShareJson {
  grand_cost: number;
  shapley_exact: boolean;
  shares: { player: string; standalone: number; by_standalone: number; by_weight: number | null; shapley: number; shapley_se: number; scrb: number; nucleolus: number | null; saving: number }[];
  nucleolus_computed: boolean;
  core: Record<'shapley' | 'scrb' | 'nucleolus' | 'by_standalone' | 'by_weight', { complete: boolean; violations: { coalition: string[]; excess: number }[] } | null>;
  lowered: unknown[];
}

/** The table rows of the text output: player → its cells as printed. */
function tableRows(stdout: string, players: readonly string[]): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  for (const line of stdout.split('\n')) {
    const [first, ...cells] = line.trim().split(/\s+/);
    if (players.includes(first) && cells.length >= 4) rows.set(first, cells);
  }
  return rows;
}

const two = (value: number): string => value.toFixed(2);

describe('TVA 1942 (fixtures/share/tva-1942): all seven coalition costs, exact Shapley value', () => {
  const costs = 'fixtures/share/tva-1942/costs.csv';
  // SOURCE.md: φ worked by hand; costs in thousands of dollars
  const expected = {
    '1': { standalone: 163520, byStandalone: 121682.22, shapley: 117829.0 },
    '2': { standalone: 140826, byStandalone: 104794.65, shapley: 100756.5 },
    '3': { standalone: 250096, byStandalone: 186107.13, shapley: 193998.5 },
  };

  it('text: the whole output', async () => {
    const run = await servflow(['share', '--costs', costs]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(
      [
        'Cost to share: 412,584.00 among 3 players (Shapley exact)',
        '',
        'player      stand-alone by stand-alone        Shapley           SCRB      nucleolus         saving',
        '1            163,520.00     121,682.22     117,829.00     117,475.54     116,234.00      45,691.00',
        '2            140,826.00     104,794.65     100,756.50      99,157.29      93,540.00      40,069.50',
        '3            250,096.00     186,107.13     193,998.50     195,951.16     202,810.00      56,097.50',
        '(saving: stand-alone cost less the Shapley share; SCRB: separable costs – remaining benefits)',
        '',
        'Core check (does any group pay more than it would by going alone?):',
        '  Shapley value: in the core — no group pays more than going alone',
        '  SCRB: in the core — no group pays more than going alone',
        '  nucleolus: in the core — no group pays more than going alone',
        '  proportional to stand-alone cost: in the core — no group pays more than going alone',
        '',
      ].join('\n'),
    );
  });

  it('the built binary prints the same bytes and exits 0', async () => {
    const spawned = await servflowWith({}, 'share', '--costs', costs);
    expect(spawned).toEqual(await servflow(['share', '--costs', costs]));
  });

  it('--json: the same values to two decimals', async () => {
    const run = await servflow(['share', '--costs', costs, '--json']);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout) as ShareJson;
    expect(result.grand_cost).toBe(412584);
    expect(result.shapley_exact).toBe(true);
    expect(result.shares.map((share) => share.player)).toEqual(['1', '2', '3']);
    for (const share of result.shares) {
      const want = expected[share.player as '1' | '2' | '3'];
      expect(two(share.standalone)).toBe(two(want.standalone));
      expect(two(share.by_standalone)).toBe(two(want.byStandalone));
      expect(two(share.shapley)).toBe(two(want.shapley));
      expect(share.shapley_se).toBe(0);
      expect(two(share.saving)).toBe(two(want.standalone - want.shapley));
    }
    expect(result.core.shapley).toEqual({ complete: true, violations: [] });
    expect(result.core.by_standalone).toEqual({ complete: true, violations: [] });
    expect(result.core.by_weight).toBeNull();
    expect(result.lowered).toEqual([]);
  });
});

describe('Swedish water case, the rows Tables 7–8 give (fixtures/share/sweden-1979-partial)', () => {
  const folder = 'fixtures/share/sweden-1979-partial';
  const players = ['A', 'H', 'K', 'L', 'M', 'T'];
  // Young, Okada & Hashimoto (1979/1982), Table 8 and Table 7 (see SOURCE.md)
  const standalone = [21.95, 17.08, 10.91, 15.88, 20.81, 21.98];
  const byPopulation = [10.13, 21.0, 3.19, 8.22, 34.22, 7.07];
  const byDemand = [13.33, 16.32, 7.43, 7.0, 29.04, 10.69];

  it('text, by population: stand-alone and proportional shares as published, and the rule flagged as not in the core', async () => {
    const run = await servflow(['share', '--costs', `${folder}/costs.csv`, '--weights', `${folder}/weights-population.csv`, '--weight-label', 'by population']);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n')[0]).toBe('Cost to share: 83.82 among 6 players (Shapley exact)');
    expect(run.stdout).toContain('stand-alone by stand-alone  by population        Shapley');
    const rows = tableRows(run.stdout, players);
    players.forEach((player, k) => {
      expect(rows.get(player)![0]).toBe(two(standalone[k]));
      expect(rows.get(player)![2]).toBe(two(byPopulation[k]));
    });
    expect(run.stdout).toMatch(/^ {2}proportional by population: NOT in the core — H \+ M would pay 17\.32 more than going alone \(13 groups would be better off alone\)$/m);
  });

  it('--json, by population: M pays 13.41 and H 3.92 more than going alone (Table 7 against Table 8)', async () => {
    const run = await servflow(['share', '--costs', `${folder}/costs.csv`, '--weights', `${folder}/weights-population.csv`, '--json']);
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout) as ShareJson;
    expect(result.grand_cost).toBe(83.82);
    result.shares.forEach((share, k) => {
      expect(share.player).toBe(players[k]);
      expect(two(share.standalone)).toBe(two(standalone[k]));
      expect(two(share.by_weight!)).toBe(two(byPopulation[k]));
    });
    const alone = result.core.by_weight!.violations.filter((v) => v.coalition.length === 1).map((v) => [v.coalition[0], two(v.excess)]);
    expect(alone).toEqual([
      ['M', '13.41'],
      ['H', '3.92'],
    ]);
    expect(result.core.shapley!.violations).toEqual([]);
  });

  it('--json carries SCRB per player: 19.54 13.28 5.62 10.90 16.66 17.82 (Table 7) to ±0.01, and the nucleolus with its core check', async () => {
    const run = await servflow(['share', '--costs', `${folder}/costs.csv`, '--json']);
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout) as ShareJson;
    const scrb = [19.54, 13.28, 5.62, 10.9, 16.66, 17.82];
    result.shares.forEach((share, k) => expect(Math.abs(share.scrb - scrb[k]), share.player).toBeLessThanOrEqual(0.01));
    expect(result.nucleolus_computed).toBe(true);
    expect(result.shares.reduce((sum, share) => sum + share.nucleolus!, 0)).toBeCloseTo(83.82, 6);
    result.shares.forEach((share) => expect(share.nucleolus!).toBeLessThanOrEqual(share.standalone + 1e-6));
    expect(result.core.scrb).toEqual({ complete: true, violations: [] });
    // The nucleolus lies in the core whenever the core is not empty (Shapley's is, so it is not).
    expect(result.core.nucleolus).toEqual({ complete: true, violations: [] });
  });

  it('text shows the SCRB and nucleolus columns and their core lines', async () => {
    const run = await servflow(['share', '--costs', `${folder}/costs.csv`]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Shapley           SCRB      nucleolus         saving');
    const rows = tableRows(run.stdout, players);
    expect(rows.get('K')![3]).toBe('5.61'); // K = 5.613 from the two-decimal table; the paper printed 5.62 from unrounded costs
    expect(run.stdout).toMatch(/^ {2}SCRB: in the core/m);
    expect(run.stdout).toMatch(/^ {2}nucleolus: in the core/m);
  });

  it('by demand: shares as published; M pays 8.23 more than going alone', async () => {
    const run = await servflow(['share', '--costs', `${folder}/costs.csv`, '--weights', `${folder}/weights-demand.csv`, '--weight-label', 'by demand']);
    expect(run.status).toBe(0);
    const rows = tableRows(run.stdout, players);
    players.forEach((player, k) => expect(rows.get(player)![2]).toBe(two(byDemand[k])));
    expect(run.stdout).toMatch(/^ {2}proportional by demand: NOT in the core — M would pay 8\.23 more than going alone \(6 groups would be better off alone\)$/m);
  });
});

describe('a listed coalition dearer than its parts', () => {
  it('is priced at its parts, and the output says so', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'servflow-share-'));
    try {
      writeFileSync(path.join(dir, 'dear.csv'), 'coalition,cost\nA,10\nB,12\nA+B,30\n');
      const text = await servflow(['share', '--costs', 'dear.csv'], dir);
      expect(text.status).toBe(0);
      expect(text.stdout.split('\n')[0]).toBe('Cost to share: 22.00 among 2 players (Shapley exact)');
      expect(text.stdout).toContain('note: A + B is listed at 30.00, but its parts together cost 22.00: the lower cost is used\n');
      const json = JSON.parse((await servflow(['share', '--costs', 'dear.csv', '--json'], dir)).stdout) as ShareJson;
      expect(json.lowered).toEqual([{ coalition: ['A', 'B'], given: 30, used: 22 }]);
      expect(json.shares.map((share) => share.shapley)).toEqual([10, 12]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('bad input: exit 2, file:line(:column), no stack trace', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'servflow-share-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string): string => {
    writeFileSync(path.join(dir, name), text);
    return name;
  };
  const errorRun = async (args: readonly string[], message: string): Promise<void> => {
    const run = await servflow(args, dir);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.stderr).toBe(`${message}\n`);
  };
  const inputError = (line: string): string => `servflow: ${line}\nservflow: 1 error in the input data; nothing was written`;
  const good = (): string => file('good.csv', 'coalition,cost\nA,10\nB,12\nA+B,15\n');

  it('no --costs: a usage message', async () => {
    await errorRun(['share'], 'servflow: share needs --costs FILE (rows coalition,cost; members joined by "+")');
  });

  it('a costs file that does not exist', async () => {
    await errorRun(['share', '--costs', 'nowhere.csv'], inputError('nowhere.csv: error: file not found'));
  });

  it('a player without its stand-alone cost', async () => {
    await errorRun(['share', '--costs', file('missing.csv', 'coalition,cost\nA,10\nA+B,15\n')], inputError('missing.csv:1: error: every player needs its stand-alone cost: no row for "B"'));
  });

  it('a cost that is not a number: line and column', async () => {
    await errorRun(['share', '--costs', file('word.csv', 'coalition,cost\nA,10\nB,ten\n')], inputError('word.csv:3:2: error: cost: "ten" is not a number'));
  });

  it('a negative cost', async () => {
    await errorRun(['share', '--costs', file('negative.csv', 'coalition,cost\nA,-1\nB,12\n')], inputError('negative.csv:2:2: error: cost must not be negative, got "-1"'));
  });

  it('the same coalition twice, in another order', async () => {
    await errorRun(['share', '--costs', file('duplicate.csv', 'coalition,cost\nA,10\nB,12\nA+B,15\nB+A,16\n')], inputError('duplicate.csv:5:1: error: coalition "B+A" is already given on line 4'));
  });

  it('a member named twice in one coalition', async () => {
    await errorRun(['share', '--costs', file('twice.csv', 'coalition,cost\nA,10\nB,12\nA+A,15\n')], inputError('twice.csv:4:1: error: coalition "A+A" names "A" twice'));
  });

  it('an empty member', async () => {
    await errorRun(
      ['share', '--costs', file('empty-member.csv', 'coalition,cost\nA,1\nB,2\nA+,3\n')],
      inputError('empty-member.csv:4:1: error: coalition "A+" has an empty member (members are joined by "+")'),
    );
  });

  it('an unknown player in the weights file', async () => {
    await errorRun(['share', '--costs', good(), '--weights', file('unknown.csv', 'player,weight\nA,1\nC,2\n')], inputError('unknown.csv:3:1: error: unknown player "C" (players: "A", "B")'));
  });

  it('a player weighted twice', async () => {
    await errorRun(
      ['share', '--costs', good(), '--weights', file('twice-weighted.csv', 'player,weight\nA,1\nA,2\nB,3\n')],
      inputError('twice-weighted.csv:3:1: error: player "A" is already given on line 2'),
    );
  });

  it('a weight that is not a number', async () => {
    await errorRun(['share', '--costs', good(), '--weights', file('bad-weight.csv', 'player,weight\nA,1\nB,x\n')], inputError('bad-weight.csv:3:2: error: weight: "x" is not a number'));
  });

  it('a player without a weight', async () => {
    await errorRun(['share', '--costs', good(), '--weights', file('no-weight.csv', 'player,weight\nA,1\n')], inputError('no-weight.csv:1: error: no weight for "B"'));
  });

  it('a seed that is not a whole number', async () => {
    await errorRun(['share', '--costs', good(), '--seed', 'x'], 'servflow: --seed must be a whole number, got "x"');
  });

  it('every problem of a file at once', async () => {
    const run = await servflow(['share', '--costs', file('many.csv', 'coalition,cost\nA,x\nB,-2\nA+A,3\n')], dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      [
        'servflow: many.csv:2:2: error: cost: "x" is not a number',
        'servflow: many.csv:3:2: error: cost must not be negative, got "-2"',
        'servflow: many.csv:4:1: error: coalition "A+A" names "A" twice',
        'servflow: 3 errors in the input data; nothing was written',
        '',
      ].join('\n'),
    );
  });
});
