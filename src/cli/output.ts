/**
 * Terminal output helpers: colours (off with NO_COLOR, --no-color or when
 * not a terminal) and issue lists.
 */
import { formatIssue, type Issue } from '../model/issue.js';
import { terminalText } from '../model/text.js';

export interface Style {
  readonly bold: (text: string) => string;
  readonly red: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly green: (text: string) => string;
  readonly dim: (text: string) => string;
}

const plain = (text: string): string => text;

export function makeStyle(enabled: boolean): Style {
  const wrap = (open: number, close: number) => (enabled ? (text: string) => `\u001b[${open}m${text}\u001b[${close}m` : plain);
  return { bold: wrap(1, 22), red: wrap(31, 39), yellow: wrap(33, 39), green: wrap(32, 39), dim: wrap(2, 22) };
}

/** Colours only on a terminal, and never with NO_COLOR or --no-color. */
export function colorEnabled(stream: NodeJS.WriteStream, option: boolean | undefined): boolean {
  if (option === false) return false;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  return Boolean(stream.isTTY);
}

/** At most this many issues of one kind in one file are printed; the rest are counted. */
export const ISSUES_PER_KIND = 50;

/**
 * Issue lines as `servflow: file:line:column: severity: message`, at most
 * `ISSUES_PER_KIND` of one kind per file, then a line saying how many more.
 */
export function issueLines(issues: readonly Issue[], style: Style, limit = ISSUES_PER_KIND): string[] {
  const shown = new Map<string, number>();
  const hidden = new Map<string, { file: string; code: string; count: number }>();
  const lines: string[] = [];
  for (const issue of issues) {
    const key = `${issue.file}\u0000${issue.code}`;
    const count = shown.get(key) ?? 0;
    if (count >= limit) {
      const entry = hidden.get(key) ?? { file: issue.file, code: issue.code, count: 0 };
      entry.count++;
      hidden.set(key, entry);
      continue;
    }
    shown.set(key, count + 1);
    const text = terminalText(formatIssue(issue));
    lines.push(`servflow: ${issue.severity === 'error' ? style.red(text) : style.yellow(text)}`);
  }
  for (const { file, code, count } of hidden.values()) {
    lines.push(`servflow: ${terminalText(file)}: … and ${count.toLocaleString('en-US')} more ${code} problem${count === 1 ? '' : 's'} (--json lists them all)`);
  }
  return lines;
}

/**
 * Progress on stderr for long steps (MILP solves, Shapley sampling) — only
 * when stderr is a terminal, never in pipelines or CI logs. Redraws at most
 * ten times a second; `done()` clears the line.
 */
export function progressReporter(stream: NodeJS.WriteStream = process.stderr): { update: (label: string, done: number, total: number) => void; done: () => void } {
  if (!stream.isTTY) return { update: () => {}, done: () => {} };
  let last = 0;
  let shown = false;
  return {
    update(label, done, total) {
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      shown = true;
      const text = progressLine(label, done, total, stream.columns);
      stream.write(`\r\u001b[2K${text}`);
    },
    done() {
      if (shown) stream.write('\r\u001b[2K');
      shown = false;
    },
  };
}

/** Columns assumed when the terminal reports none (a pseudo-terminal may say 0 or nothing). */
export const DEFAULT_COLUMNS = 80;

/**
 * The progress text, cut to the terminal's width less one (so it never
 * wraps); an unknown, zero or nonsensical width counts as DEFAULT_COLUMNS.
 * Control characters (from data, such as a service id) are shown as "?".
 */
export function progressLine(label: string, done: number, total: number, columns: number | undefined): string {
  const width = columns !== undefined && Number.isFinite(columns) && columns >= 2 ? Math.floor(columns) : DEFAULT_COLUMNS;
  const text = terminalText(`${label} ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}`);
  return text.slice(0, width - 1);
}
