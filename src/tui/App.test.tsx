/**
 * The explorer driven key by key through ink-testing-library, comparing the
 * frames it draws (colours off, as under NO_COLOR). Figures come from the
 * hand-worked fixture (fixtures/analysis/hand-imbalance/WORKED.md).
 */
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeAsLoaded } from '../testing/analysis.js';
import { loadDataset } from '../io/load-dataset.js';
import { App } from './App.js';
import { explorerData, type Size } from './view-model.js';
import { frame, KEYS, press, tick, type Explorer } from '../testing/ink.js';

const data = explorerData(analyzeAsLoaded(loadDataset('fixtures/analysis/hand-imbalance').dataset));

let running: Explorer | undefined;
afterEach(() => running?.unmount());

/** The explorer at `size`, or at the size its output stream reports. */
async function explorer(size: Size | 'stream' = { columns: 80, rows: 16 }): Promise<Explorer> {
  running = render(<App data={data} color={false} {...(size === 'stream' ? {} : { size })} />);
  await tick();
  return running;
}

const cursorLine = (app: Explorer): string | undefined => frame(app).find((text) => text.startsWith('›'));

const TABLE_NURSERY = [
  'servflow explore · hand-imbalance · 5 municipalities, 4 partners · 1 warning (w)',
  '  [nursery] preschool',
  '    municipality▲   supply  demand  balance   −│+    net flow class       access',
  '› • Alfa                60      50      +10    │██        +12 hub           1.14',
  '  • Beta                 0      20      −20 ███│          −16 underserv.    0.89',
  '  • Delta               30      30        0    │           −3 self-suff.    0.83',
  '    Epsilon             25      10      +15    │██        +27 underserv.    0.71',
  '  • Gamma               25      40      −15  ██│          −20 dependent     0.83',
  '',
  '',
  '',
  '',
  '',
  '1–5 of 5 · sorted by municipality ▲',
  '↑↓ move enter open i invest ←→ service s sort / filter esc back ? help q quit',
];

const DETAIL_ALFA_NURSERY = [
  'servflow explore · hand-imbalance · 5 municipalities, 4 partners · 1 warning (w)',
  '  [nursery] preschool',
  'Alfa  0401011 · urban · alfa county · population 12,000 · partner',
  '',
  'Figures (nursery)',
  'supply            60 places',
  'demand            50 residents in need',
  'balance           +10',
  'coverage          120 %',
  'users             60 = local 48 (inferred) + inflow 12',
  'served residents  48 = local 48 + outflow 0',
  'net flow          +12',
  'unmet             2',
  'spare             0',
  'self-sufficiency  100 %',
  'dependency        0 %',
  'attraction        20 %',
  'class             hub',
  'access (2SFCA)    1.141 places per person in need',
  'PageRank          0.2169',
  'service area      1 (its core)',
  '',
  'Inflows: 12 users from 1 municipality',
  '• Beta                                  12    11.3 km',
  '',
  'Outflows',
  'no residents served elsewhere',
];

describe('servflow explore, key by key', () => {
  it('opens on the overview of the first service', async () => {
    const app = await explorer();
    const lines = frame(app);
    expect(lines.slice(0, 6)).toEqual([
      'servflow explore · hand-imbalance · 5 municipalities, 4 partners · 1 warning (w)',
      '  [nursery] preschool',
      '  service       flows    supply    demand coverage    unmet  Gini',
      '› nursery    observed       115       140     82 %        6  0.26',
      '  preschool  observed       325       320    102 %       10  0.22',
      '',
    ]);
    expect(lines[7]).toBe('partners       115 places for 140 in need · coverage 82 % · unmet 6 · spare 8');
    expect(lines).toHaveLength(15);
    // the dataset has a warning: the footer names the key of the warnings view
    expect(lines.at(-1)).toBe('↑↓ service enter municipalities i investments w warnings / filter ? help q quit');
  });

  it('↓ j ↑ k move between services on the overview', async () => {
    const app = await explorer();
    for (const [key, service] of [
      [KEYS.down, 'preschool'],
      [KEYS.up, 'nursery'],
      ['j', 'preschool'],
      ['k', 'nursery'],
    ]) {
      await press(app, key);
      expect(cursorLine(app)).toMatch(new RegExp(`^› ${service} `));
      expect(frame(app)[6]).toBe(service === 'nursery' ? 'Nursery — places, catchment 20 km' : 'Preschool — places, catchment 15 km');
    }
  });

  it('enter opens the municipalities table of the service', async () => {
    const app = await explorer();
    await press(app, KEYS.enter);
    expect(frame(app)).toEqual(TABLE_NURSERY);
  });

  it('↓ j ↑ k PgDn PgUp g G Home End move the cursor, scrolling a table taller than the terminal', async () => {
    const app = await explorer({ columns: 80, rows: 10 });
    await press(app, KEYS.enter);
    const steps: [string, string, string][] = [
      [KEYS.down, 'Beta', '1–4 of 5'],
      ['j', 'Delta', '1–4 of 5'],
      ['j', 'Epsilon', '2–5 of 5'],
      [KEYS.up, 'Delta', '1–4 of 5'],
      ['k', 'Beta', '1–4 of 5'],
      ['G', 'Gamma', '2–5 of 5'],
      ['g', 'Alfa', '1–4 of 5'],
      [KEYS.end, 'Gamma', '2–5 of 5'],
      [KEYS.home, 'Alfa', '1–4 of 5'],
      // a page is the rows in view less one
      [KEYS.pageDown, 'Epsilon', '2–5 of 5'],
      [' ', 'Gamma', '2–5 of 5'],
      [KEYS.pageUp, 'Beta', '1–4 of 5'],
    ];
    for (const [key, name, where] of steps) {
      await press(app, key);
      expect(cursorLine(app), JSON.stringify(key)).toMatch(new RegExp(`^› [• ] ${name} `));
      expect(frame(app).at(-2)).toBe(`${where} · sorted by municipality ▲`);
    }
    expect(frame(app)).toHaveLength(9);
  });

  it('tab, shift-tab, ← and → switch the service, keeping the view', async () => {
    const app = await explorer();
    await press(app, KEYS.enter);
    const steps: [string, string][] = [
      [KEYS.tab, '   nursery [preschool]'],
      [KEYS.tab, '  [nursery] preschool'],
      [KEYS.right, '   nursery [preschool]'],
      [KEYS.left, '  [nursery] preschool'],
      [KEYS.shiftTab, '   nursery [preschool]'],
    ];
    for (const [key, tabs] of steps) {
      await press(app, key);
      expect(frame(app)[1]).toBe(tabs);
      expect(frame(app)[2]).toMatch(/^ {4}municipality▲/);
    }
    // preschool: Alfa 200 places for 140 residents in need
    expect(frame(app)[3]).toBe('› • Alfa               200     140      +60    │███       +45 hub           1.12');
  });

  it('shift-tab and ← go the other way than tab and →', async () => {
    // a third service (a copy of the first under another id) tells the directions apart
    const analysis = data.analysis;
    const third = { ...analysis.services[0], service: { ...analysis.services[0].service, id: 'copy' } };
    running = render(<App data={explorerData({ ...analysis, services: [...analysis.services, third] })} color={false} size={{ columns: 80, rows: 16 }} />);
    const app = running;
    await tick();
    const steps: [string, string][] = [
      [KEYS.tab, '   nursery [preschool] copy'],
      [KEYS.shiftTab, '  [nursery] preschool  copy'],
      [KEYS.shiftTab, '   nursery  preschool [copy]'],
      [KEYS.right, '  [nursery] preschool  copy'],
      [KEYS.left, '   nursery  preschool [copy]'],
      [KEYS.left, '   nursery [preschool] copy'],
    ];
    for (const [key, tabs] of steps) {
      await press(app, key);
      expect(frame(app)[1], JSON.stringify(key)).toBe(tabs);
    }
  });

  it('s cycles the sort through every column, S reverses it', async () => {
    const app = await explorer();
    await press(app, KEYS.enter);
    const steps: [string, RegExp, string[]][] = [
      ['s', /supply▼/, ['Alfa', 'Delta', 'Epsilon', 'Gamma', 'Beta']],
      ['s', /demand▼/, ['Alfa', 'Gamma', 'Delta', 'Beta', 'Epsilon']],
      ['s', /balance▲/, ['Beta', 'Gamma', 'Delta', 'Alfa', 'Epsilon']],
      ['s', /net flow▼/, ['Epsilon', 'Alfa', 'Delta', 'Beta', 'Gamma']],
      ['s', /class▲/, ['Beta', 'Epsilon', 'Alfa', 'Gamma', 'Delta']],
      ['s', /access▲/, ['Epsilon', 'Delta', 'Gamma', 'Beta', 'Alfa']],
      ['S', /access▼/, ['Alfa', 'Beta', 'Delta', 'Gamma', 'Epsilon']],
      ['s', /municipality▲/, ['Alfa', 'Beta', 'Delta', 'Epsilon', 'Gamma']],
    ];
    for (const [key, header, order] of steps) {
      await press(app, key);
      const lines = frame(app);
      expect(lines[2]).toMatch(header);
      expect(lines.slice(3, 8).map((text) => text.slice(4).split(/\s{2,}/)[0])).toEqual(order);
    }
    expect(frame(app)).toEqual(TABLE_NURSERY);
  });

  it('enter drills into a municipality; esc and backspace go back', async () => {
    const app = await explorer({ columns: 80, rows: 40 });
    await press(app, KEYS.enter, KEYS.enter);
    expect(frame(app).slice(0, DETAIL_ALFA_NURSERY.length)).toEqual(DETAIL_ALFA_NURSERY);
    expect(frame(app).at(-1)).toBe('↑↓ scroll  ←→ service  esc back  ? help  q quit');
    await press(app, KEYS.escape);
    expect(frame(app)[2]).toMatch(/^ {4}municipality▲/);
    await press(app, KEYS.down, KEYS.enter);
    expect(frame(app)[2]).toBe('Beta  0401022 · rural · alfa county · population 6,000 · partner');
    await press(app, KEYS.backspace);
    expect(cursorLine(app)).toMatch(/^› • Beta /);
    await press(app, KEYS.ctrlH);
    expect(frame(app)[2]).toMatch(/^ {2}service/);
  });

  it('switching service in the detail keeps the municipality', async () => {
    const app = await explorer({ columns: 80, rows: 40 });
    await press(app, KEYS.enter, KEYS.enter, KEYS.tab);
    expect(frame(app)[2]).toMatch(/^Alfa /);
    expect(frame(app)).toContain('Figures (preschool)');
    expect(frame(app)).toContain('Inflows: 45 users from 2 municipalities');
  });

  it('↓ j ↑ k G g scroll a detail taller than the terminal', async () => {
    const app = await explorer();
    await press(app, KEYS.enter, KEYS.enter);
    expect(frame(app).at(-2)).toBe('lines 1–11 of 25 · ↑↓ scroll');
    expect(frame(app)[2]).toBe(DETAIL_ALFA_NURSERY[2]);
    await press(app, 'j', KEYS.down);
    expect(frame(app).at(-2)).toBe('lines 3–13 of 25 · ↑↓ scroll');
    expect(frame(app)[2]).toBe(DETAIL_ALFA_NURSERY[4]);
    await press(app, 'k');
    expect(frame(app).at(-2)).toBe('lines 2–12 of 25 · ↑↓ scroll');
    await press(app, 'G');
    expect(frame(app).at(-2)).toBe('lines 15–25 of 25 · ↑↓ scroll');
    expect(frame(app)[12]).toBe('no residents served elsewhere');
    await press(app, KEYS.up, 'g');
    expect(frame(app).at(-2)).toBe('lines 1–11 of 25 · ↑↓ scroll');
  });

  it('/ filters by name as it is typed; letters are text; backspace erases; enter keeps; esc clears', async () => {
    const app = await explorer();
    await press(app, '/');
    expect(frame(app)[2]).toMatch(/^ {4}municipality▲/);
    expect(frame(app).at(-1)).toBe('/▏   enter keep  esc clear  ↑↓ move');
    await press(app, 'a');
    expect(
      frame(app)
        .slice(3, 8)
        .map((text) => text.slice(4, 12).trim()),
    ).toEqual(['Alfa', 'Beta', 'Delta', 'Gamma', '']);
    expect(frame(app).at(-2)).toBe('1–4 of 4 (of 5) · sorted by municipality ▲ · filter "a"');
    await press(app, 'q', 'j', 's');
    expect(frame(app).at(-1)).toBe('/aqjs▏   enter keep  esc clear  ↑↓ move');
    expect(frame(app).at(-2)).toBe('no municipality matches "aqjs" · sorted by municipality ▲ · filter "aqjs"');
    await press(app, KEYS.backspace, KEYS.backspace, KEYS.backspace, 'm');
    expect(frame(app)[3]).toMatch(/^› • Gamma /);
    expect(frame(app)[4]).toBe('');
    await press(app, KEYS.enter);
    expect(frame(app).at(-1)).toBe('↑↓ move enter open i invest ←→ service s sort / filter esc back ? help q quit');
    expect(frame(app).at(-2)).toBe('1–1 of 1 (of 5) · sorted by municipality ▲ · filter "am"');
    await press(app, KEYS.enter);
    expect(frame(app)[2]).toMatch(/^Gamma /);
    // back in the table the filter is cleared and the cursor stays on Gamma
    await press(app, KEYS.escape, KEYS.escape);
    const onGamma = TABLE_NURSERY.map((text) => (text.startsWith('› • Alfa') ? `  ${text.slice(2)}` : text.startsWith('  • Gamma') ? `› ${text.slice(2)}` : text));
    expect(frame(app)).toEqual(onGamma);
    await press(app, '/', 'e', 'p', 's', KEYS.escape);
    expect(frame(app)).toEqual(onGamma);
  });

  it('Backspace as real terminals send it (DEL, 0x7f) erases in the filter, alone, in a chunk of typed keys, and as Ctrl-H', async () => {
    const app = await explorer();
    await press(app, '/', 'g', 'x');
    expect(frame(app).at(-1)).toBe('/gx▏   enter keep  esc clear  ↑↓ move');
    await press(app, '\u007f');
    expect(frame(app).at(-1)).toBe('/g▏   enter keep  esc clear  ↑↓ move');
    expect(frame(app)[3]).toMatch(/^› • Gamma /);
    // typed faster than the terminal is read: one chunk
    await press(app, 'amx\u007f\u007f');
    expect(frame(app).at(-1)).toBe('/ga▏   enter keep  esc clear  ↑↓ move');
    await press(app, KEYS.ctrlH, KEYS.ctrlH);
    expect(frame(app).at(-1)).toBe('/▏   enter keep  esc clear  ↑↓ move');
    // a chunk that opens the filter, types, erases and keeps it
    await press(app, KEYS.escape, '/dx\u007f\r');
    expect(frame(app).at(-2)).toBe('1–1 of 1 (of 5) · sorted by municipality ▲ · filter "d"');
  });

  it('w shows the data warnings; esc goes back where it came from', async () => {
    const app = await explorer();
    await press(app, 'w');
    const lines = frame(app);
    expect(lines[2]).toBe('Data warnings · 1 (servflow validate prints the same)');
    expect(lines[4]).toMatch(/^• \S+:\d+(:\d+)?: warning: /);
    expect(lines.at(-1)).toBe('↑↓ scroll  esc back  ? help  q quit');
    await press(app, KEYS.escape);
    expect(frame(app).at(-1)).toMatch(/^↑↓ service enter municipalities/);
    await press(app, KEYS.enter, 'w', KEYS.backspace);
    expect(frame(app)).toEqual(TABLE_NURSERY);
  });

  it('the filter ignores diacritics and matches ids', async () => {
    const app = await explorer();
    await press(app, '/', ...'0402013', KEYS.enter);
    expect(cursorLine(app)).toMatch(/^› {3}Epsilon /);
    expect(frame(app).at(-2)).toBe('1–1 of 1 (of 5) · sorted by municipality ▲ · filter "0402013"');
  });

  it('? opens the help; ? and esc close it', async () => {
    const app = await explorer({ columns: 80, rows: 30 });
    await press(app, KEYS.enter, '?');
    expect(frame(app).slice(2, 4)).toEqual(['Keys', '  ↑ ↓  j k         move (in a municipality: scroll)']);
    expect(frame(app)).toContain('  q                quit');
    expect(frame(app).at(-1)).toBe('? or esc close  q quit');
    await press(app, 'j', 's');
    expect(frame(app)[2]).toBe('Keys');
    await press(app, '?');
    expect(frame(app)).toEqual([...TABLE_NURSERY.slice(0, -2), ...Array(14).fill(''), ...TABLE_NURSERY.slice(-2)]);
    await press(app, '?', KEYS.escape);
    expect(frame(app)[2]).toMatch(/^ {4}municipality▲/);
  });

  it('q quits, from any view and from the help', async () => {
    for (const keys of [[], [KEYS.enter], [KEYS.enter, KEYS.enter], ['?']]) {
      const app = await explorer();
      await press(app, ...keys);
      expect(app.stdin.listenerCount('readable')).toBe(1);
      await press(app, 'q');
      expect(app.stdin.listenerCount('readable')).toBe(0);
      const frames = app.frames.length;
      await press(app, 'j');
      expect(app.frames.length).toBe(frames);
    }
  });

  it('follows the terminal size and redraws on resize', async () => {
    const app = await explorer('stream');
    // ink-testing-library reports 100 columns and no rows: 24 rows are assumed
    expect(frame(app)).toHaveLength(23);
    expect(frame(app)[0]).toBe('servflow explore · hand-imbalance · 5 municipalities, 4 partners · 1 warning (w)');
    await press(app, KEYS.enter, KEYS.enter);
    expect(frame(app)[4]).toMatch(/^Figures \(nursery\) +Inflows: 12 users from 1 municipality$/);
    Object.defineProperty(app.stdout, 'columns', { value: 60, configurable: true });
    Object.defineProperty(app.stdout, 'rows', { value: 12, configurable: true });
    app.stdout.emit('resize');
    await tick();
    const lines = frame(app);
    expect(lines).toHaveLength(11);
    expect(lines[0]).toBe('servflow explore · hand-imbalance · 5 municipalities, 4 par…');
    // the name and the facts about it no longer fit on one line
    expect(lines.slice(2, 6)).toEqual(['Alfa', '0401011 · urban · alfa county · population 12,000 · partner', '', 'Figures (nursery)']);
    expect(lines.at(-2)).toBe('lines 1–7 of 26 · ↑↓ scroll');
    for (const text of lines) expect([...text].length).toBeLessThanOrEqual(60);
  });

  it('asks for a larger terminal below 40×10', async () => {
    const app = await explorer({ columns: 39, rows: 20 });
    expect(frame(app).join(' ')).toContain('terminal too small: 39×20, need 40×10 (q quits)');
    await press(app, 'q');
    expect(app.stdin.listenerCount('readable')).toBe(0);
  });
});
