/**
 * The JSON layout of summary.json: objects indented by two spaces as
 * `JSON.stringify(value, null, 2)` would, but an array of records (objects
 * of scalars, arrays of scalars and nested records) written one record per
 * line, compact, and an array of scalars on one line. A
 * national summary holds a third of a million flows: one line each keeps the
 * file readable, greppable and about half the size of a fully indented one,
 * and lets those rows be written straight from the analysis (JsonRows)
 * instead of as objects.
 */
import { Utf8Writer } from '../engines/utf8-writer.js';

export type Json = null | boolean | number | string | JsonRows | Json[] | { [key: string]: Json };

/** An array whose elements are written as compact JSON text, one per line. */
export class JsonRows {
  /** `row(out, k)` adds the compact JSON of element k to `out`. */
  constructor(
    readonly count: number,
    readonly row: (out: Utf8Writer, k: number) => void,
  ) {}
}

/** The document as UTF-8 text, with a final newline; `expected` is about how many bytes it will take (see Utf8Writer). */
export function jsonText(value: Json, expected?: number): Uint8Array {
  const out = new Utf8Writer(expected);
  write(out, value, '');
  out.add('\n');
  return out.toBytes();
}

const isObject = (value: Json): value is { [key: string]: Json } => typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof JsonRows);

function write(out: Utf8Writer, value: Json, indent: string): void {
  if (value instanceof JsonRows) {
    writeArray(out, value.count, (k) => value.row(out, k), indent);
  } else if (Array.isArray(value)) {
    if (!value.some(isObject)) out.add(JSON.stringify(value));
    else if (value.every(isRow)) writeArray(out, value.length, (k) => out.add(JSON.stringify(value[k])), indent);
    else writeArray(out, value.length, (k) => write(out, value[k], `${indent}  `), indent);
  } else if (isObject(value)) {
    const keys = Object.keys(value).filter((key) => value[key] !== undefined);
    if (keys.length === 0) {
      out.add('{}');
      return;
    }
    const inner = `${indent}  `;
    out.add('{\n');
    keys.forEach((key, k) => {
      out.add(`${inner}${JSON.stringify(key)}: `);
      write(out, value[key], inner);
      out.add(k < keys.length - 1 ? ',\n' : '\n');
    });
    out.add(`${indent}}`);
  } else {
    out.add(JSON.stringify(value));
  }
}

/** A record: scalars, arrays of scalars and records within; no array of objects (those get lines of their own). */
function isRow(value: Json): boolean {
  if (!isObject(value)) return value === null || typeof value !== 'object' || (Array.isArray(value) && !value.some((item) => typeof item === 'object' && item !== null));
  return Object.values(value).every(isRow);
}

/** `[`, each element on lines of its own at one more level of indentation, `]`. */
function writeArray(out: Utf8Writer, count: number, element: (k: number) => void, indent: string): void {
  if (count === 0) {
    out.add('[]');
    return;
  }
  const inner = `${indent}  `;
  out.add('[\n');
  for (let k = 0; k < count; k++) {
    out.add(inner);
    element(k);
    out.add(k < count - 1 ? ',\n' : '\n');
  }
  out.add(`${indent}]`);
}
