/**
 * CSV text → header and rows with their line numbers, streamed to a sink so
 * a million-row file never sits in memory as strings. csv-parse reads any
 * file with quotes; a file without a single quote character is split
 * directly (for such text that is the whole of CSV, and it is several times
 * faster — see docs/performance.md).
 */
import { parse } from 'csv-parse/sync';

export type Delimiter = ',' | ';' | '\t';

export interface CsvHeader {
  readonly cells: readonly string[];
  /** 1-based physical line where the header starts. */
  readonly line: number;
  readonly delimiter: Delimiter;
}

/**
 * Receives each data row. `cells` may be reused for the next row: copy what
 * you keep. `line` is the 1-based physical line where the row starts.
 */
export type RowSink = (cells: readonly string[], line: number) => void;

export interface CsvOptions {
  readonly delimiter?: Delimiter;
  /** 1-based row (record) number of the header; default 1. */
  readonly headerRow?: number;
}

export type CsvProblem = { readonly line: number; readonly column: number; readonly message: string };

export interface CsvResult {
  readonly delimiter: Delimiter;
  /** Data rows passed to the sink. */
  readonly rows: number;
  /** Blank rows skipped. */
  readonly blank: number;
  /** A structural problem that stopped reading (e.g. an unclosed quote). */
  readonly problem?: CsvProblem;
}

interface RecordSpan {
  readonly start: number;
  readonly end: number;
  readonly line: number;
}

/** The first `count` records of `text`, quote-aware, as character spans. */
function firstRecords(text: string, count: number): RecordSpan[] {
  const spans: RecordSpan[] = [];
  let start = 0;
  let line = 1;
  let startLine = 1;
  let quoted = false;
  for (let index = 0; index <= text.length && spans.length < count; index++) {
    const char = text[index];
    if (char === '"') quoted = !quoted;
    else if (index === text.length || (!quoted && (char === '\n' || char === '\r'))) {
      spans.push({ start, end: index, line: startLine });
      if (char === '\r' && text[index + 1] === '\n') index++;
      start = index + 1;
      startLine = line + 1;
    }
    if (char === '\n' || (char === '\r' && text[index + 1] !== '\n')) line++;
  }
  return spans;
}

/** The delimiter used most often outside quotes in `record`; `,` when none. */
export function detectDelimiter(record: string): Delimiter {
  const counts: Record<Delimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const char of record) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === ',' || char === ';' || char === '\t')) counts[char]++;
  }
  const best = (Object.keys(counts) as Delimiter[]).reduce((a, b) => (counts[b] > counts[a] ? b : a));
  return counts[best] > 0 ? best : ',';
}

/**
 * Read `text`: find the header at `headerRow`, detect the delimiter from it,
 * call `onHeader`, then the returned sink for every non-blank data row.
 */
export function readCsv(text: string, options: CsvOptions, onHeader: (header: CsvHeader) => RowSink): CsvResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const headerRow = options.headerRow ?? 1;
  const spans = firstRecords(body, headerRow);
  const headerSpan = spans[headerRow - 1];
  if (!headerSpan || body.slice(headerSpan.start, headerSpan.end).trim() === '') {
    return {
      delimiter: options.delimiter ?? ',',
      rows: 0,
      blank: 0,
      problem: { line: headerSpan?.line ?? 1, column: 0, message: headerRow === 1 ? 'the file has no header line' : `the file has no header at row ${headerRow}` },
    };
  }
  const delimiter = options.delimiter ?? detectDelimiter(body.slice(headerSpan.start, headerSpan.end));
  return body.includes('"') ? readQuoted(body, delimiter, headerRow, onHeader) : readPlain(body, delimiter, headerRow, onHeader);
}

function isBlank(cells: readonly string[]): boolean {
  for (const cell of cells) if (cell.trim() !== '') return false;
  return true;
}

/** Text without quote characters: records are lines, fields are split on the delimiter. */
function readPlain(source: string, delimiter: Delimiter, headerRow: number, onHeader: (header: CsvHeader) => RowSink): CsvResult {
  // A lone CR ends a line too (old Mac files); as a line break it keeps line numbers.
  const text = /\r(?!\n)/.test(source) ? source.replace(/\r(?!\n)/g, '\n') : source;
  let sink: RowSink | undefined;
  let rows = 0;
  let blank = 0;
  let line = 0;
  const cells: string[] = [];
  const length = text.length;
  for (let start = 0; start < length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = length;
    const stop = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    line++;
    cells.length = 0;
    for (let from = start; ; ) {
      const at = text.indexOf(delimiter, from);
      if (at < 0 || at >= stop) {
        cells.push(text.slice(from, stop));
        break;
      }
      cells.push(text.slice(from, at));
      from = at + 1;
    }
    start = end + 1;
    if (line < headerRow) continue;
    if (line === headerRow) {
      sink = onHeader({ cells: [...cells], line, delimiter });
      continue;
    }
    if (cells[0].trim() === '' && isBlank(cells)) blank++;
    else {
      rows++;
      sink?.(cells, line);
    }
  }
  return { delimiter, rows, blank };
}

/** Any CSV: csv-parse, one record at a time through `on_record`. */
function readQuoted(text: string, delimiter: Delimiter, headerRow: number, onHeader: (header: CsvHeader) => RowSink): CsvResult {
  let sink: RowSink | undefined;
  let record = 0;
  let rows = 0;
  let blank = 0;
  let previousEnd = 0;
  // csv-parse counts a CRLF inside a quoted field as two lines; take them back
  let overcount = 0;
  try {
    parse(text, {
      delimiter,
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      on_record: (cells: string[], context: { lines: number }) => {
        const line = previousEnd + 1;
        for (const cell of cells) if (cell.includes('\r\n')) overcount += cell.split('\r\n').length - 1;
        previousEnd = context.lines - overcount;
        record++;
        if (record < headerRow) return null;
        if (record === headerRow) sink = onHeader({ cells, line, delimiter });
        else if (isBlank(cells)) blank++;
        else {
          rows++;
          sink?.(cells, line);
        }
        return null;
      },
    });
  } catch (error) {
    const details = error as { code?: string; lines?: number; message?: string };
    const message = details.code === 'CSV_QUOTE_NOT_CLOSED' ? 'a quoted field is never closed (a missing ")' : `cannot read the CSV: ${details.message ?? String(error)}`;
    return {
      delimiter,
      rows,
      blank,
      problem: { line: details.code === 'CSV_QUOTE_NOT_CLOSED' ? previousEnd + 1 : details.lines !== undefined ? details.lines - overcount : previousEnd + 1, column: 0, message },
    };
  }
  return { delimiter, rows, blank };
}
