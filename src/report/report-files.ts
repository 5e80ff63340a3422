/**
 * The registry of report files (CLI.md "Report set"): every file a report
 * set can hold, in the order a report set gives them, each with its format
 * and its writer (a module of src/report/files/). `reportSet` builds the
 * files of the formats asked for from this list, so `servflow analyze`,
 * `servflow report --check|--write` and the second core all write and
 * compare the same files. A new report file is one module and one line here.
 */
import type { Analysis } from '../analysis/analyze.js';
import type { Issue } from '../model/issue.js';
import { tablesOf, type ReportDocument } from './document.js';
import { agreementsCsv } from './files/agreements-csv.js';
import { costSharingCsv } from './files/cost-sharing-csv.js';
import { flowsCsv } from './files/flows-csv.js';
import { graphCsv } from './files/graph-csv.js';
import { imbalanceCsv } from './files/imbalance-csv.js';
import { investmentsCsv } from './files/investments-csv.js';
import { reportMd } from './files/report-md.js';
import { summaryJson } from './files/summary-json.js';
import type { Messages } from './i18n/messages.js';
import { displayNames } from './names.js';
import type { MapBoundary } from './visuals.js';

export type ReportFormat = 'json' | 'csv' | 'md' | 'html' | 'xlsx' | 'gexf';

/** What a writer may use: the analysis and its warnings, the wording, and the document of report.md, report.html and report.xlsx (built once, when first asked for). */
export interface ReportInputs {
  readonly analysis: Analysis;
  readonly warnings: readonly Issue[];
  readonly messages: Messages;
  readonly boundaries: ReadonlyMap<string, MapBoundary>;
  document(): ReportDocument;
}

export interface ReportFile {
  readonly name: string;
  readonly format: ReportFormat;
  /** Written only when --format names its format (not by default). */
  readonly optional?: true;
  /** Written only for analyses this holds for (default: always). */
  readonly when?: (analysis: Analysis) => boolean;
  readonly write: (inputs: ReportInputs) => string | Uint8Array | Promise<string | Uint8Array>;
}

const withCooperation = (analysis: Analysis): boolean => analysis.services.some((result) => result.cooperation);

export const REPORT_FILES: readonly ReportFile[] = [
  { name: 'summary.json', format: 'json', write: ({ analysis, warnings }) => summaryJson(analysis, warnings) },
  { name: 'imbalance.csv', format: 'csv', write: ({ analysis }) => imbalanceCsv(analysis) },
  { name: 'flows.csv', format: 'csv', write: ({ analysis }) => flowsCsv(analysis) },
  { name: 'graph.csv', format: 'csv', write: ({ analysis }) => graphCsv(analysis) },
  { name: 'agreements.csv', format: 'csv', when: withCooperation, write: ({ analysis }) => agreementsCsv(analysis) },
  { name: 'investments.csv', format: 'csv', when: withCooperation, write: ({ analysis }) => investmentsCsv(analysis) },
  { name: 'cost-sharing.csv', format: 'csv', when: withCooperation, write: ({ analysis }) => costSharingCsv(analysis) },
  { name: 'report.md', format: 'md', write: (inputs) => reportMd(inputs.document(), inputs.messages) },
  // Loaded only when needed: d3 and the XLSX and GEXF writers would slow every command's start-up.
  { name: 'report.html', format: 'html', write: reportHtml },
  { name: 'report.xlsx', format: 'xlsx', write: reportXlsx },
  { name: 'graph.gexf', format: 'gexf', optional: true, write: async ({ analysis }) => (await import('./files/graph-gexf.js')).graphGexf(analysis) },
];

async function reportHtml({ analysis, messages, boundaries, document }: ReportInputs): Promise<string> {
  const { htmlReport } = await import('./files/report-html.js');
  const { buildVisuals } = await import('./visuals.js');
  const names = displayNames(analysis.dataset.municipalities, messages.kinds);
  return htmlReport(document(), buildVisuals(analysis, names, boundaries, messages.html));
}

async function reportXlsx({ document }: ReportInputs): Promise<Uint8Array> {
  const { xlsxReport } = await import('./files/report-xlsx.js');
  const built = document();
  return xlsxReport(tablesOf(built), { title: built.title, lang: built.lang });
}
