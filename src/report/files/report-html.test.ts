/**
 * report.html: escaping of every text (CLI.md "Safe"), no script and no
 * network reference, byte-identical output, text alternatives for every
 * chart and map, and — where Chromium is installed — a real render with
 * scripts/check-html.mjs (no console errors, no requests, fits a phone).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Analysis } from '../../analysis/analyze.js';
import { analyzeAsLoaded } from '../../testing/analysis.js';
import { loadDataset } from '../../io/load-dataset.js';
import { readBoundaries } from '../../io/read-boundaries.js';
import type { Dataset } from '../../model/types.js';
import type { Block, ReportDocument } from '../document.js';
import { displayNames } from '../names.js';
import { escapeHtml, htmlReport } from './report-html.js';
import { reportSet } from '../report-set.js';
import { buildVisuals, EN_HTML_LABELS, type MapBoundary } from '../visuals.js';
import { testSolvers } from '../../testing/solvers.js';

const solver = (await testSolvers()).highs;

const IMG = '<img src=x onerror=alert(1)>';
const FORMULA = '=HYPERLINK("http://x","y")';
const SERVICE = 'Nursery <script>alert("s")</script>';

const sample = loadDataset('data').dataset;
const boundaries = readBoundaries('data');

/** The sample with hostile names: Bobrowo and Brzozie (both partners with a share of the nursery's cost) and the nursery. */
function hostile(): Dataset {
  const rename: Record<string, string> = { Bobrowo: IMG, Brzozie: FORMULA };
  return {
    ...sample,
    municipalities: sample.municipalities.map((m) => ({ ...m, name: rename[m.name] ?? m.name })),
    services: sample.services.map((s) => (s.id === 'nursery' ? { ...s, name: SERVICE } : s)),
  };
}

/** A small document like the real one: findings, then a section per service with a table. */
function documentOf(analysis: Analysis, names: readonly string[]): ReportDocument {
  const blocks: Block[] = [
    { type: 'heading', level: 2, text: 'Findings' },
    { type: 'paragraph', lead: `${IMG}.`, text: `${FORMULA} & more 'quoted'` },
    { type: 'list', items: names },
  ];
  for (const result of analysis.services) {
    blocks.push({ type: 'heading', level: 2, text: result.service.name });
    blocks.push({
      type: 'table',
      table: {
        id: `imbalance-${result.service.id}`,
        title: `${result.service.name}: imbalance`,
        columns: [
          { key: 'municipality', label: 'Municipality', kind: 'text' },
          { key: 'partner', label: 'Partner', kind: 'boolean' },
          { key: 'balance', label: 'Balance', kind: 'integer' },
          { key: 'coverage', label: 'Coverage', kind: 'percent' },
        ],
        rows: result.municipalities.map((row, i) => [names[i], analysis.dataset.municipalities[i].partner, row.balance, row.coverage]),
        notes: [`Note about ${IMG}`],
      },
    });
  }
  return { lang: 'en', title: `Report on ${IMG}`, blocks };
}

function render(dataset: Dataset = hostile(), bounds: ReadonlyMap<string, MapBoundary> = boundaries): string {
  const analysis = analyzeAsLoaded(dataset, { solver });
  const names = displayNames(dataset.municipalities);
  return htmlReport(documentOf(analysis, names), buildVisuals(analysis, names, bounds, EN_HTML_LABELS));
}

const html = render();
/** The `<svg>` of every figure (legend swatches are aria-hidden). */
const figures = [...html.matchAll(/<figure[^>]*>\n<figcaption>.*<\/figcaption>\n(<svg[\s\S]*?<\/svg>)/g)].map((match) => match[1]);

describe('escapeHtml', () => {
  it('escapes the five markup characters and replaces control characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(escapeHtml('a\u0000b\u001bc\td')).toBe('a\ufffdb\ufffdc\td');
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
  });
});

describe('htmlReport', () => {
  it('shows a hostile municipality name only as text', () => {
    expect(html).not.toContain(IMG);
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain(escapeHtml(IMG));
    // In the title, findings, lists, tables, notes, charts, map labels and text alternatives alike.
    expect(html.split(escapeHtml(IMG)).length - 1).toBeGreaterThan(10);
  });

  it('shows a formula-like name as text', () => {
    expect(html).not.toContain(FORMULA);
    expect(html).toContain('=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)');
    expect(html).toMatch(/<td data-label="Municipality">=HYPERLINK\(&quot;http:\/\/x&quot;,&quot;y&quot;\)<\/td>/);
  });

  it('has no script and refers to nothing outside the page', () => {
    expect(html).not.toMatch(/<script/i);
    // Text is escaped, so every `<` opens a real tag: no tag may carry an event handler or a link.
    for (const [tag] of html.matchAll(/<[^>]*>/g)) expect(tag).not.toMatch(/\s(on[a-z]+|src|href|xlink:href|action|srcset|formaction)\s*=/i);
    expect(html).not.toMatch(/url\(|@import|<link|<iframe|<object|<embed|<img/i);
    // The formula-like name, whole or cut short with "…" in a chart label, is the only text with a URL.
    const withoutEscapedText = html.replace(/=HYPERLINK\(&quot;http:\/\/x(&quot;,&quot;y&quot;\)|…)/g, '');
    expect(withoutEscapedText).not.toMatch(/https?:\/\//i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
  });

  it('is deterministic: two builds give the same bytes, coordinates have one decimal at most', () => {
    expect(render()).toBe(html);
    for (const svg of figures) expect(svg).not.toMatch(/\s(x|y|x1|y1|x2|y2|cx|cy|r|width|height|d|stroke-width|viewBox)="[^"]*\d\.\d{2,}/);
    expect(html).not.toMatch(/NaN|undefined|Infinity|\[object/);
  });

  it('gives every chart and map a text alternative', () => {
    // Every service: coverage map, flow map and balance; the nursery and the preschool also cost shares (they have cost sharing).
    expect(figures).toHaveLength(11);
    for (const svg of figures) {
      expect(svg).toMatch(/^<svg viewBox="0 0 [\d.]+ [\d.]+" width="100%" role="img" aria-label="[^"]{20,}">\n<title>[^<]+<\/title>\n<desc>[^<]{20,}<\/desc>/);
    }
    for (const swatch of html.match(/<svg class="swatch"[^>]*>/g) ?? []) expect(swatch).toContain('aria-hidden="true"');
    const map = figures.find((svg) => svg.includes('flows between municipalities'))!;
    expect(map).toContain(`${escapeHtml(IMG)} → Brodnica (urban)`);
  });

  it('places the charts after the findings and renders cells by kind', () => {
    const order = ['<h2>Findings</h2>', '<h2>Charts and maps</h2>', `<h2>${escapeHtml(SERVICE)}</h2>`];
    const at = order.map((text) => html.indexOf(text));
    expect(at.every((position) => position > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(html).toMatch(/<td data-label="Balance" class="num">−77<\/td><td data-label="Coverage" class="num">72\.2 %<\/td>/);
    expect(html).toContain('<td data-label="Partner">yes</td>');
  });

  it('has balanced tags', () => {
    const voids = new Set(['meta', 'br', 'hr', 'img', 'input', 'link']);
    const stack: string[] = [];
    for (const [tag, close, name, selfClosing] of html.matchAll(/<(\/?)([a-zA-Z][\w-]*)[^>]*?(\/?)>/g)) {
      if (voids.has(name) || selfClosing) continue;
      if (!close) stack.push(name);
      else expect(stack.pop(), tag).toBe(name);
    }
    expect(stack).toEqual([]);
  });
});

describe('buildVisuals', () => {
  const analysis = analyzeAsLoaded(sample, { solver });
  const names = displayNames(sample.municipalities);

  it('matches a boundary whose TERYT type digit changed', () => {
    const moved = new Map([...boundaries].map(([id, boundary]) => [id === '0402073' ? '0402072' : id, boundary]));
    const map = (bounds: ReadonlyMap<string, MapBoundary>) => buildVisuals(analysis, names, bounds).services[0].figures.find((f) => f.kind === 'map')!;
    expect(map(moved).shapes).toEqual(map(boundaries).shapes);
  });

  it('draws municipalities as points without boundaries, and no map without coordinates either', () => {
    const points = buildVisuals(analysis, names, new Map()).services[0].figures.find((f) => f.kind === 'map')!;
    expect(points.shapes.some((s) => s.type === 'path' && s.className.startsWith('area'))).toBe(false);
    expect(points.legend.map((item) => item.label)).toContain(EN_HTML_LABELS.noBoundaries);
    const nowhere = { ...sample, municipalities: sample.municipalities.map(({ lat: _lat, lon: _lon, ...m }) => m) };
    const visuals = buildVisuals(analyzeAsLoaded(nowhere), names, new Map());
    expect(visuals.services.flatMap((s) => s.figures.map((f) => f.kind))).toEqual(['balance', 'balance', 'balance']);
  });

  it('draws the largest flows with widths that grow with volume, and says how many small ones it left out', () => {
    const nursery = buildVisuals(analysis, names, boundaries).services[0];
    const map = nursery.figures.find((f) => f.kind === 'map')!;
    const widths = map.shapes.flatMap((s) => (s.type === 'group' ? s.shapes.flatMap((part) => (part.type === 'path' && part.strokeWidth !== undefined ? [part.strokeWidth] : [])) : []));
    expect(widths.length).toBeGreaterThan(5);
    expect([...widths].sort((a, b) => b - a)).toEqual(widths);
    // Estimated flows: only the main ones, the cut-off (the smallest drawn) stated.
    const smallest = Math.min(...map.description.slice(0, -1).map((line) => Number(line.split(': ')[1])));
    expect(map.description.at(-1)).toMatch(new RegExp(`^Only the main flows are drawn: the ${widths.length / 1} largest, from ${smallest} residents up; \\d+ smaller flows are left out`));
    // Observed flows: every one from 3 % of the largest up (the sample's preschool draws all of them).
    const preschool = buildVisuals(analysis, names, boundaries).services[1].figures.find((f) => f.kind === 'map')!;
    expect(preschool.description.some((line) => /not drawn|left out/.test(line))).toBe(false);
  });
});

const chromium = ['chromium', 'chromium-browser', 'google-chrome'].find((name) => spawnSync('sh', ['-c', `command -v ${name}`]).status === 0);

describe('in headless Chromium', () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'servflow-html-test-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it.skipIf(!chromium)(
    'renders without console errors or requests, readable at 1280 px and 390 px',
    () => {
      const page = path.join(scratch, 'report.html');
      writeFileSync(page, html);
      const run = spawnSync(process.execPath, ['scripts/check-html.mjs', page, '--no-screenshots'], { encoding: 'utf8', timeout: 120_000 });
      expect(run.stderr.split('\n').filter((line) => line.startsWith('check-html:'))).toEqual([]);
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/desktop 1280px: 11 charts\/maps, 3 tables \(0 wider than their container\), page 1280×/);
      expect(run.stdout).toMatch(/phone 390px: 11 charts\/maps, 3 tables \(0 wider than their container\), page 390×/);
    },
    120_000,
  );

  it.skipIf(!chromium)(
    'the Polish report of ten gminy (fixtures/report/ten-gminy) fits 1280 px and 390 px: no table wider than its column, chart text ≥ 10 px',
    async () => {
      // Its manifest reads data/poland's files: the project's root is the data root.
      const loaded = loadDataset('fixtures/report/ten-gminy', { root: '.' });
      const files = await reportSet(analyzeAsLoaded(loaded.dataset, { solver }), [], { lang: 'pl', formats: ['html'], boundaries: readBoundaries(loaded.folder, loaded.boundaries) });
      const page = path.join(scratch, 'ten-gminy.html');
      writeFileSync(page, files.get('report.html') as string);
      const run = spawnSync(process.execPath, ['scripts/check-html.mjs', page, '--no-screenshots'], { encoding: 'utf8', timeout: 120_000 });
      expect(run.stderr.split('\n').filter((line) => line.startsWith('check-html:'))).toEqual([]);
      expect(run.status).toBe(0);
      // Three services: a coverage map, a flow map and a balance chart each.
      expect(run.stdout).toMatch(/desktop 1280px: 9 charts\/maps, \d+ tables \(0 wider than their container\), page 1280×/);
      expect(run.stdout).toMatch(/phone 390px: 9 charts\/maps, \d+ tables \(0 wider than their container\), page 390×/);
    },
    120_000,
  );
});
