/**
 * Number formatting per language: English `1,234.5`, Polish `1 234,5`
 * (non-breaking space between thousands, decimal comma). Deterministic:
 * no locale data from the machine is used.
 */
import { fixedParts, groupThousands } from '../../engines/number-format.js';
import type { ColumnKind } from '../document.js';

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
  const { negative, whole, fraction } = fixedParts(value, decimals);
  const grouped = whole.length >= style.groupFrom ? groupThousands(whole, style.thousands) : whole;
  return `${negative ? '−' : ''}${grouped}${fraction !== undefined ? `${style.decimal}${fraction}` : ''}`;
}

/** A table number as the HTML report shows it, by column kind; percent and money in the language's form. */
export function cellFormatter(num: (value: number, decimals?: number) => string, percent: (value: number) => string, money: (value: number) => string): (value: number, kind: ColumnKind) => string {
  return (value, kind) => {
    switch (kind) {
      case 'integer':
      case 'number':
        return num(value);
      case 'percent':
        return percent(value);
      case 'money':
        return money(value);
      case 'km':
        return num(value, 1);
      case 'share':
        return num(value, 3);
      default:
        return num(value, 2);
    }
  };
}
