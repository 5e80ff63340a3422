/** cost-sharing.csv (CLI.md): who pays under §7's rules, one row per (service, player), by service then player. */
import type { Analysis } from '../../analysis/analyze.js';
import { playerInCore, shapleySaving } from '../../analysis/cost-sharing/cost-sharing-result.js';
import { cooperations } from '../cooperations.js';
import { toCsv, type Cell } from '../csv.js';

export const COST_SHARING_COLUMNS = [
  'service',
  'municipality',
  'standalone',
  'by_use',
  'by_population',
  'shapley',
  'shapley_se',
  'scrb',
  'nucleolus',
  'saving',
  'core_ok',
  'scrb_core_ok',
  'nucleolus_core_ok',
] as const;

/** A share, or an empty cell where its rule is not computed (NaN). */
const finite = (value: number): number | null => (Number.isFinite(value) ? value : null);

export function costSharingCsv(analysis: Analysis): string {
  const { municipalities } = analysis.dataset;
  const rows: Cell[][] = [];
  for (const c of cooperations(analysis)) {
    const s = c.costSharing;
    s.players.forEach((i, k) => {
      rows.push([
        c.service.id,
        municipalities[i].id,
        s.standalone[k],
        s.byUse[k],
        s.byPopulation[k],
        finite(s.shapley[k]),
        finite(s.shapleySE[k]),
        finite(s.scrb[k]),
        s.nucleolus ? finite(s.nucleolus[k]) : null,
        finite(shapleySaving(s, k)),
        playerInCore(s, 'shapley', k) ?? null,
        playerInCore(s, 'scrb', k) ?? null,
        playerInCore(s, 'nucleolus', k) ?? null,
      ]);
    });
  }
  return toCsv(COST_SHARING_COLUMNS, rows);
}
