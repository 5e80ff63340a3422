/**
 * Number formatting per language: English `1,234.5`, Polish `1 234,5`
 * (non-breaking space between thousands, decimal comma). Deterministic:
 * no locale data from the machine is used.
 */
import { round } from '../format.js';

export interface NumberStyle {
  readonly thousands: string;
  readonly decimal: string;
  /** Thousands are grouped only from this many integer digits (Polish: 5, so 1234 stays 1234). */
  readonly groupFrom: number;
}

export const EN_NUMBERS: NumberStyle = { thousands: ',', decimal: '.', groupFrom: 4 };
export const PL_NUMBERS: NumberStyle = { thousands: '\u00a0', decimal: ',', groupFrom: 5 };

/** A number with `decimals` places in `style`; '–' for null/NaN; a real minus sign. */
export function formatNumber(value: number | null | undefined, decimals: number, style: NumberStyle): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  const text = round(value, decimals).toFixed(decimals);
  const negative = text.startsWith('-') && !/^-0(\.0*)?$/.test(text);
  const [whole, fraction] = text.replace(/^-/, '').split('.');
  const grouped = whole.length >= style.groupFrom ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, style.thousands) : whole;
  return `${negative ? '−' : ''}${grouped}${fraction !== undefined ? `${style.decimal}${fraction}` : ''}`;
}
