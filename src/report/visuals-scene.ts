/**
 * The scene of report.html's pictures (visuals.ts, visuals-map.ts): the
 * drawing primitives and figures the renderer writes, the wording they
 * take, and the small layout helpers both the charts and the maps use.
 */
import type { ColumnKind } from './document.js';
import { EN } from './i18n/en.js';
import type { Service } from '../model/types.js';

// --- the scene ---------------------------------------------------------------

/** Drawing primitives; `className` is one of the renderer's fixed classes. */
export type Shape =
  | { readonly type: 'rect'; readonly x: number; readonly y: number; readonly width: number; readonly height: number; readonly className: string; readonly tip?: string }
  | { readonly type: 'line'; readonly x1: number; readonly y1: number; readonly x2: number; readonly y2: number; readonly className: string }
  | { readonly type: 'path'; readonly d: string; readonly className: string; readonly strokeWidth?: number; readonly tip?: string }
  | { readonly type: 'circle'; readonly cx: number; readonly cy: number; readonly r: number; readonly className: string; readonly tip?: string }
  | { readonly type: 'text'; readonly x: number; readonly y: number; readonly text: string; readonly className: string; readonly anchor?: 'start' | 'middle' | 'end' }
  | { readonly type: 'group'; readonly className: string; readonly shapes: readonly Shape[]; readonly tip?: string };

/** A legend entry, drawn in HTML under the figure: a filled swatch, a line of a given width, or a note. */
export interface LegendItem {
  readonly kind: 'fill' | 'line' | 'note';
  readonly className: string;
  readonly label: string;
  readonly width?: number;
}

export interface Figure {
  readonly kind: 'balance' | 'cost' | 'map' | 'coverage';
  readonly title: string;
  /** One sentence for `aria-label`. */
  readonly summary: string;
  /** The figure's data as text, one item per line (`<desc>`). */
  readonly description: readonly string[];
  readonly width: number;
  readonly height: number;
  readonly shapes: readonly Shape[];
  readonly legend: readonly LegendItem[];
}

export interface ServiceVisuals {
  readonly heading: string;
  readonly figures: readonly Figure[];
}

export interface HtmlVisuals {
  readonly heading: string;
  readonly services: readonly ServiceVisuals[];
  /** Table cells and booleans in the report's language. */
  readonly cell: (value: number, kind: ColumnKind) => string;
  readonly yes: string;
  readonly no: string;
  /** The summary of the `<details>` element that holds a table's secondary columns. */
  readonly moreColumns: (names: readonly string[]) => string;
}

// --- wording -----------------------------------------------------------------

export type CostRule = 'standalone' | 'byUse' | 'byPopulation' | 'shapley' | 'scrb' | 'nucleolus';
export const COST_RULES: readonly CostRule[] = ['standalone', 'byUse', 'byPopulation', 'shapley', 'scrb', 'nucleolus'];

/** Every text of the charts and maps, per language. */
export interface HtmlLabels {
  number(value: number, decimals?: number): string;
  signed(value: number): string;
  money(value: number): string;
  cell(value: number, kind: ColumnKind): string;
  readonly yes: string;
  readonly no: string;
  readonly figuresHeading: string;
  moreColumns(names: readonly string[]): string;
  service(name: string, unit: string): string;
  readonly partner: string;
  readonly neighbour: string;
  balanceTitle(service: string): string;
  balanceAxis(unit: string): string;
  readonly surplus: string;
  readonly deficit: string;
  balanceSummary(service: string, unit: string, deficits: number, surpluses: number): string;
  balanceItem(name: string, value: string, partner: boolean): string;
  costTitle(service: string): string;
  costAxis(millions: boolean): string;
  readonly rules: Readonly<Record<CostRule, string>>;
  costSummary(service: string, total: string, players: number): string;
  costItem(name: string, values: readonly { rule: string; value: string }[]): string;
  mapTitle(service: string): string;
  mapSummary(service: string, drawn: number, largest: string | undefined): string;
  flowItem(from: string, to: string, users: string): string;
  readonly flowWidth: string;
  readonly observedFlows: string;
  readonly estimatedFlows: string;
  hiddenFlows(count: number, below: string): string;
  /** A gap in a long chart: how many municipalities are left out (the tables list them all). */
  omitted(count: number): string;
  readonly boundariesSource: string;
  readonly noBoundaries: string;
  /** A service's name in the report's language. */
  serviceName(service: Service): string;
  /** Under a map that draws only the largest flows: how many and the cut-off (a number as shown). */
  mainFlows(shown: number, below: string, hidden: number): string;
  coverageTitle(service: string): string;
  coverageSummary(service: string, below: number, total: number): string;
  coverageItem(name: string, value: string): string;
  /** A class of the coverage map, from `from` (null: none) to under `to` (null: no upper end), shares. */
  coverageBin(from: number | null, to: number | null): string;
  readonly noDemand: string;
  readonly coverageLegend: string;
}

/** The English labels live with the rest of the English wording (src/report/i18n/en.ts). */
export const EN_HTML_LABELS: HtmlLabels = EN.html;

// --- shared by the charts and the maps --------------------------------------

/** A boundary as the map needs it (io/read-boundaries gives these). */
export interface MapBoundary {
  readonly geometry:
    | { readonly type: 'Polygon'; readonly coordinates: readonly (readonly (readonly number[])[])[] }
    | { readonly type: 'MultiPolygon'; readonly coordinates: readonly (readonly (readonly (readonly number[])[])[])[] };
}
export const FONT = 12;
/** Math.max/min over an array too long to spread into arguments. */
export const extremeOf = (values: readonly number[], pick: (a: number, b: number) => number, start: number): number => values.reduce((best, value) => pick(best, value), start);
export const r1 = (value: number): number => {
  const rounded = Math.round(value * 10) / 10;
  return rounded === 0 ? 0 : rounded;
};
/** Rough width of a label (bold sans-serif runs to about 0.65 em a character). */
export const textWidth = (text: string, size = FONT): number => [...text].length * 0.65 * size;
/** Coverage classes of the coverage map (shares; the last class has no upper end). */
export const COVERAGE_BREAKS: readonly number[] = [0.5, 0.75, 0.9, 1];
