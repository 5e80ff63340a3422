/**
 * Number formatting for reports. Text formats round to a fixed precision so
 * that the same input always gives the same bytes.
 *
 * These run once per number of a national report (hundreds of thousands of
 * flows), so the common cases avoid regular expressions and a second
 * `toFixed`: below `FIXED_EXACT[decimals]` a double's `toFixed(decimals)`
 * already equals that of its rounded value (the rounded value parses back to
 * a double within half a unit of the last place shown), so rounding first
 * changes nothing there. format.test.ts checks every fast path against the
 * plain definition.
 */

/** Decimal places in CSV files. */
export const CSV_DECIMALS = 6;
/** Decimal places in summary.json. */
export const JSON_DECIMALS = 9;

/** Below 10^(15 − d) a double's spacing is under 10^−d / 4, so `toFixed(d)` needs no rounding first. */
const FIXED_EXACT = [1e15, 1e14, 1e13, 1e12, 1e11, 1e10, 1e9, 1e8, 1e7, 1e6, 1e5];

/** Round to `decimals` places; −0 becomes 0; non-finite stays as it is. */
export function round(value: number, decimals: number): number {
  if (!Number.isFinite(value)) return value;
  const rounded = Number(value.toFixed(decimals));
  return rounded === 0 ? 0 : rounded;
}

/** `value.toFixed(decimals)` of the value rounded to `decimals` places (the same text below FIXED_EXACT). */
function fixed(value: number, decimals: number): string {
  const limit = FIXED_EXACT[decimals] ?? 0;
  return value < limit && value > -limit ? value.toFixed(decimals) : round(value, decimals).toFixed(decimals);
}

/** `12.500` → `12.5`, `3.000` → `3`; text without a point stays as it is. */
function trimZeros(text: string): string {
  if (text.indexOf('.') < 0) return text;
  let end = text.length;
  while (text.charCodeAt(end - 1) === 48 /* 0 */) end--;
  if (text.charCodeAt(end - 1) === 46 /* . */) end--;
  return end === text.length ? text : text.slice(0, end);
}

/** A number for a CSV cell: fixed precision, no exponent, no trailing zeros; '' for null/NaN. */
export function plainNumber(value: number | null | undefined, decimals = CSV_DECIMALS): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  // Whole numbers (most counts) print as they are (beyond 2^53 String would give the shortest digits, not the exact ones).
  if (Number.isSafeInteger(value)) return value === 0 ? '0' : String(value);
  const trimmed = trimZeros(fixed(value, decimals));
  return trimmed === '-0' ? '0' : trimmed;
}

/**
 * The JSON text of `round(value, JSON_DECIMALS)` (what `JSON.stringify`
 * writes for it); `null` for null, undefined and non-finite values. Between
 * 1e-6 and 1e6 the rounded value has at most 15 significant digits, so its
 * shortest form is the trimmed fixed-point text itself.
 */
export function jsonNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'null';
  if (Number.isInteger(value)) return value === 0 ? '0' : String(value);
  const size = value < 0 ? -value : value;
  if (size >= 1e-6 && size < 1e6) return trimZeros(value.toFixed(JSON_DECIMALS));
  return String(round(value, JSON_DECIMALS));
}

/** Digits of a whole number with `separator` between thousands: `1234567` → `1,234,567`. */
export function groupThousands(digits: string, separator: string): string {
  if (digits.length <= 3) return digits;
  // Not only digits (`Infinity`, `1e+21`): group the runs of digits as a pattern would.
  for (let k = 0; k < digits.length; k++) {
    const code = digits.charCodeAt(k);
    if (code < 48 || code > 57) return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
  }
  let head = digits.length % 3 || 3;
  let text = digits.slice(0, head);
  for (; head < digits.length; head += 3) text += separator + digits.slice(head, head + 3);
  return text;
}

/** Sign (true for a value that shows as negative), whole digits and fraction of `value` with `decimals` places. */
export function fixedParts(value: number, decimals: number): { negative: boolean; whole: string; fraction: string | undefined } {
  let text = fixed(value, decimals);
  const minus = text.charCodeAt(0) === 45; /* - */
  if (minus) text = text.slice(1);
  const point = text.indexOf('.');
  const whole = point < 0 ? text : text.slice(0, point);
  const fraction = point < 0 ? undefined : text.slice(point + 1);
  // −0.00 shows as 0.00.
  const negative = minus && (whole !== '0' || (fraction !== undefined && !/^0*$/.test(fraction)));
  return { negative, whole, fraction };
}

/** A number for people: thousands separated, `decimals` places. */
export function humanNumber(value: number | null | undefined, decimals = 0): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  // Grouping by hand: toLocaleString is slow enough to dominate a national report.
  const { negative, whole, fraction } = fixedParts(value, decimals);
  return `${negative ? '-' : ''}${groupThousands(whole, ',')}${fraction !== undefined ? `.${fraction}` : ''}`;
}

/** A share as a percentage for people: `12.5 %`. */
export function percent(value: number | null | undefined, decimals = 0): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  return `${humanNumber(value * 100, decimals)} %`;
}

/** A signed whole number for people: `+154`, `−77` (with a real minus sign). */
export function signed(value: number): string {
  const rounded = Math.round(value);
  if (rounded === 0) return '0';
  return rounded > 0 ? `+${humanNumber(rounded)}` : `−${humanNumber(-rounded)}`;
}
