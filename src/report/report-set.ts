/**
 * The report set (CLI.md "Report set"): file name → content, for the
 * formats asked for. Deterministic: no timestamps, no absolute paths.
 */
import type { Analysis } from '../analysis/analyze.js';
import type { Issue } from '../model/issue.js';
import { agreementsCsv, costSharingCsv, investmentsCsv } from './files/cost-sharing-csv.js';
import { flowsCsv } from './files/flows-csv.js';
import { graphCsv } from './files/graph-csv.js';
import { imbalanceCsv } from './files/imbalance-csv.js';
import { buildDocument } from './build-document.js';
import { tablesOf, type Lang } from './document.js';
import { MESSAGES } from './i18n/index.js';
import { displayNames } from './names.js';
import { reportMd } from './files/report-md.js';
import type { MapBoundary } from './visuals.js';
import { summaryJson } from './files/summary-json.js';

export type ReportFormat = 'json' | 'csv' | 'md' | 'html' | 'xlsx' | 'gexf';

/** Every format `--format` accepts. */
export const REPORT_FORMATS: readonly ReportFormat[] = ['json', 'csv', 'md', 'html', 'xlsx', 'gexf'];

/** The formats written when none is asked for: all but gexf (graph.gexf is for graph tools, and large nationally). */
export const DEFAULT_REPORT_FORMATS: readonly ReportFormat[] = ['json', 'csv', 'md', 'html', 'xlsx'];

/** Every file a report set can hold, in the order `reportSet` gives them. */
export const REPORT_FILE_ORDER: readonly string[] = [
  'summary.json',
  'imbalance.csv',
  'flows.csv',
  'graph.csv',
  'agreements.csv',
  'investments.csv',
  'cost-sharing.csv',
  'report.md',
  'report.html',
  'report.xlsx',
  'graph.gexf',
];

export interface ReportOptions {
  readonly formats?: readonly ReportFormat[];
  /** Language of report.md, report.html and report.xlsx. */
  readonly lang?: Lang;
  /** Municipality polygons for the map of report.html (by id); none draws points. */
  readonly boundaries?: ReadonlyMap<string, MapBoundary>;
  /** Build only these of the formats' files (two threads split a report set so); default all. */
  readonly only?: (file: string) => boolean;
}

/** Files in a stable order; `warnings` name files relative to the dataset folder. */
export async function reportSet(analysis: Analysis, warnings: readonly Issue[], options: ReportOptions = {}): Promise<Map<string, string | Uint8Array>> {
  const formats = options.formats ?? DEFAULT_REPORT_FORMATS;
  const wanted = options.only ?? (() => true);
  const m = MESSAGES[options.lang ?? 'en'];
  const files = new Map<string, string | Uint8Array>();
  const put = (name: string, build: () => string | Uint8Array): void => {
    if (wanted(name)) files.set(name, build());
  };
  const document = formats.some((format) => (format === 'md' && wanted('report.md')) || (format === 'html' && wanted('report.html')) || (format === 'xlsx' && wanted('report.xlsx')))
    ? buildDocument(analysis, warnings, m)
    : undefined;
  if (formats.includes('json')) put('summary.json', () => summaryJson(analysis, warnings));
  if (formats.includes('csv')) {
    put('imbalance.csv', () => imbalanceCsv(analysis));
    put('flows.csv', () => flowsCsv(analysis));
    put('graph.csv', () => graphCsv(analysis));
    if (analysis.services.some((result) => result.cooperation)) {
      put('agreements.csv', () => agreementsCsv(analysis));
      put('investments.csv', () => investmentsCsv(analysis));
      put('cost-sharing.csv', () => costSharingCsv(analysis));
    }
  }
  if (document && formats.includes('md') && wanted('report.md')) files.set('report.md', reportMd(document, m));
  if (document && formats.includes('html') && wanted('report.html')) {
    // Loaded only when needed: d3 would slow every command's start-up.
    const { htmlReport } = await import('./files/report-html.js');
    const { buildVisuals } = await import('./visuals.js');
    const names = displayNames(analysis.dataset.municipalities, m.kinds);
    files.set('report.html', htmlReport(document, buildVisuals(analysis, names, options.boundaries ?? new Map(), m.html)));
  }
  if (document && formats.includes('xlsx') && wanted('report.xlsx')) {
    const { xlsxReport } = await import('./files/report-xlsx.js');
    files.set('report.xlsx', await xlsxReport(tablesOf(document), { title: document.title, lang: document.lang }));
  }
  if (formats.includes('gexf') && wanted('graph.gexf')) {
    // Loaded only when asked for, like the HTML and XLSX writers.
    const { graphGexf } = await import('./files/graph-gexf.js');
    files.set('graph.gexf', graphGexf(analysis));
  }
  return files;
}
