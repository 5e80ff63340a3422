import { scaleLinear, scaleSqrt, type ScaleLinear } from 'd3-scale';
import type { Analysis, ServiceAnalysis } from '../analysis/analyze.js';

import { baseMap, coverageMap, flowMap } from './visuals-map.js';
import {
  COST_RULES,
  EN_HTML_LABELS,
  extremeOf,
  FONT,
  r1,
  textWidth,
  type CostRule,
  type Figure,
  type HtmlLabels,
  type HtmlVisuals,
  type LegendItem,
  type MapBoundary,
  type Shape,
} from './visuals-scene.js';

export * from './visuals-scene.js';
export { coverageClass } from './visuals-map.js';

// --- building ----------------------------------------------------------------

/** Chart layout (viewBox units). */
const CHART_WIDTH = 420;
/** Widest municipality label in a chart; a longer name wraps onto a second line at a space or hyphen. */
const LABEL_MAX = 170;
/** Bars of the balance chart: beyond this, the largest surpluses and deficits (half each) with a gap between. */
const MAX_BARS = 40;
/** Players in the cost chart: beyond this, those with the largest stand-alone cost. */
const MAX_PLAYERS = 20;

export function buildVisuals(analysis: Analysis, names: readonly string[], boundaries: ReadonlyMap<string, MapBoundary>, labels: HtmlLabels = EN_HTML_LABELS): HtmlVisuals {
  const base = baseMap(analysis, names, boundaries);
  let widest = 0;
  for (const { flows } of analysis.services) for (let k = 0; k < flows.length; k++) if (flows.origin[k] !== flows.destination[k]) widest = Math.max(widest, flows.users[k]);
  const width = scaleSqrt()
    .domain([0, widest || 1])
    .range([0, 10]);
  return {
    heading: labels.figuresHeading,
    cell: labels.cell,
    yes: labels.yes,
    no: labels.no,
    moreColumns: labels.moreColumns,
    services: analysis.services.map((result) => {
      // The maps first: coverage is what an adviser shows first, then where residents go.
      const figures: Figure[] = [];
      if (base?.hasBoundaries) figures.push(coverageMap(result, analysis, base, labels));
      if (base) figures.push(flowMap(result, base, width, labels));
      figures.push(balanceChart(result, analysis, names, labels));
      const costs = result.cooperation?.costSharing;
      if (costs && costs.players.length > 1 && costs.grandCost > 0) figures.push(costChart(result, names, labels));
      return { heading: labels.service(labels.serviceName(result.service), result.service.unit), figures };
    }),
  };
}

const fit = (text: string, room: number): string => (textWidth(text) <= room ? text : `${[...text].slice(0, Math.max(1, Math.floor(room / (0.65 * FONT)) - 1)).join('')}…`);

/** A name in `room`: one line, or two broken at the last space or hyphen that lets the first fit (only a second line too long for two is shortened). */
export function labelLines(name: string, room: number): string[] {
  if (textWidth(name) <= room) return [name];
  for (let k = name.length - 1; k > 0; k--) {
    const c = name[k];
    if (c !== ' ' && c !== '-') continue;
    const first = c === '-' ? name.slice(0, k + 1) : name.slice(0, k);
    if (textWidth(first) <= room) return [first, fit(name.slice(k + 1), room)];
  }
  return [fit(name, room)];
}

/** Text shapes of a label of one or two lines centred on `y` (the baseline of one line is `y + 4`). */
function labelShapes(lines: readonly string[], x: number, y: number, className: string, anchor: 'start' | 'end'): Shape[] {
  const step = 13;
  return lines.map((line, k) => ({ type: 'text', x: r1(x), y: r1(y + 4 + (k - (lines.length - 1) / 2) * step), text: line, className, anchor }));
}

function balanceChart(result: ServiceAnalysis, analysis: Analysis, names: readonly string[], labels: HtmlLabels): Figure {
  const { municipalities } = analysis.dataset;
  const sorted = result.municipalities.map((row, i) => ({ i, balance: row.balance })).sort((a, b) => b.balance - a.balance || a.i - b.i);
  const omitted = Math.max(0, sorted.length - MAX_BARS);
  const rows = omitted > 0 ? [...sorted.slice(0, MAX_BARS / 2), ...sorted.slice(-MAX_BARS / 2)] : sorted;
  const labelRoom = Math.min(LABEL_MAX, Math.max(60, ...rows.map(({ i }) => textWidth(names[i])))) + 4;
  const lines = rows.map(({ i }) => labelLines(names[i], labelRoom - 4));
  const rowHeight = lines.some((l) => l.length > 1) ? 32 : 22;
  const valueRoom = 44;
  const top = 6;
  const plotLeft = labelRoom + 8 + valueRoom;
  const plotRight = CHART_WIDTH - valueRoom;
  const values = rows.map((row) => row.balance);
  const x = scaleLinear()
    .domain([extremeOf(values, Math.min, 0), extremeOf(values, Math.max, 0)])
    .nice()
    .range([plotLeft, plotRight]);
  if (x.domain()[0] === x.domain()[1]) x.domain([-1, 1]);
  const gap = omitted > 0 ? rowHeight : 0;
  const bottom = top + rows.length * rowHeight + gap;
  const shapes: Shape[] = axisTicks(x, 5, (tick) => labels.number(tick)).flatMap(({ tick, text }): Shape[] => [
    { type: 'line', x1: r1(x(tick)), y1: top, x2: r1(x(tick)), y2: bottom, className: tick === 0 ? 'zero' : 'grid' },
    { type: 'text', x: r1(x(tick)), y: bottom + 14, text, className: 'tick', anchor: 'middle' },
  ]);
  if (omitted > 0) shapes.push({ type: 'text', x: r1(labelRoom), y: r1(top + (MAX_BARS / 2) * rowHeight + rowHeight / 2 + 4), text: labels.omitted(omitted), className: 'note', anchor: 'start' });
  rows.forEach(({ i, balance }, k) => {
    const partner = municipalities[i].partner;
    const y = top + k * rowHeight + (omitted > 0 && k >= MAX_BARS / 2 ? gap : 0);
    const [from, to] = [x(Math.min(0, balance)), x(Math.max(0, balance))];
    const value = labels.signed(balance);
    shapes.push(
      ...labelShapes(lines[k], labelRoom, y + rowHeight / 2, partner ? 'name partner' : 'name', 'end'),
      {
        type: 'rect',
        x: r1(from),
        y: r1(y + 4),
        width: r1(Math.max(0.5, to - from)),
        height: rowHeight - 8,
        className: `bar ${balance < 0 ? 'deficit' : 'surplus'}${partner ? '' : ' neighbour'}`,
        tip: labels.balanceItem(names[i], value, partner),
      },
      { type: 'text', x: r1(balance < 0 ? from - 4 : to + 4), y: r1(y + rowHeight / 2 + 4), text: value, className: 'value', anchor: balance < 0 ? 'end' : 'start' },
    );
  });
  shapes.push({ type: 'text', x: r1((plotLeft + plotRight) / 2), y: bottom + 30, text: labels.balanceAxis(result.service.unit), className: 'axis', anchor: 'middle' });
  const partnerRows = rows.filter(({ i }) => municipalities[i].partner);
  return {
    kind: 'balance',
    title: labels.balanceTitle(labels.serviceName(result.service)),
    summary: labels.balanceSummary(labels.serviceName(result.service), result.service.unit, partnerRows.filter((row) => row.balance < 0).length, partnerRows.filter((row) => row.balance > 0).length),
    description: [
      ...rows.slice(0, omitted > 0 ? MAX_BARS / 2 : rows.length).map(({ i, balance }) => labels.balanceItem(names[i], labels.signed(balance), municipalities[i].partner)),
      ...(omitted > 0 ? [labels.omitted(omitted), ...rows.slice(MAX_BARS / 2).map(({ i, balance }) => labels.balanceItem(names[i], labels.signed(balance), municipalities[i].partner))] : []),
    ],
    width: CHART_WIDTH,
    height: bottom + 38,
    shapes,
    legend: [
      { kind: 'fill', className: 'surplus', label: labels.surplus },
      { kind: 'fill', className: 'deficit', label: labels.deficit },
      { kind: 'fill', className: 'partner-swatch', label: labels.partner },
      { kind: 'fill', className: 'neighbour-swatch', label: labels.neighbour },
    ],
  };
}

function costChart(result: ServiceAnalysis, names: readonly string[], labels: HtmlLabels): Figure {
  const costs = result.cooperation!.costSharing;
  const series: Partial<Record<CostRule, ArrayLike<number>>> = {
    standalone: costs.standalone,
    byUse: costs.byUse,
    byPopulation: costs.byPopulation,
    shapley: costs.shapley,
    scrb: costs.scrb,
    ...(costs.nucleolus ? { nucleolus: costs.nucleolus } : {}),
  };
  // The rules with shares (the nucleolus only when computed).
  const rules = COST_RULES.filter((rule) => series[rule] !== undefined);
  const share = (rule: CostRule, k: number): number => series[rule]![k];
  // Positions in `players`; with many players, those with the largest stand-alone cost, in the players' order.
  const all = costs.players.map((_, k) => k);
  const shown =
    all.length > MAX_PLAYERS
      ? [...all]
          .sort((a, b) => costs.standalone[b] - costs.standalone[a] || a - b)
          .slice(0, MAX_PLAYERS)
          .sort((a, b) => a - b)
      : all;
  const omitted = all.length - shown.length;
  const barHeight = 12;
  const groupHeight = rules.length * (barHeight + 2) + 12;
  const labelRoom = Math.min(LABEL_MAX - 30, Math.max(60, ...shown.map((k) => textWidth(names[costs.players[k]])))) + 4;
  const valueRoom = Math.max(70, ...rules.flatMap((rule) => shown.map((k) => textWidth(labels.money(share(rule, k))) + 6)));
  const top = 6;
  const plotLeft = labelRoom + 10;
  // A rule not computed for a player's group (NaN) has no bar.
  const largest = Math.max(1, ...rules.flatMap((rule) => shown.map((k) => share(rule, k)).filter(Number.isFinite)));
  const millions = largest >= 1e6;
  const x = scaleLinear()
    .domain([0, largest])
    .nice()
    .range([plotLeft, CHART_WIDTH - valueRoom]);
  const bottom = top + shown.length * groupHeight;
  const shapes: Shape[] = axisTicks(x, 4, (tick) => labels.number(millions ? tick / 1e6 : tick, millions && tick % 1e6 !== 0 ? 1 : 0)).flatMap(({ tick, text }): Shape[] => [
    { type: 'line', x1: r1(x(tick)), y1: top, x2: r1(x(tick)), y2: bottom, className: tick === 0 ? 'zero' : 'grid' },
    { type: 'text', x: r1(x(tick)), y: bottom + 14, text, className: 'tick', anchor: 'middle' },
  ]);
  shown.forEach((k, row) => {
    const name = names[costs.players[k]];
    const y = top + row * groupHeight;
    shapes.push(...labelShapes(labelLines(name, labelRoom - 4), labelRoom, y + groupHeight / 2 - 4, 'name partner', 'end'));
    rules.forEach((rule, j) => {
      const value = share(rule, k);
      const barY = y + 6 + j * (barHeight + 2);
      if (!Number.isFinite(value)) return;
      shapes.push(
        {
          type: 'rect',
          x: r1(plotLeft),
          y: r1(barY),
          width: r1(Math.max(0.5, x(value) - plotLeft)),
          height: barHeight,
          className: `bar rule-${rule}`,
          tip: `${name}, ${labels.rules[rule]}: ${labels.money(value)}`,
        },
        { type: 'text', x: r1(x(value) + 4), y: r1(barY + barHeight - 2), text: labels.money(value), className: 'value', anchor: 'start' },
      );
    });
  });
  shapes.push({ type: 'text', x: r1((plotLeft + CHART_WIDTH - valueRoom) / 2), y: bottom + 30, text: labels.costAxis(millions), className: 'axis', anchor: 'middle' });
  return {
    kind: 'cost',
    title: labels.costTitle(labels.serviceName(result.service)),
    summary: labels.costSummary(labels.serviceName(result.service), labels.money(costs.grandCost), costs.players.length),
    description: [
      ...shown.map((k) =>
        labels.costItem(
          names[costs.players[k]],
          rules.filter((rule) => Number.isFinite(share(rule, k))).map((rule) => ({ rule: labels.rules[rule], value: labels.money(share(rule, k)) })),
        ),
      ),
      ...(omitted > 0 ? [labels.omitted(omitted)] : []),
    ],
    width: CHART_WIDTH,
    height: bottom + 38,
    shapes,
    legend: [
      ...rules.map((rule): LegendItem => ({ kind: 'fill', className: `rule-${rule}`, label: labels.rules[rule] })),
      ...(omitted > 0 ? [{ kind: 'note' as const, className: 'hidden', label: labels.omitted(omitted) }] : []),
    ],
  };
}

/** Ticks whose labels do not run into each other: the most, up to `count`, that leave room between labels. */
function axisTicks(x: ScaleLinear<number, number>, count: number, format: (tick: number) => string): { tick: number; text: string }[] {
  for (let wanted = count; ; wanted--) {
    const ticks = x.ticks(wanted).map((tick) => ({ tick, text: format(tick) }));
    const room = ticks.length > 1 ? Math.abs(x(ticks[1].tick) - x(ticks[0].tick)) : Infinity;
    if (wanted <= 2 || ticks.every(({ text }) => textWidth(text, 11) + 6 <= room)) return ticks;
  }
}
