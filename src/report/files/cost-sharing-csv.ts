/** cost-sharing.csv (CLI.md): who pays under §7's rules, one row per (service, player), by service then player. */
import type { Analysis } from '../../analysis/analyze.js';
import type { ServiceCooperation } from '../../analysis/cooperation.js';
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

/** Is player k in no coalition that pays more than going alone under the rule's shares (Shapley by default)? Undefined for a rule not computed for its group. */
export function coreOk(c: ServiceCooperation, k: number, rule: 'shapley' | 'scrb' | 'nucleolus' = 'shapley'): boolean | undefined {
  const shares = c.costSharing[rule];
  if (!shares || Number.isNaN(shares[k])) return undefined;
  const check = c.costSharing.core[rule];
  return check ? !check.violations.some((v) => v.coalition.includes(k)) : undefined;
}

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
        finite(s.standalone[k] - s.shapley[k]),
        coreOk(c, k) ?? null,
        coreOk(c, k, 'scrb') ?? null,
        coreOk(c, k, 'nucleolus') ?? null,
      ]);
    });
  }
  return toCsv(COST_SHARING_COLUMNS, rows);
}
