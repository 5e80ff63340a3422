/**
 * The investments view on the sample (data/) with cooperation solved by
 * HiGHS: the nursery service (capacity-aware estimate, 97 partner children
 * without a place) has no spare places to share, three facilities and cost
 * shares of four partners; the preschool service has agreements over
 * today's spare places, two expansions and cost shares under every rule;
 * primary schools agreements and nothing to build. Keys through
 * ink-testing-library (frames compared), lines through the view model.
 */
import { render } from 'ink-testing-library';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { analyzeAsLoaded } from '../testing/analysis.js';
import { loadSolver } from '../cli/solver.js';
import { loadDataset } from '../io/load-dataset.js';
import { App } from './App.js';
import { lineText } from './line.js';
import { INITIAL_STATE, update } from './state.js';
import { cells } from './text.js';
import { frame, KEYS, press, tick, widen, type Explorer } from '../testing/ink.js';
import { explorerData, screenModel, type ExplorerData, type ScreenModel } from './view-model.js';

let data: ExplorerData;
let plain: ExplorerData;
beforeAll(async () => {
  const dataset = loadDataset('data').dataset;
  data = explorerData(analyzeAsLoaded(dataset, { solver: await loadSolver() }));
  plain = explorerData(analyzeAsLoaded(dataset), undefined, 'off');
});

let running: Explorer | undefined;
afterEach(() => running?.unmount());

const screenText = (screen: ScreenModel): string[] => {
  const body = screen.body.kind === 'investments' ? [...screen.body.lines, ...(screen.body.status ? [screen.body.status] : [])] : [];
  return [...screen.header, ...body, screen.footer].map((value) => lineText(value).trimEnd());
};

const NURSERY_80 = [
  'servflow explore · Wspieramy rozwój naszych małych ojczyzn (2022) · 7 municipal…',
  '  [nursery] preschool  primary_school',
  'Investments and cost sharing · nursery (places)',
  '',
  'Agreements (§5)',
  'no agreements: no partner needs places another can spare',
  '',
  'Facilities (§6): 3, capex 6,000,000 PLN, 2,000,000 PLN a year',
  'municipality         kind       places  capex PLN  PLN a year',
  'Bobrowo              new            41  2,640,000     820,000',
  '    serves Bobrowo 27 (4.5 km), Wąpielsk 14 (18.4 km)',
  'Brzozie              new            19  1,760,000     380,000',
  '    serves Brzozie 19 (3.6 km)',
  'Jabłonowo Pomorskie  expansion      40  1,600,000     800,000',
  '    serves Jabłonowo Pomorskie 40 (4.4 km)',
  '',
  'Who pays (§7): cost shares in PLN',
  'municipality        stand-alone     by use   by population     Shapley    saving',
  'Bobrowo               2,080,122  1,620,169*      1,653,780*  1,540,226   539,896',
  'Brzozie               1,760,069  1,140,119*      1,021,517   1,760,069         0',
  'Jabłonowo Pomorsk…    1,600,175  2,400,250*      2,314,472*  1,600,175         0',
  'lines 1–19 of 35 · ↑↓ scroll',
  '↑↓ scroll  ←→ service  esc back  ? help  q quit',
];

/** The nursery screen as the terminal shows it. */
const NURSERY_FRAME = NURSERY_80;

const PRESCHOOL_80 = [
  'servflow explore · Wspieramy rozwój naszych małych ojczyzn (2022) · 7 municipal…',
  '   nursery [preschool] primary_school',
  'Investments and cost sharing · preschool (places)',
  '',
  'Agreements (§5): 3, 624,000 PLN a year',
  'buyer                   provider  places    km  PLN a year',
  'Bobrowo              →  Wąpielsk      27  18.4     432,000',
  'Brodnica (rural)     →  Wąpielsk       7  16.6     112,000',
  'Jabłonowo Pomorskie  →  Bobrowo        5  15.5      80,000',
  '',
  'Facilities (§6): 2, capex 1,845,000 PLN, 656,000 PLN a year',
  'municipality         kind       places  capex PLN  PLN a year',
  'Brzozie              expansion      21    945,000     336,000',
  '    serves Brzozie 21 (3.6 km)',
  'Jabłonowo Pomorskie  expansion      20    900,000     320,000',
  '    serves Jabłonowo Pomorskie 20 (4.4 km)',
  '',
  'Who pays (§7): cost shares in PLN',
  'municipality         stand-alone   by use   by population   Shapley   saving',
  'Brzozie                  945,077  945,084*        565,010   945,077        0',
  'Jabłonowo Pomorskie      900,087  900,080       1,280,154*  900,087        0',
  'lines 1–19 of 32 · ↑↓ scroll',
  '↑↓ scroll  ←→ service  esc back  ? help  q quit',
];

describe('the investments view (keys)', () => {
  it('i opens it from the overview; tab to preschool; j and PgDn scroll, PgUp back up; esc returns to the overview', async () => {
    running = render(<App data={data} color={false} size={{ columns: 80, rows: 24 }} />);
    await tick();
    await press(running, 'i');
    expect(frame(running)).toEqual(NURSERY_FRAME);
    await press(running, KEYS.tab);
    expect(frame(running)).toEqual(PRESCHOOL_80);
    await press(running, 'j', 'j');
    expect(frame(running)[2]).toBe('Agreements (§5): 3, 624,000 PLN a year');
    expect(frame(running).at(-2)).toBe('lines 3–21 of 32 · ↑↓ scroll');
    await press(running, KEYS.pageDown);
    const bottom = frame(running);
    expect(bottom.at(-2)).toBe('lines 14–32 of 32 · ↑↓ scroll');
    expect(bottom).toContain('municipality            SCRB   nucleolus');
    expect(bottom).toContain('Brzozie              945,077     945,077');
    expect(bottom).toContain('Shapley        in the core (all 2 coalitions checked)');
    expect(bottom).toContain('SCRB           in the core (all 2 coalitions checked)');
    expect(bottom).toContain('nucleolus      in the core (all 2 coalitions checked)');
    expect(bottom).toContain('* not in the core: a coalition with this municipality pays more than on its own');
    await press(running, KEYS.pageUp, KEYS.pageUp);
    expect(frame(running)).toEqual(PRESCHOOL_80);
    await press(running, KEYS.escape);
    expect(frame(running).at(-1)).toMatch(/^↑↓ service {1,2}enter municipalities {1,2}i investments /);
    expect(frame(running)[2]).toMatch(/^ {2}service +flows/);
  });

  it('tab, → and ← switch service; a service without facilities says so', async () => {
    running = render(<App data={data} color={false} size={{ columns: 80, rows: 24 }} />);
    await tick();
    await press(running, 'i', KEYS.right, KEYS.right);
    const school = frame(running);
    expect(school[1]).toBe('   nursery  preschool [primary_school]');
    expect(school[2]).toBe('Investments and cost sharing · primary_school (places)');
    expect(school).toContain('Agreements (§5): 5, 700,000 PLN a year');
    expect(school.some((text) => /^Brodnica \(urban\) +→ +Jabłonowo Pomorskie +36 +25\.2 +504,000$/.test(text))).toBe(true);
    expect(school).toContain('no investment needed: no residual demand a new facility or expansion would serve');
    expect(school).toContain('no costs to share: nothing to build');
    await press(running, KEYS.left);
    expect(frame(running)).toEqual(PRESCHOOL_80);
    await press(running, KEYS.left);
    expect(frame(running)).toEqual(NURSERY_FRAME);
  });

  it('i opens it from the municipalities table; backspace returns to the table', async () => {
    running = render(<App data={data} color={false} size={{ columns: 80, rows: 24 }} />);
    await tick();
    await press(running, KEYS.enter, KEYS.down, 'i');
    expect(frame(running)).toEqual(NURSERY_FRAME);
    await press(running, KEYS.backspace);
    const table = frame(running);
    expect(table.at(-1)).toBe('↑↓ move enter open i invest ←→ service s sort / filter esc back ? help q quit');
    expect(table.find((text) => text.startsWith('›'))).toMatch(/^› {3}Brodnica \(rural\)/);
    // from the table, esc goes on to the overview
    await press(running, KEYS.escape);
    expect(frame(running)[2]).toMatch(/^ {2}service +flows/);
  });

  it('says the results are being solved, and fills in when the explorer gets them', async () => {
    const computing = explorerData(
      data.analysis,
      data.analysis.services.map(() => undefined),
      'computing',
    );
    running = render(<App data={computing} color={false} size={{ columns: 80, rows: 24 }} />);
    await tick();
    await press(running, 'i');
    expect(frame(running).slice(2, 6)).toEqual([
      'Investments and cost sharing · nursery (places)',
      '',
      'Solving agreements, facilities and cost shares (docs/methods.md §5–§7)… this',
      'view fills in when they are ready.',
    ]);
    running.rerender(<App data={data} color={false} size={{ columns: 80, rows: 24 }} />);
    await tick();
    expect(frame(running)).toEqual(NURSERY_FRAME);
  });

  it('the help lists i', async () => {
    running = render(<App data={data} color={false} size={{ columns: 80, rows: 24 }} />);
    await tick();
    await press(running, '?');
    expect(frame(running)).toContain('  i                investments and cost sharing of the service (esc: back)');
  });
});

describe('the investments view (model)', () => {
  const state = { ...INITIAL_STATE, view: 'investments' as const, from: 'overview' as const };

  it('at 80×24: one column of 80 cells, scrolling', () => {
    const screen = screenModel(data, { ...state, service: 1 }, { columns: 80, rows: 24 });
    expect(screen.body.kind).toBe('investments');
    expect(screenText(screen)).toEqual(PRESCHOOL_80);
    expect(screen.bounds.scrollMax).toBe(13);
    expect(screenText(screen).every((text) => cells(text) <= 80)).toBe(true);
  });

  it('at 200×50: everything on one screen, who each facility serves in a column, SCRB and the nucleolus with their core checks', () => {
    const screen = screenModel(data, { ...state, service: 1 }, { columns: 200, rows: 50 });
    const text = screenText(screen);
    expect(screen.body.kind === 'investments' && screen.body.status).toBe(undefined);
    expect(screen.bounds.scrollMax).toBe(0);
    expect(text).toContain('municipality         kind       places  capex PLN  PLN a year  serves');
    expect(text).toContain('Brzozie              expansion      21    945,000     336,000  Brzozie 21 (3.6 km)');
    expect(text).toContain('Jabłonowo Pomorskie  expansion      20    900,000     320,000  Jabłonowo Pomorskie 20 (4.4 km)');
    expect(text).toContain('Brzozie                  945,077  945,084*        565,010   945,077        0');
    expect(text).toContain('Jabłonowo Pomorskie      900,087  900,080       1,280,154*  900,087        0');
    expect(text).toContain('Jabłonowo Pomorskie  900,087     900,087');
    expect(text).toContain('by population  not in the core: 1 coalition pays more than on its own, most {Jabłonowo Pomorskie} +380,067 PLN');
    expect(text.every((value) => cells(value) <= 200)).toBe(true);
  });

  it('at 80 and 120 columns: columns never run together, a name too long is cut with …', async () => {
    // Short names (as wide as the "municipality" title), large shares and a negative saving, as on a national run.
    const c = data.cooperation[0]!;
    // …and the Shapley value of the first not in the core, so that its column carries the mark `*`.
    const shares = c.costShares!.map((share, k) => (k === 0 ? { ...share, shapley: 6_506_787, saving: -1_006_346, inCore: { ...share.inCore, shapley: false } } : share));
    const shapleyOut = c.core!.map((check) => (check.rule === 'shapley' ? { ...check, violations: [{ ...c.core![1].violations[0], coalition: [shares[0].municipality] }] } : check));
    const rename = (names: readonly string[]) =>
      names.map((name, i) => (i === shares[1].municipality ? 'Gmina o bardzo długiej nazwie wiejskiej i miejskiej' : name.length > 12 ? name.slice(0, 12) : name));
    const wide = { ...data, names: rename(data.names), cooperation: [{ ...c, costShares: shares, core: shapleyOut }, ...data.cooperation.slice(1)] } as ExplorerData;
    for (const columns of [80, 120]) {
      running = render(<App data={wide} color={false} size={{ columns, rows: 60 }} />);
      widen(running, columns);
      await tick();
      await press(running, 'i');
      const text = frame(running);
      expect(text.every((value) => cells(value) <= columns)).toBe(true);
      const head = text.find((value) => value.startsWith('municipality') && value.includes('stand-alone'))!;
      expect(head).toMatch(/^municipality +stand-alone {2,}by use {2,}by population {2,}Shapley {2,}saving$/);
      const first = text[text.indexOf(head) + 1];
      expect(first).toMatch(/6,506,787\* {2,}-1,006,346$/);
      const long = text[text.indexOf(head) + 2];
      expect(long).toMatch(columns === 80 ? /^Gmina o bar\S*… +1,760,069/ : /^Gmina o bardzo długiej nazwie wiejskiej i miejskiej +1,760,069/);
      // Every value ends under the end of its title (right-aligned columns, the mark cell after it).
      const end = (line: string, word: string): number => line.indexOf(word) + word.length;
      expect(end(first, '6,506,787')).toBe(end(head, 'Shapley'));
      running.unmount();
      running = undefined;
    }
  });

  it('shows ± SE with Monte-Carlo Shapley values, and says when the nucleolus was not computed', () => {
    const c = data.cooperation[1]!;
    const monteCarlo = {
      ...data,
      cooperation: [
        data.cooperation[0],
        { ...c, exact: false, nucleolusComputed: false, costShares: c.costShares!.map((s) => ({ ...s, shapleySE: 1234, nucleolus: undefined })) },
        ...data.cooperation.slice(2),
      ],
    };
    const text = screenText(screenModel(monteCarlo, { ...state, service: 1 }, { columns: 200, rows: 50 }));
    expect(text.some((value) => value.includes('945,077 ±1,234'))).toBe(true);
    expect(text).toContain('Brzozie              945,077           –');
    expect(text).toContain('nucleolus not computed: more than 12 players in a group, or the stand-alone costs add up to less than the bill');
  });

  it('says when cooperation was not computed', () => {
    const text = screenText(screenModel(plain, state, { columns: 80, rows: 24 }));
    expect(text).toContain('Cooperation (docs/methods.md §5–§7) was not computed: the explorer was opened');
  });

  it('is reached only from the overview and the table, and goes back where it came from', () => {
    const bounds = screenModel(data, INITIAL_STATE, { columns: 80, rows: 24 }).bounds;
    expect(update({ ...INITIAL_STATE, view: 'detail' }, { type: 'investments' }, bounds).view).toBe('detail');
    const fromTable = update({ ...INITIAL_STATE, view: 'municipalities' }, { type: 'investments' }, bounds);
    expect(fromTable).toMatchObject({ view: 'investments', from: 'municipalities' });
    expect(update(fromTable, { type: 'back' }, bounds).view).toBe('municipalities');
    expect(update({ ...fromTable, from: undefined }, { type: 'back' }, bounds).view).toBe('overview');
  });
});
