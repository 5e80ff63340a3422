/**
 * Problems found in input data: `file:line:column: message` (DATA.md
 * "Bad input"). Line and column are 1-based; the column is the field number.
 */
export type Severity = 'error' | 'warning';

export interface Issue {
  readonly severity: Severity;
  /** File name as the user gave it, relative to the dataset folder. */
  readonly file: string;
  /** 1-based physical line in the file (0 when the problem is the file itself). */
  readonly line: number;
  /** 1-based field number (0 when the problem is the whole line or file). */
  readonly column: number;
  readonly message: string;
  /** Stable machine-readable kind, e.g. `unknown-id`, `not-a-number`. */
  readonly code: string;
}

/** `file:line:column: severity: message` — the line/column part only when known. */
export function formatIssue(issue: Issue): string {
  const where = [issue.file, issue.line > 0 ? String(issue.line) : '', issue.line > 0 && issue.column > 0 ? String(issue.column) : ''].filter((part) => part !== '').join(':');
  return `${where}: ${issue.severity}: ${issue.message}`;
}

/**
 * At most this many issues of one kind are kept per file; the rest are
 * counted in one closing issue of that kind (a file with a million bad rows
 * must not exhaust memory or the stack).
 */
export const ISSUES_KEPT_PER_KIND = 1000;

/** Collects issues while a file is read; a tiny mutable sink passed to pure readers. */
export class IssueLog {
  readonly issues: Issue[] = [];
  private readonly kept = new Map<string, number>();
  private readonly dropped = new Map<string, { index: number; count: number }>();

  constructor(readonly file: string) {}

  error(line: number, column: number, code: string, message: string): void {
    this.add({ severity: 'error', file: this.file, line, column, code, message });
  }

  warning(line: number, column: number, code: string, message: string): void {
    this.add({ severity: 'warning', file: this.file, line, column, code, message });
  }

  /** Errors in `issues` (kept ones and the counts of the rest: at least one when any was logged). */
  get errorCount(): number {
    return this.issues.reduce((count, issue) => count + (issue.severity === 'error' ? 1 : 0), 0);
  }

  private add(issue: Issue): void {
    const key = `${issue.severity} ${issue.code}`;
    const kept = this.kept.get(key) ?? 0;
    if (kept < ISSUES_KEPT_PER_KIND) {
      this.kept.set(key, kept + 1);
      this.issues.push(issue);
      return;
    }
    const dropped = this.dropped.get(key) ?? { index: this.issues.length, count: 0 };
    dropped.count++;
    this.dropped.set(key, dropped);
    const summary: Issue = {
      ...issue,
      line: 0,
      column: 0,
      message: `… and ${dropped.count.toLocaleString('en-US')} more ${issue.code} ${issue.severity}${dropped.count === 1 ? '' : 's'} in this file (the first ${ISSUES_KEPT_PER_KIND.toLocaleString('en-US')} are listed)`,
    };
    if (dropped.index === this.issues.length) this.issues.push(summary);
    else this.issues[dropped.index] = summary;
  }
}

/**
 * Stable order: file, line, column, then message (for deterministic output).
 * Identical issues (one file read twice as two sources) are listed once.
 */
export function sortIssues(issues: readonly Issue[]): Issue[] {
  const seen = new Set<string>();
  const unique = issues.filter((issue) => {
    const key = JSON.stringify([issue.severity, issue.file, issue.line, issue.column, issue.code, issue.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.sort((a, b) => compareText(a.file, b.file) || a.line - b.line || a.column - b.column || compareText(a.message, b.message));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Quote a user's value for a message, shortened when long, control characters shown. */
export function quote(value: string): string {
  const points = [...value.slice(0, 200)];
  const shown = points.length > 40 ? `${points.slice(0, 37).join('')}…` : points.join('');
  return JSON.stringify(shown);
}
