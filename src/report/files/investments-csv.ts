/** investments.csv (CLI.md): the shared investment of §6, one row per planned facility or expansion, by service then site. */
import type { Analysis } from '../../analysis/analyze.js';
import { plainNumber } from '../../engines/number-format.js';
import type { Municipality } from '../../model/types.js';
import { cooperations } from '../cooperations.js';
import { toCsv, type Cell } from '../csv.js';

export const INVESTMENT_COLUMNS = ['service', 'municipality', 'type', 'places', 'capex', 'opex_per_year', 'serves', 'mean_km', 'max_km', 'facilities'] as const;

/** `0402042:12;0402022:30` — residents served per home municipality. */
export function servesCell(serves: readonly { municipality: number; residents: number }[], municipalities: readonly Municipality[]): string {
  return serves.map((s) => `${municipalities[s.municipality].id}:${plainNumber(s.residents, 2)}`).join(';');
}

export function investmentsCsv(analysis: Analysis): string {
  const { municipalities } = analysis.dataset;
  const rows: Cell[][] = [];
  for (const c of cooperations(analysis)) {
    for (const f of c.investment.facilities) {
      rows.push([c.service.id, municipalities[f.municipality].id, f.kind, f.places, f.capex, f.opexPerYear, servesCell(f.serves, municipalities), f.meanKm, f.maxKm, f.count]);
    }
  }
  return toCsv(INVESTMENT_COLUMNS, rows);
}
