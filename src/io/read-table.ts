/**
 * A whole small CSV file (coalition costs, weights) as header and rows with
 * their line numbers, through the same decoding and CSV reading as datasets.
 */
import { InputError } from '../errors.js';
import { IssueLog } from '../model/issue.js';
import { readCsv } from './csv.js';
import { decodeBytes } from './decode.js';
import { readInputFile } from './read-input.js';

export interface Table {
  readonly file: string;
  readonly header: readonly string[];
  readonly headerLine: number;
  readonly delimiter: string;
  readonly rows: readonly { readonly cells: readonly string[]; readonly line: number }[];
}

export function readTable(file: string): Table {
  const log = new IssueLog(file);
  const input = readInputFile(file);
  if (!input.ok) {
    log.error(0, 0, input.code, input.reason);
    throw new InputError(log.issues);
  }
  const decoded = decodeBytes(input.bytes);
  if (!decoded.ok) {
    log.error(1, 0, decoded.reason.includes('empty') ? 'empty-file' : 'binary-file', decoded.reason);
    throw new InputError(log.issues);
  }
  let header: readonly string[] = [];
  let headerLine = 1;
  let delimiter = ',';
  const rows: { cells: readonly string[]; line: number }[] = [];
  const result = readCsv(decoded.text, {}, (found) => {
    header = found.cells;
    headerLine = found.line;
    delimiter = found.delimiter;
    return (cells, line) => rows.push({ cells: [...cells], line });
  });
  if (result.problem) {
    log.error(result.problem.line, result.problem.column, 'bad-csv', result.problem.message);
    throw new InputError(log.issues);
  }
  return { file, header, headerLine, delimiter, rows };
}
