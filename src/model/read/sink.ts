/** What a file reader hands the CSV layer: a sink per row, and an end. */
export type RowSink = (cells: readonly string[], line: number) => void;

export interface SourceReader {
  readonly row: RowSink;
  /** Called after the last row (summary warnings). */
  readonly end: () => void;
}

export const IGNORE_ROWS: SourceReader = { row: () => {}, end: () => {} };
