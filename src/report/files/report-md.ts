/**
 * report.md: the report document (findings first, then the tables) as
 * Markdown, ready to paste into a partnership document. Names are data:
 * Markdown and HTML characters in them are escaped.
 */
import { shownRows, type Block, type CellValue, type ColumnKind, type ReportDocument, type TableModel } from '../document.js';
import type { Messages } from '../i18n/messages.js';

const NEEDS_ESCAPE = /[\\`*_[\]#|~<>\n@]|:\/\/|www\./i;

/**
 * Escape text for Markdown (and the HTML a Markdown renderer lets through).
 * Names are data, never links: the `:` of `scheme://`, the dot of `www.` and
 * the `@` of an address are backslash-escaped, so GitHub-flavoured renderers
 * make no autolink of a name such as `https://example.com` (issue 16, item 7).
 */
export function mdText(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text
    .replace(/\\/g, '\\\\')
    .replace(/[`*_[\]#|~]/g, (char) => `\\${char}`)
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n/g, ' ')
    .replace(/:\/\//g, '\\://')
    .replace(/\b(www)\./gi, '$1\\.')
    .replace(/@/g, '\\@');
}

/** A cell as people read it, in the report's language. */
export function formatCell(value: CellValue, kind: ColumnKind, m: Messages): string {
  if (value === null) return '–';
  if (typeof value === 'boolean') return value ? m.yes : m.no;
  if (typeof value === 'string') return value;
  switch (kind) {
    case 'percent':
      return m.pct(value);
    case 'decimal':
      return m.num(value, 2);
    case 'km':
      return m.num(value, 1);
    case 'share':
      return m.num(value, 3);
    default:
      return m.num(value);
  }
}

const RIGHT: ReadonlySet<ColumnKind> = new Set(['integer', 'number', 'decimal', 'percent', 'money', 'km', 'share']);

function table(t: TableModel, m: Messages): string[] {
  const { rows, notes } = shownRows(t);
  return [
    `| ${t.columns.map((c) => mdText(c.label)).join(' | ')} |`,
    `| ${t.columns.map((c) => (RIGHT.has(c.kind) ? '---:' : ':---')).join(' | ')} |`,
    ...rows.map((row) => `| ${row.map((value, k) => mdText(formatCell(value, t.columns[k].kind, m))).join(' | ')} |`),
    '',
    ...(notes.length > 0 ? [mdText(notes.join(' ')), ''] : []),
  ];
}

function block(b: Block, m: Messages): string[] {
  switch (b.type) {
    case 'heading':
      return [`${'#'.repeat(b.level)} ${mdText(b.text)}`, ''];
    case 'paragraph':
      return [`${b.lead ? `**${mdText(b.lead)}** ` : ''}${mdText(b.text)}`, ''];
    case 'list':
      return [...b.items.map((item) => `- ${mdText(item)}`), ''];
    case 'table':
      return table(b.table, m);
  }
}

export function reportMd(document: ReportDocument, m: Messages): string {
  const lines = document.blocks.flatMap((b) => block(b, m));
  // One rule before the closing line.
  lines.splice(lines.length - 2, 0, '---', '');
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}
