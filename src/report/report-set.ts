/**
 * The report set (CLI.md "Report set"): file name → content, for the
 * formats asked for, built from the registry of report files
 * (report-files.ts). Deterministic: no timestamps, no absolute paths.
 */
import type { Analysis } from '../analysis/analyze.js';
import type { Issue } from '../model/issue.js';
import { buildDocument } from './build-document.js';
import type { Lang, ReportDocument } from './document.js';
import { MESSAGES } from './i18n/index.js';
import { REPORT_FILES, type ReportFormat, type ReportInputs } from './report-files.js';
import type { MapBoundary } from './visuals.js';

export type { ReportFormat } from './report-files.js';

/** Every format `--format` accepts. */
export const REPORT_FORMATS: readonly ReportFormat[] = [...new Set(REPORT_FILES.map((file) => file.format))];

/** The formats written when none is asked for: all but those of optional files (graph.gexf is for graph tools, and large nationally). */
export const DEFAULT_REPORT_FORMATS: readonly ReportFormat[] = [...new Set(REPORT_FILES.filter((file) => !file.optional).map((file) => file.format))];

/** Every file a report set can hold, in the order `reportSet` gives them. */
export const REPORT_FILE_ORDER: readonly string[] = REPORT_FILES.map((file) => file.name);

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
  const messages = MESSAGES[options.lang ?? 'en'];
  let document: ReportDocument | undefined;
  const inputs: ReportInputs = {
    analysis,
    warnings,
    messages,
    boundaries: options.boundaries ?? new Map(),
    document: () => (document ??= buildDocument(analysis, warnings, messages)),
  };
  const files = new Map<string, string | Uint8Array>();
  for (const file of REPORT_FILES) {
    if (formats.includes(file.format) && wanted(file.name) && (file.when?.(analysis) ?? true)) files.set(file.name, await file.write(inputs));
  }
  return files;
}
