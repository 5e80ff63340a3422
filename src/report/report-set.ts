/**
 * The report set (CLI.md "Report set"): file name → content, for the
 * formats asked for. Deterministic: no timestamps, no absolute paths.
 */
import type { Analysis } from '../analysis/analyze.js';
import type { Issue } from '../model/issue.js';
import { agreementsCsv, costSharingCsv, investmentsCsv } from './cooperation-csv.js';
import { flowsCsv } from './flows-csv.js';
import { graphCsv } from './graph-csv.js';
import { imbalanceCsv } from './imbalance-csv.js';
import { buildDocument } from './build-document.js';
import { tablesOf, type Lang } from './document.js';
import { MESSAGES } from './i18n/index.js';
import { displayNames } from './names.js';
import { reportMd } from './report-md.js';
import type { MapBoundary } from './visuals.js';
import { summaryJson } from './summary-json.js';

export type ReportFormat = 'json' | 'csv' | 'md' | 'html' | 'xlsx';

export const REPORT_FORMATS: readonly ReportFormat[] = ['json', 'csv', 'md', 'html', 'xlsx'];

export interface ReportOptions {
  readonly formats?: readonly ReportFormat[];
  /** Language of report.md, report.html and report.xlsx. */
  readonly lang?: Lang;
  /** Municipality polygons for the map of report.html (by id); none draws points. */
  readonly boundaries?: ReadonlyMap<string, MapBoundary>;
}

/** Files in a stable order; `warnings` name files relative to the dataset folder. */
export async function reportSet(analysis: Analysis, warnings: readonly Issue[], options: ReportOptions = {}): Promise<Map<string, string | Uint8Array>> {
  const formats = options.formats ?? REPORT_FORMATS;
  const m = MESSAGES[options.lang ?? 'en'];
  const files = new Map<string, string | Uint8Array>();
  const document = formats.some((format) => format === 'md' || format === 'html' || format === 'xlsx') ? buildDocument(analysis, warnings, m) : undefined;
  if (formats.includes('json')) files.set('summary.json', summaryJson(analysis, warnings));
  if (formats.includes('csv')) {
    files.set('imbalance.csv', imbalanceCsv(analysis));
    files.set('flows.csv', flowsCsv(analysis));
    files.set('graph.csv', graphCsv(analysis));
    if (analysis.services.some((result) => result.cooperation)) {
      files.set('agreements.csv', agreementsCsv(analysis));
      files.set('investments.csv', investmentsCsv(analysis));
      files.set('cost-sharing.csv', costSharingCsv(analysis));
    }
  }
  if (document && formats.includes('md')) files.set('report.md', reportMd(document, m));
  if (document && formats.includes('html')) {
    // Loaded only when needed: d3 would slow every command's start-up.
    const { htmlReport } = await import('./report-html.js');
    const { buildVisuals } = await import('./visuals.js');
    const names = displayNames(analysis.dataset.municipalities, m.kinds);
    files.set('report.html', htmlReport(document, buildVisuals(analysis, names, options.boundaries ?? new Map(), m.html)));
  }
  if (document && formats.includes('xlsx')) {
    const { xlsxReport } = await import('./report-xlsx.js');
    files.set('report.xlsx', await xlsxReport(tablesOf(document), { title: document.title, lang: document.lang }));
  }
  return files;
}
