/**
 * The report as structured content, built once per language and rendered by
 * each format (report.md, report.html, report.xlsx): headings, paragraphs of
 * findings, tables with typed cells. Renderers add markup and escaping; they
 * never compose wording — all wording lives in the language catalogues
 * (src/report/i18n/).
 */

export type Lang = 'en' | 'pl';

/**
 * How a number is shown; spreadsheets keep the raw number and use the kind for a number format.
 * `number` is a count of persons or places: shown (and stored in report.xlsx) whole.
 */
export type ColumnKind = 'text' | 'integer' | 'number' | 'decimal' | 'percent' | 'money' | 'km' | 'share' | 'boolean';

export interface Column {
  /** Stable key (English, snake_case), e.g. `supply`. */
  readonly key: string;
  /** Header in the report's language. */
  readonly label: string;
  readonly kind: ColumnKind;
  /**
   * Derived or seldom read: report.html shows it in a second table under a
   * `<details>` element so that the main table fits the page; report.md and
   * report.xlsx show it in place.
   */
  readonly secondary?: boolean;
}

/** A cell: the raw value (numbers stay numbers); `null` is an empty cell. */
export type CellValue = string | number | boolean | null;

export interface TableModel {
  /** Stable id, also the spreadsheet sheet's base name, e.g. `imbalance-preschool`. */
  readonly id: string;
  /** Title in the report's language. */
  readonly title: string;
  /** A short title for the spreadsheet's sheet name (cut at a word boundary to 31 characters); default the title. */
  readonly sheet?: string;
  readonly columns: readonly Column[];
  readonly rows: readonly (readonly CellValue[])[];
  /** Notes under the table, in the report's language. */
  readonly notes?: readonly string[];
  /**
   * For people (report.md, report.html), when `rows` is too long to read: the
   * rows to show instead and a note saying where the others are. The
   * spreadsheet keeps every row.
   */
  readonly excerpt?: { readonly rows: readonly (readonly CellValue[])[]; readonly note: string };
}

export type Block =
  | { readonly type: 'heading'; readonly level: 1 | 2 | 3; readonly text: string }
  | { readonly type: 'paragraph'; readonly text: string; readonly lead?: string }
  | { readonly type: 'list'; readonly items: readonly string[] }
  | { readonly type: 'table'; readonly table: TableModel };

export interface ReportDocument {
  readonly lang: Lang;
  readonly title: string;
  readonly blocks: readonly Block[];
}

/** The rows and notes report.md and report.html show: the excerpt, when there is one. */
export function shownRows(table: TableModel): { rows: readonly (readonly CellValue[])[]; notes: readonly string[] } {
  const notes = table.notes ?? [];
  return table.excerpt ? { rows: table.excerpt.rows, notes: [...notes, table.excerpt.note] } : { rows: table.rows, notes };
}

/** Every table of a document, in order (for the spreadsheet). */
export function tablesOf(document: ReportDocument): TableModel[] {
  return document.blocks.flatMap((block) => (block.type === 'table' ? [block.table] : []));
}
