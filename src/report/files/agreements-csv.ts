/** agreements.csv (CLI.md): the capacity-sharing agreements of §5, one row per agreement, by service then buyer. */
import type { Analysis } from '../../analysis/analyze.js';
import { cooperations } from '../cooperations.js';
import { toCsv, type Cell } from '../csv.js';

export const AGREEMENT_COLUMNS = ['service', 'buyer', 'provider', 'places', 'km', 'yearly_cost'] as const;

export function agreementsCsv(analysis: Analysis): string {
  const ids = analysis.dataset.municipalities.map((m) => m.id);
  const rows: Cell[][] = [];
  for (const c of cooperations(analysis)) {
    for (const a of c.agreements) rows.push([c.service.id, ids[a.buyer], ids[a.provider], a.places, a.km, a.yearlyCost]);
  }
  return toCsv(AGREEMENT_COLUMNS, rows);
}
