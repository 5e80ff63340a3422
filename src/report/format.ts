/**
 * Number formatting for reports. Text formats round to a fixed precision so
 * that the same input always gives the same bytes.
 */

/** Decimal places in CSV files. */
export const CSV_DECIMALS = 6;
/** Decimal places in summary.json. */
export const JSON_DECIMALS = 9;

/** Round to `decimals` places; −0 becomes 0; non-finite stays as it is. */
export function round(value: number, decimals: number): number {
  if (!Number.isFinite(value)) return value;
  const rounded = Number(value.toFixed(decimals));
  return rounded === 0 ? 0 : rounded;
}

/** A number for a CSV cell: fixed precision, no exponent, no trailing zeros; '' for null/NaN. */
export function plainNumber(value: number | null | undefined, decimals = CSV_DECIMALS): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  const text = round(value, decimals).toFixed(decimals);
  const trimmed = text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
  return trimmed === '-0' ? '0' : trimmed;
}

/** A number for people: thousands separated, `decimals` places. */
export function humanNumber(value: number | null | undefined, decimals = 0): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  // Grouping by hand: toLocaleString is slow enough to dominate a national report.
  const text = round(value, decimals).toFixed(decimals);
  const negative = text.startsWith('-') && !/^-0(\.0*)?$/.test(text);
  const [whole, fraction] = text.replace(/^-/, '').split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${fraction !== undefined ? `.${fraction}` : ''}`;
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
