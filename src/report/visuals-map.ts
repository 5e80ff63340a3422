/**
 * The maps of report.html: the partnership's boundaries projected once
 * (d3-geo), then per service the flows drawn as arrows and the coverage as
 * classes, labels placed where they fit — laid out as plain shapes, like
 * the charts of visuals.ts.
 */
import { geoArea, geoCentroid, geoConicConformal, geoDistance, geoMercator, geoPath, type GeoProjection } from 'd3-geo';
import { scaleLinear } from 'd3-scale';
import { flowAt, type Analysis, type FlowEdge, type ServiceAnalysis } from '../analysis/analyze.js';
import { COVERAGE_BREAKS, extremeOf, r1, textWidth, type Figure, type HtmlLabels, type LegendItem, type MapBoundary, type Shape } from './visuals-scene.js';

/** Flows smaller than this share of the service's largest are not drawn (the legend says how many). */
const MIN_FLOW_SHARE = 0.03;
const MAX_ARROWS = 60;
/** Estimated flows reach every pair within reach: only the main ones are drawn, the cut-off stated. */
const MIN_ESTIMATED_SHARE = 0.1;
const MAX_ESTIMATED_ARROWS = 15;
const MAX_LABELS = 25;
/** Municipalities the coverage map's text alternative lists (those with the lowest coverage first). */
const MAX_COVERAGE_ITEMS = 40;

interface BaseMap {
  readonly width: number;
  readonly height: number;
  /** Polygons, municipality dots and (for small maps) every label. */
  readonly shapes: readonly Shape[];
  /** The polygons alone, largest first: municipality and path. */
  readonly areas: readonly { readonly i: number; readonly d: string }[];
  /** Projected point of each municipality (undefined: not on the map). */
  readonly points: readonly ([number, number] | undefined)[];
  readonly names: readonly string[];
  readonly labelled: boolean;
  readonly hasBoundaries: boolean;
  /** Occupied label boxes, for labels added per service. */
  readonly boxes: readonly Box[];
  readonly dot: number;
}

type Box = readonly [number, number, number, number];
type Ring = [number, number][];
type GeoFeature = { type: 'Feature'; properties: null; geometry: { type: 'MultiPolygon'; coordinates: Ring[][] } };

const MAP_WIDTH = 420;
/** Map label size (viewBox units; at 390 px the map is about 366 px wide, so 12 units render at about 10.5 px). */
const MAP_LABEL = 12;
const MAP_PADDING = 14;
/** Dot radius: smaller when there are many municipalities. */
const dotRadius = (count: number): number => (count > 300 ? 1.2 : count > 60 ? 2 : 3.5);

/** Boundaries of the dataset's municipalities (exact id, else a unique match on the first six TERYT digits, whose type digit may have changed). */
function matchBoundaries(ids: readonly string[], boundaries: ReadonlyMap<string, MapBoundary>): (MapBoundary | undefined)[] {
  const byStem = new Map<string, MapBoundary | null>();
  for (const [id, boundary] of boundaries) {
    const stem = id.slice(0, 6);
    byStem.set(stem, byStem.has(stem) ? null : boundary);
  }
  return ids.map((id) => boundaries.get(id) ?? (id.length === 7 ? (byStem.get(id.slice(0, 6)) ?? undefined) : undefined));
}

/** d3-geo wants exterior rings clockwise (GeoJSON's RFC 7946 says anticlockwise): turn a polygon that covers most of the globe around. */
function rewound(boundary: MapBoundary): GeoFeature {
  const polygons = (boundary.geometry.type === 'Polygon' ? [boundary.geometry.coordinates] : boundary.geometry.coordinates).map((rings) =>
    rings.map((ring) => ring.map((position) => [position[0], position[1]] as [number, number])),
  );
  const fixed = polygons.map((rings) => (geoArea({ type: 'Polygon', coordinates: rings }) > 2 * Math.PI ? rings.map((ring) => [...ring].reverse()) : rings));
  return { type: 'Feature', properties: null, geometry: { type: 'MultiPolygon', coordinates: fixed } };
}

function projectionFor(lonLat: readonly [number, number][]): GeoProjection {
  const lats = lonLat.map((p) => p[1]);
  const lons = lonLat.map((p) => p[0]);
  const lat = (extremeOf(lats, Math.min, Infinity) + extremeOf(lats, Math.max, -Infinity)) / 2;
  const lon = (extremeOf(lons, Math.min, Infinity) + extremeOf(lons, Math.max, -Infinity)) / 2;
  // Conformal conic about the data's middle (Poland: the usual choice); Mercator near the equator.
  return Math.abs(lat) > 10
    ? geoConicConformal()
        .parallels([lat - 1, lat + 1])
        .rotate([-lon, 0])
    : geoMercator();
}

export function baseMap(analysis: Analysis, names: readonly string[], boundaries: ReadonlyMap<string, MapBoundary>): BaseMap | undefined {
  const { municipalities } = analysis.dataset;
  const features = matchBoundaries(
    municipalities.map((m) => m.id),
    boundaries,
  ).map((boundary) => (boundary ? rewound(boundary) : undefined));
  const lonLat = municipalities.map((m, i): [number, number] | undefined => {
    if (m.lat !== undefined && m.lon !== undefined) return [m.lon, m.lat];
    const feature = features[i];
    return feature ? geoCentroid(feature) : undefined;
  });
  const known = lonLat.filter((p): p is [number, number] => p !== undefined);
  if (known.length === 0) return undefined;
  const drawn = features.filter((f): f is GeoFeature => f !== undefined);
  const extent = { type: 'FeatureCollection' as const, features: [...drawn, { type: 'Feature' as const, properties: null, geometry: { type: 'MultiPoint' as const, coordinates: known } }] };
  const projection = projectionFor(known);
  const inner = MAP_WIDTH - 2 * MAP_PADDING;
  projection.fitWidth(inner, extent);
  const [[, y0], [, y1]] = geoPath(projection).bounds(extent);
  // As tall as the area needs (within bounds), plus room for the scale bar below.
  const height = Math.round(Math.min(1.3 * MAP_WIDTH, Math.max(0.5 * MAP_WIDTH, y1 - y0 + 2 * MAP_PADDING)) + 16);
  projection.fitExtent(
    [
      [MAP_PADDING, MAP_PADDING],
      [MAP_WIDTH - MAP_PADDING, height - MAP_PADDING - 16],
    ],
    extent,
  );
  const path = geoPath(projection).digits(1);
  const shapes: Shape[] = [];
  // Large areas first, so that a town inside its rural gmina stays visible.
  const areas = features
    .map((feature, i) => ({ i, feature, area: feature ? path.area(feature) : 0 }))
    .filter((entry): entry is { i: number; feature: GeoFeature; area: number } => entry.feature !== undefined)
    .sort((a, b) => b.area - a.area || a.i - b.i);
  const areaPaths = areas.map(({ i, feature }) => ({ i, d: path(feature) ?? '' }));
  for (const { i, d } of areaPaths) shapes.push({ type: 'path', d, className: municipalities[i].partner ? 'area partner' : 'area neighbour', tip: names[i] });
  const points = lonLat.map((p) => {
    const projected = p ? projection(p) : null;
    return projected ? ([r1(projected[0]), r1(projected[1])] as [number, number]) : undefined;
  });
  const dot = dotRadius(known.length);
  points.forEach(
    (p, i) => p && shapes.push({ type: 'circle', cx: p[0], cy: p[1], r: dot, className: `dot ${municipalities[i].partner ? 'partner' : 'neighbour'}${dot < 2 ? ' small' : ''}`, tip: names[i] }),
  );
  shapes.push(...scaleBar(projection, height));
  const labelled = known.length <= MAX_LABELS;
  // Few municipalities: every one labelled, clear of every dot. Many: only the ends of the largest flows, clear of other labels.
  const boxes: Box[] = labelled ? points.flatMap((p) => (p ? [[p[0] - dot, p[1] - dot, p[0] + dot, p[1] + dot] as Box] : [])) : [];
  if (labelled) {
    const order = municipalities
      .map((_, i) => i)
      .sort((a, b) => Number(municipalities[b].partner) - Number(municipalities[a].partner) || municipalities[b].population - municipalities[a].population || a - b);
    for (const i of order) {
      const label = points[i] ? placeLabel(names[i], points[i]!, boxes, MAP_WIDTH, height, municipalities[i].partner, true) : undefined;
      if (label) shapes.push(label);
    }
  }
  return { width: MAP_WIDTH, height, shapes, areas: areaPaths, points, names, labelled, hasBoundaries: drawn.length > 0, boxes, dot };
}

/** A label beside its dot where it overlaps no other label or dot (right, left, above, below), kept inside the map. */
function placeLabel(name: string, [x, y]: readonly [number, number], boxes: Box[], width: number, height: number, partner: boolean, always: boolean): Shape | undefined {
  const size = MAP_LABEL;
  const w = textWidth(name, size);
  const h = size + 2;
  // Beside the dot, then above and below, then the four corners, then the same a step further out.
  const candidates: { x: number; y: number; anchor: 'start' | 'end' | 'middle'; box: Box }[] = [];
  for (const far of [0, 10]) {
    candidates.push(
      { x: x + 6 + far, y: y + 4, anchor: 'start', box: [x + 5 + far, y - h / 2, x + 6 + far + w, y + h / 2] },
      { x: x - 6 - far, y: y + 4, anchor: 'end', box: [x - 6 - far - w, y - h / 2, x - 5 - far, y + h / 2] },
      { x, y: y - 8 - far, anchor: 'middle', box: [x - w / 2, y - 6 - h - far, x + w / 2, y - 5 - far] },
      { x, y: y + 17 + far, anchor: 'middle', box: [x - w / 2, y + 5 + far, x + w / 2, y + 6 + h + far] },
      { x: x + 4, y: y - 8 - far, anchor: 'start', box: [x + 3, y - 6 - h - far, x + 4 + w, y - 5 - far] },
      { x: x + 4, y: y + 17 + far, anchor: 'start', box: [x + 3, y + 5 + far, x + 4 + w, y + 6 + h + far] },
      { x: x - 4, y: y - 8 - far, anchor: 'end', box: [x - 4 - w, y - 6 - h - far, x - 3, y - 5 - far] },
      { x: x - 4, y: y + 17 + far, anchor: 'end', box: [x - 4 - w, y + 5 + far, x - 3, y + 6 + h + far] },
    );
  }
  const inside = (b: Box): boolean => b[0] >= 2 && b[2] <= width - 2 && b[1] >= 2 && b[3] <= height - 2;
  const overlap = (b: Box): number => boxes.reduce((sum, o) => sum + Math.max(0, Math.min(b[2], o[2]) - Math.max(b[0], o[0])) * Math.max(0, Math.min(b[3], o[3]) - Math.max(b[1], o[1])), 0);
  const within = candidates.filter((c) => inside(c.box));
  // Where every place overlaps something, the one that overlaps least (never outside the map).
  const chosen =
    within.find((c) => overlap(c.box) === 0) ??
    (always
      ? (within
          .map((c) => ({ c, o: overlap(c.box) }))
          .reduce<{ c: (typeof candidates)[number]; o: number } | undefined>((best, next) => (best === undefined || next.o < best.o ? next : best), undefined)?.c ?? candidates[0])
      : undefined);
  if (!chosen) return undefined;
  boxes.push(chosen.box);
  return { type: 'text', x: r1(chosen.x), y: r1(chosen.y), text: name, className: partner ? 'place partner' : 'place', anchor: chosen.anchor };
}

/** A scale bar of a round number of km at the bottom left. */
function scaleBar(projection: GeoProjection, height: number): Shape[] {
  const a = projection.invert?.([MAP_PADDING, height - 12]);
  const b = projection.invert?.([MAP_PADDING + 100, height - 12]);
  if (!a || !b) return [];
  const kmPer100 = geoDistance(a, b) * 6371;
  const km = [1, 2, 5, 10, 20, 50, 100, 200, 500].filter((step) => (step / kmPer100) * 100 <= 120).pop() ?? 1;
  const length = r1((km / kmPer100) * 100);
  const y = height - 8;
  return [
    { type: 'path', d: `M${MAP_PADDING},${y - 4}V${y}H${r1(MAP_PADDING + length)}V${y - 4}`, className: 'scale' },
    { type: 'text', x: r1(MAP_PADDING + length + 4), y: y + 1, text: `${km} km`, className: 'tick', anchor: 'start' },
  ];
}

export function flowMap(result: ServiceAnalysis, base: BaseMap, width: (users: number) => number, labels: HtmlLabels): Figure {
  // Only the flows that can be drawn are ordered: a national service has a hundred thousand, of which at most MAX_ARROWS are.
  const { flows } = result;
  const drawable = (k: number): boolean =>
    flows.origin[k] !== flows.destination[k] && flows.users[k] > 0 && base.points[flows.origin[k]] !== undefined && base.points[flows.destination[k]] !== undefined;
  let between = 0;
  let largest = 0;
  for (let k = 0; k < flows.length; k++) {
    if (!drawable(k)) continue;
    between++;
    if (flows.users[k] > largest) largest = flows.users[k];
  }
  const estimated = result.flowsEstimated;
  const threshold = largest * (estimated ? MIN_ESTIMATED_SHARE : MIN_FLOW_SHARE);
  const candidates: FlowEdge[] = [];
  for (let k = 0; k < flows.length; k++) if (flows.users[k] >= threshold && drawable(k)) candidates.push(flowAt(flows, k));
  const shown = candidates.sort((a, b) => b.users - a.users || a.origin - b.origin || a.destination - b.destination).slice(0, estimated ? MAX_ESTIMATED_ARROWS : MAX_ARROWS);
  const hidden = between - shown.length;
  // The cut-off as stated: the smallest flow drawn.
  const smallest = shown.length > 0 ? shown[shown.length - 1].users : 0;
  const cutOff = labels.number(smallest, smallest < 10 ? 1 : 0);
  const hiddenNote = estimated ? labels.mainFlows(shown.length, cutOff, hidden) : labels.hiddenFlows(hidden, labels.number(threshold, threshold < 10 ? 1 : 0));
  const describe = (f: FlowEdge): string => labels.flowItem(base.names[f.origin], base.names[f.destination], labels.number(f.users, f.users < 10 ? 1 : 0));
  // Large arrows first, so that small ones stay visible on top of them.
  const arrows = shown.map(
    (f): Shape => ({
      type: 'group',
      className: estimated ? 'flow estimated' : 'flow',
      shapes: arrow(base.points[f.origin]!, base.points[f.destination]!, Math.max(1, width(f.users)), base.dot),
      tip: describe(f),
    }),
  );
  const extraLabels: Shape[] = [];
  if (!base.labelled) {
    const boxes = [...base.boxes];
    const ends = [...new Set(shown.slice(0, 12).flatMap((f) => [f.origin, f.destination]))];
    for (const i of ends) {
      const label = placeLabel(base.names[i], base.points[i]!, boxes, base.width, base.height, true, false);
      if (label) extraLabels.push(label);
    }
  }
  const isArea = (s: Shape): boolean => s.type === 'path' && s.className.startsWith('area');
  const areaShapes = base.shapes.filter(isArea);
  const rest = base.shapes.filter((s) => !isArea(s));
  const samples = widthSamples(largest).map((users) => ({
    kind: 'line' as const,
    className: estimated ? 'flow estimated' : 'flow',
    width: r1(Math.max(1, width(users))),
    label: labels.number(users),
  }));
  return {
    kind: 'map',
    title: labels.mapTitle(labels.serviceName(result.service)),
    summary: labels.mapSummary(labels.serviceName(result.service), shown.length, shown[0] ? describe(shown[0]) : undefined),
    description: [...shown.map(describe), ...(hidden > 0 ? [hiddenNote] : [])],
    width: base.width,
    height: base.height,
    shapes: [...areaShapes, ...arrows, ...rest, ...extraLabels],
    legend: [
      ...(base.hasBoundaries
        ? [
            { kind: 'fill' as const, className: 'area partner', label: labels.partner },
            { kind: 'fill' as const, className: 'area neighbour', label: labels.neighbour },
          ]
        : []),
      ...(shown.length > 0
        ? [{ kind: 'note' as const, className: estimated ? 'flow estimated' : 'flow', label: `${estimated ? labels.estimatedFlows : labels.observedFlows}, ${labels.flowWidth}:` }, ...samples]
        : []),
      ...(hidden > 0 ? [{ kind: 'note' as const, className: 'hidden', label: hiddenNote }] : []),
      { kind: 'note', className: 'source', label: base.hasBoundaries ? labels.boundariesSource : labels.noBoundaries },
    ],
  };
}

/** Two or three round values up to the largest flow, for the width legend. */
function widthSamples(largest: number): number[] {
  if (largest <= 0) return [];
  const ticks = scaleLinear()
    .domain([0, largest])
    .ticks(4)
    .filter((t) => t > 0 && t <= largest);
  const picked = ticks.length > 3 ? [ticks[0], ticks[Math.floor((ticks.length - 1) / 2)], ticks[ticks.length - 1]] : ticks;
  return picked.length > 0 ? picked : [r1(largest)];
}

/**
 * A curved arrow from dot to dot: a quadratic curve bent to the right of its
 * direction (so flows both ways do not overlap), and a filled head whose size
 * follows the width, shrunk for short arrows.
 */
function arrow(from: readonly [number, number], to: readonly [number, number], strokeWidth: number, dot: number): Shape[] {
  const [dx, dy] = [to[0] - from[0], to[1] - from[1]];
  const length = Math.hypot(dx, dy);
  if (length < 1) return [];
  const bend = 0.18 * length;
  const control: [number, number] = [(from[0] + to[0]) / 2 - (dy / length) * bend, (from[1] + to[1]) / 2 + (dx / length) * bend];
  const unit = (a: readonly number[], b: readonly number[]): [number, number] => {
    const l = Math.hypot(b[0] - a[0], b[1] - a[1]) || 1;
    return [(b[0] - a[0]) / l, (b[1] - a[1]) / l];
  };
  const out = unit(from, control);
  const into = unit(control, to);
  const gap = dot + 1.5;
  const head = Math.min(4 + 1.3 * strokeWidth, 0.4 * length);
  const half = Math.min(2.5 + strokeWidth, 0.3 * length);
  const start: [number, number] = [from[0] + out[0] * gap, from[1] + out[1] * gap];
  const tip: [number, number] = [to[0] - into[0] * gap, to[1] - into[1] * gap];
  const baseCentre: [number, number] = [tip[0] - into[0] * head, tip[1] - into[1] * head];
  const normal: [number, number] = [-into[1], into[0]];
  const p = (point: readonly number[]): string => `${r1(point[0])},${r1(point[1])}`;
  return [
    { type: 'path', d: `M${p(start)}Q${p(control)} ${p([baseCentre[0] + into[0] * 0.5, baseCentre[1] + into[1] * 0.5])}`, className: 'shaft', strokeWidth: r1(strokeWidth) },
    {
      type: 'path',
      d: `M${p(tip)}L${p([baseCentre[0] + normal[0] * half, baseCentre[1] + normal[1] * half])}L${p([baseCentre[0] - normal[0] * half, baseCentre[1] - normal[1] * half])}Z`,
      className: 'head',
    },
  ];
}

/** Index of the coverage class of `coverage` (COVERAGE_BREAKS), or -1 without demand. */
export function coverageClass(coverage: number | null): number {
  if (coverage === null || Number.isNaN(coverage)) return -1;
  const k = COVERAGE_BREAKS.findIndex((limit) => coverage < limit);
  return k < 0 ? COVERAGE_BREAKS.length : k;
}

/** A choropleth of coverage (supply ÷ demand) over the municipality boundaries, with the dots and labels of the base map. */
export function coverageMap(result: ServiceAnalysis, analysis: Analysis, base: BaseMap, labels: HtmlLabels): Figure {
  const rows = result.municipalities;
  const service = labels.serviceName(result.service);
  const classOf = rows.map((row) => coverageClass(row.coverage));
  const areas: Shape[] = base.areas.map(({ i, d }) => {
    const k = classOf[i];
    const value = k < 0 ? labels.noDemand : labels.cell(rows[i].coverage!, 'percent');
    return { type: 'path', d, className: `area coverage c${k < 0 ? 'x' : k}${analysis.dataset.municipalities[i].partner ? ' partner-edge' : ''}`, tip: labels.coverageItem(base.names[i], value) };
  });
  const isArea = (shape: Shape): boolean => shape.type === 'path' && shape.className.startsWith('area');
  const withDemand = rows.map((row, i) => ({ i, coverage: row.coverage })).filter((x): x is { i: number; coverage: number } => x.coverage !== null && !Number.isNaN(x.coverage));
  const lowest = [...withDemand].sort((a, b) => a.coverage - b.coverage || a.i - b.i);
  const listed = lowest.slice(0, MAX_COVERAGE_ITEMS);
  const bins = [null, ...COVERAGE_BREAKS].map((from, k) => ({ k, label: labels.coverageBin(from, k < COVERAGE_BREAKS.length ? COVERAGE_BREAKS[k] : null) }));
  const present = new Set(classOf);
  return {
    kind: 'coverage',
    title: labels.coverageTitle(service),
    summary: labels.coverageSummary(service, withDemand.filter((x) => x.coverage < 1).length, withDemand.length),
    description: [
      ...listed.map(({ i, coverage }) => labels.coverageItem(base.names[i], labels.cell(coverage, 'percent'))),
      ...(lowest.length > listed.length ? [labels.omitted(lowest.length - listed.length)] : []),
      ...rows.flatMap((_, i) => (classOf[i] < 0 && base.points[i] !== undefined ? [labels.coverageItem(base.names[i], labels.noDemand)] : [])),
    ],
    width: base.width,
    height: base.height,
    shapes: [...areas, ...base.shapes.filter((shape) => !isArea(shape))],
    legend: [
      { kind: 'note', className: 'coverage-heading', label: labels.coverageLegend },
      ...bins.map(({ k, label }): LegendItem => ({ kind: 'fill', className: `area coverage c${k}`, label })),
      ...(present.has(-1) ? [{ kind: 'fill' as const, className: 'area coverage cx', label: labels.noDemand }] : []),
      ...(analysis.dataset.municipalities.some((m) => !m.partner) ? [{ kind: 'fill' as const, className: 'partner-edge', label: labels.partner }] : []),
      { kind: 'note', className: 'source', label: labels.boundariesSource },
    ],
  };
}
