/** flows.csv (CLI.md): one row per flow the analysis used, by service, origin, destination. */
import type { Analysis } from '../analysis/analyze.js';
import { toCsv, type Cell } from './csv.js';

export const FLOW_COLUMNS = ['service', 'origin', 'destination', 'users', 'estimated', 'km'] as const;

export function flowsCsv(analysis: Analysis): string {
  const ids = analysis.dataset.municipalities.map((m) => m.id);
  const rows: Cell[][] = [];
  for (const result of analysis.services) {
    for (const flow of result.flows) rows.push([result.service.id, ids[flow.origin], ids[flow.destination], flow.users, flow.estimated, flow.km]);
  }
  return toCsv(FLOW_COLUMNS, rows);
}
