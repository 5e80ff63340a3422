/**
 * report.html (CLI.md "Report set"): one self-contained page — inline CSS
 * and inline SVG, no script, no font, image or link that would reach the
 * network — with the document's headings, findings and tables, and the
 * charts and maps of `HtmlVisuals` after the findings.
 *
 * Safe: every text from the document or the data passes `escapeHtml`, in
 * element content and attributes alike; a Content-Security-Policy forbids
 * scripts and any request in case something slipped through anyway.
 * Deterministic: no dates, ids from positions, numbers rounded in visuals.
 */
import { shownRows, type Block, type CellValue, type Column, type ReportDocument, type TableModel } from '../document.js';
import type { Figure, HtmlVisuals, LegendItem, Shape } from '../visuals.js';

// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f&<>"']/;

/** Text as HTML (content or a quoted attribute); control characters, which HTML forbids, become U+FFFD. */
export function escapeHtml(text: string): string {
  // Most texts (numbers, most names) need nothing: one test instead of six replacements.
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const NUMERIC_KINDS = new Set(['integer', 'number', 'decimal', 'percent', 'money', 'km', 'share']);
/** Text cells longer than this may wrap. */
const LONG_TEXT = 40;

export function htmlReport(document: ReportDocument, visuals: HtmlVisuals): string {
  const at = figuresPosition(document.blocks);
  const body: string[] = [];
  let heading = '';
  document.blocks.forEach((block, k) => {
    if (k === at) body.push(figures(visuals));
    if (!(block.type === 'heading' && block.level === 1 && block.text === document.title)) body.push(renderBlock(block, visuals, heading));
    heading = block.type === 'heading' ? block.text : '';
  });
  if (at >= document.blocks.length) body.push(figures(visuals));
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(document.lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(document.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<h1>${escapeHtml(document.title)}</h1>`,
    ...body.filter((part) => part !== ''),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** After the findings: before the first table or the second section heading, whichever comes first. */
function figuresPosition(blocks: readonly Block[]): number {
  let sections = 0;
  for (let k = 0; k < blocks.length; k++) {
    const block = blocks[k];
    if (block.type === 'table') return k;
    if (block.type === 'heading' && block.level === 2 && ++sections === 2) return k;
  }
  return blocks.length;
}

/** A block; `heading` is the text of the heading just before it ('' if none), which a table's caption does not repeat on screen. */
function renderBlock(block: Block, visuals: HtmlVisuals, heading: string): string {
  switch (block.type) {
    case 'heading': {
      // The page's h1 is the document's title; a level-1 heading in the blocks becomes a section.
      const level = Math.max(2, block.level);
      return `<h${level}>${escapeHtml(block.text)}</h${level}>`;
    }
    case 'paragraph':
      return `<p>${block.lead ? `<strong>${escapeHtml(block.lead)}</strong> ` : ''}${escapeHtml(block.text)}</p>`;
    case 'list':
      return `<ul>\n${block.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('\n')}\n</ul>`;
    case 'table':
      return renderTable(block.table, visuals, heading);
  }
}

/**
 * A table that fits its column: headers wrap, and columns marked `secondary`
 * (figures derived from others or seldom read) move into a second table in a
 * `<details>` element under it, with the first column again, so every figure
 * stays on the page. On a phone the rows become cards (CSS), each cell with
 * its header from `data-label`.
 */
function renderTable(table: TableModel, visuals: HtmlVisuals, heading: string): string {
  const shown = shownRows(table);
  const all = table.columns.map((_, k) => k);
  const secondary = all.filter((k) => k > 0 && table.columns[k].secondary);
  const main = all.filter((k) => !secondary.includes(k));
  const notes = shown.notes.map((note) => `<p class="note">${escapeHtml(note)}</p>`);
  const parts = [tableHtml(table, main, shown.rows, visuals, table.title, table.title === heading)];
  if (secondary.length > 0) {
    const names = secondary.map((k) => table.columns[k].label);
    parts.push(
      `<details class="more-columns">`,
      `<summary>${escapeHtml(visuals.moreColumns(names))}</summary>`,
      tableHtml(table, [0, ...secondary], shown.rows, visuals, `${table.title}: ${names.join(', ')}`, false),
      '</details>',
    );
  }
  return [...parts, ...notes].join('\n');
}

function tableHtml(table: TableModel, columns: readonly number[], rows: readonly (readonly CellValue[])[], visuals: HtmlVisuals, title: string, captionHidden: boolean): string {
  const numeric = table.columns.map((column) => NUMERIC_KINDS.has(column.kind));
  const head = columns.map((k) => `<th scope="col"${numeric[k] ? ' class="num"' : ''}>${escapeHtml(table.columns[k].label)}</th>`).join('');
  const labels = table.columns.map((column) => escapeHtml(column.label));
  const cell = (value: CellValue, k: number): string => {
    const text = cellText(value, table.columns[k], visuals);
    // Long text wraps more readily; numbers stay on one line.
    return `<td data-label="${labels[k]}"${numeric[k] ? ' class="num"' : text.length > LONG_TEXT ? ' class="long"' : ''}>${escapeHtml(text)}</td>`;
  };
  return [
    `<div class="table-scroll" role="region" aria-label="${escapeHtml(title)}" tabindex="0">`,
    '<table>',
    `<caption${captionHidden ? ' class="visually-hidden"' : ''}>${escapeHtml(title)}</caption>`,
    `<thead><tr>${head}</tr></thead>`,
    '<tbody>',
    ...rows.map((row) => `<tr>${columns.map((k) => cell(row[k], k)).join('')}</tr>`),
    '</tbody>',
    '</table>',
    '</div>',
  ].join('\n');
}

function cellText(value: CellValue, column: Column | undefined, visuals: HtmlVisuals): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? visuals.yes : visuals.no;
  if (typeof value === 'string') return value;
  if (Number.isNaN(value)) return '–';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  const kind = column && column.kind !== 'text' && column.kind !== 'boolean' ? column.kind : 'decimal';
  return visuals.cell(value, kind);
}

// --- figures -----------------------------------------------------------------

function figures(visuals: HtmlVisuals): string {
  if (visuals.services.every((service) => service.figures.length === 0)) return '';
  let count = 0;
  const sections = visuals.services
    .filter((service) => service.figures.length > 0)
    .map((service) =>
      [
        `<section class="service-figures">`,
        `<h3>${escapeHtml(service.heading)}</h3>`,
        `<div class="figures">`,
        ...service.figures.map((figure) => renderFigure(figure, ++count)),
        '</div>',
        '</section>',
      ].join('\n'),
    );
  return [`<section class="charts">`, `<h2>${escapeHtml(visuals.heading)}</h2>`, ...sections, '</section>'].join('\n');
}

function renderFigure(figure: Figure, number: number): string {
  const id = `figure-${number}`;
  return [
    `<figure class="chart chart-${figure.kind}" id="${id}">`,
    `<figcaption>${escapeHtml(figure.title)}</figcaption>`,
    `<svg viewBox="0 0 ${num(figure.width)} ${num(figure.height)}" width="100%" role="img" aria-label="${escapeHtml(figure.summary)}">`,
    `<title>${escapeHtml(figure.title)}</title>`,
    `<desc>${escapeHtml([figure.summary, ...figure.description].join('\n'))}</desc>`,
    ...figure.shapes.map(renderShape),
    '</svg>',
    figure.legend.length > 0 ? `<ul class="legend">${figure.legend.map(renderLegendItem).join('')}</ul>` : '',
    '</figure>',
  ]
    .filter((part) => part !== '')
    .join('\n');
}

function num(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return String(rounded === 0 ? 0 : rounded);
}

function tip(text: string | undefined): string {
  return text === undefined ? '' : `<title>${escapeHtml(text)}</title>`;
}

function renderShape(shape: Shape): string {
  const cls = `class="${escapeHtml(shape.className)}"`;
  switch (shape.type) {
    case 'rect':
      return `<rect ${cls} x="${num(shape.x)}" y="${num(shape.y)}" width="${num(shape.width)}" height="${num(shape.height)}">${tip(shape.tip)}</rect>`;
    case 'line':
      return `<line ${cls} x1="${num(shape.x1)}" y1="${num(shape.y1)}" x2="${num(shape.x2)}" y2="${num(shape.y2)}"/>`;
    case 'path':
      return `<path ${cls} d="${escapeHtml(shape.d)}"${shape.strokeWidth !== undefined ? ` stroke-width="${num(shape.strokeWidth)}"` : ''}>${tip(shape.tip)}</path>`;
    case 'circle':
      return `<circle ${cls} cx="${num(shape.cx)}" cy="${num(shape.cy)}" r="${num(shape.r)}">${tip(shape.tip)}</circle>`;
    case 'text':
      return `<text ${cls} x="${num(shape.x)}" y="${num(shape.y)}"${shape.anchor && shape.anchor !== 'start' ? ` text-anchor="${shape.anchor}"` : ''}>${escapeHtml(shape.text)}</text>`;
    case 'group':
      return `<g ${cls}>${tip(shape.tip)}${shape.shapes.map(renderShape).join('')}</g>`;
  }
}

function renderLegendItem(item: LegendItem): string {
  const label = `<span>${escapeHtml(item.label)}</span>`;
  const cls = escapeHtml(item.className);
  if (item.kind === 'fill')
    return `<li><svg class="swatch" viewBox="0 0 14 14" width="14" height="14" aria-hidden="true"><rect class="${cls}" x="0.5" y="0.5" width="13" height="13"/></svg>${label}</li>`;
  if (item.kind === 'line')
    return `<li><svg class="swatch" viewBox="0 0 32 16" width="32" height="16" aria-hidden="true"><g class="${cls}"><line class="shaft" x1="2" y1="8" x2="30" y2="8" stroke-width="${num(item.width ?? 1)}"/></g></svg>${label}</li>`;
  return `<li class="note ${cls}">${label}</li>`;
}

const STYLE = `
:root{color-scheme:light;--ink:#1d2430;--muted:#5b6573;--rule:#d6dbe2;--head:#f2f4f7;--surplus:#2b6cb0;--deficit:#d9661f;--flow:#1f5fa8;--estimated:#b8560f;--partner-area:#dce8f5;--neighbour-area:#eef0f2}
*{box-sizing:border-box}
body{margin:0;background:#fff;color:var(--ink);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans","Liberation Sans",Arial,sans-serif;-webkit-text-size-adjust:100%}
main{max-width:1160px;margin:0 auto;padding:1.5rem 1.25rem 3rem}
h1{font-size:1.75rem;line-height:1.25;margin:0 0 1rem}
h2{font-size:1.35rem;margin:2rem 0 .75rem;padding-top:.5rem;border-top:1px solid var(--rule)}
h3{font-size:1.1rem;margin:1.5rem 0 .5rem}
h4{font-size:1rem;margin:1.25rem 0 .5rem}
p,ul{max-width:75ch}
p.note{color:var(--muted);font-size:.875rem;margin-top:-.75rem}
.table-scroll{overflow-x:auto;max-width:100%;margin:.5rem 0 1.25rem;border:1px solid var(--rule);border-radius:4px}
.table-scroll:focus{outline:2px solid var(--surplus);outline-offset:2px}
table{border-collapse:collapse;font-size:.875rem;width:100%}
caption{caption-side:top;text-align:left;font-weight:600;padding:.5rem .6rem}
.visually-hidden{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
th,td{padding:.3rem .45rem;border-top:1px solid var(--rule);text-align:left;vertical-align:top;background:#fff;overflow-wrap:normal;hyphens:manual}
th{background:var(--head);font-weight:600;vertical-align:bottom;line-height:1.25}
td.long{min-width:12rem}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
th.num{white-space:normal}
tbody tr:nth-child(even) td{background:#f8f9fb}
details.more-columns{margin:-.75rem 0 1.25rem}
details.more-columns summary{cursor:pointer;color:var(--muted);font-size:.875rem;padding:.25rem 0}
details.more-columns .table-scroll{margin-top:.25rem}
.charts h3{margin-top:1.75rem}
.figures{display:grid;grid-template-columns:minmax(0,1fr);gap:1.5rem 2rem;align-items:start}
@media (min-width:960px){.figures{grid-template-columns:repeat(2,minmax(0,1fr))}}
figure{margin:0;min-width:0}
figcaption{font-weight:600;font-size:.95rem;margin-bottom:.35rem}
figure>svg{display:block;width:100%;height:auto;max-width:600px}
svg text{font-family:inherit;font-size:12px;fill:var(--ink)}
svg .tick,svg .axis{font-size:12px;fill:var(--muted)}
svg .name.partner{font-weight:700}
svg .name{fill:#3a4350}
svg .value{font-size:12px;font-variant-numeric:tabular-nums}
svg .grid{stroke:#e6e9ee;stroke-width:1}
svg .zero{stroke:#6b7480;stroke-width:1}
svg .bar.surplus,.swatch .surplus{fill:var(--surplus)}
svg .bar.deficit,.swatch .deficit{fill:var(--deficit)}
svg .bar.neighbour{fill-opacity:.35;stroke-width:1}
svg .bar.surplus.neighbour{stroke:var(--surplus)}
svg .bar.deficit.neighbour{stroke:var(--deficit)}
.swatch .partner-swatch{fill:#5b6573}
.swatch .neighbour-swatch{fill:#5b6573;fill-opacity:.35;stroke:#5b6573}
.rule-standalone{fill:#9a9a9a}
.rule-byUse{fill:#e69f00}
.rule-byPopulation{fill:#56b4e9}
.rule-shapley{fill:#009e73}
.rule-scrb{fill:#cc79a7}
.rule-nucleolus{fill:#0072b2}
svg .area{stroke:#8d98a6;stroke-width:.75;stroke-linejoin:round}
svg .area.partner,.swatch .area.partner{fill:var(--partner-area)}
svg .area.neighbour,.swatch .area.neighbour{fill:var(--neighbour-area)}
.swatch .area{stroke:#8d98a6}
svg .dot{fill:#fff;stroke-width:1.5}
svg .dot.partner{stroke:var(--ink)}
svg .dot.neighbour{stroke:var(--muted)}
svg .dot.small{stroke-width:.6}
svg .place{font-size:12px;paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round;fill:#3a4350}
svg .place.partner{font-weight:700;fill:var(--ink)}
svg .note{font-size:12px;fill:var(--muted)}
svg .area.coverage.partner-edge{stroke:var(--ink);stroke-width:1.25}
.swatch .partner-edge{fill:#fff;stroke:var(--ink);stroke-width:1.5}
.area.coverage.c0{fill:#b35806}
.area.coverage.c1{fill:#f1a340}
.area.coverage.c2{fill:#fee0b6}
.area.coverage.c3{fill:#d8daeb}
.area.coverage.c4{fill:#8073ac}
.area.coverage.cx{fill:#f4f5f7}
svg .scale{fill:none;stroke:var(--muted);stroke-width:1}
.flow .shaft{fill:none;stroke:var(--flow);stroke-opacity:.8;stroke-linecap:butt}
.flow .head{fill:var(--flow);fill-opacity:.9}
.flow.estimated .shaft{stroke:var(--estimated)}
.flow.estimated .head{fill:var(--estimated)}
.legend{list-style:none;margin:.4rem 0 0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem;font-size:.8125rem;color:var(--muted);max-width:none}
.legend li{display:flex;align-items:center;gap:.35rem}
.legend li.note{flex-basis:100%}
.legend .swatch{flex:none}
@media (max-width:600px){main{padding:1rem .75rem 2rem}h1{font-size:1.4rem}h2{font-size:1.2rem}
table,tbody,tr,td{display:block;width:100%}
thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
caption{display:block}
tr{border-top:2px solid var(--rule);padding:.25rem 0}
td{display:flex;justify-content:space-between;gap:1rem;border-top:0;padding:.15rem .6rem;text-align:right;white-space:normal}
td::before{content:attr(data-label);font-weight:600;text-align:left;color:var(--muted)}
td.long{min-width:0}
tbody tr:nth-child(even) td{background:#fff}}
@media print{.table-scroll{overflow:visible;border:0}figure{break-inside:avoid}}
`.trim();
