/** imbalance.csv (CLI.md): one row per (service, municipality), §1 figures. */
import type { Analysis } from '../../analysis/analyze.js';
import { toCsv, type Cell } from '../csv.js';

export const IMBALANCE_COLUMNS = [
  'municipality',
  'name',
  'service',
  'supply',
  'demand',
  'balance',
  'coverage',
  'inflow',
  'outflow',
  'net_flow',
  'local',
  'local_inferred',
  'served_residents',
  'users',
  'unmet',
  'spare',
  'self_sufficiency',
  'dependency',
  'attraction',
  'access_2sfca',
  'class',
] as const;

export function imbalanceCsv(analysis: Analysis): string {
  const rows: Cell[][] = [];
  for (const result of analysis.services) {
    result.municipalities.forEach((row, i) => {
      const municipality = analysis.dataset.municipalities[i];
      rows.push([
        municipality.id,
        municipality.name,
        result.service.id,
        row.supply,
        row.demand,
        row.balance,
        row.coverage,
        row.inflow,
        row.outflow,
        row.netFlow,
        row.local,
        row.localInferred,
        row.servedResidents,
        row.users,
        row.unmet,
        row.spare,
        row.selfSufficiency,
        row.dependency,
        row.attraction,
        result.accessibility.access[i],
        row.class,
      ]);
    });
  }
  return toCsv(IMBALANCE_COLUMNS, rows);
}
