/**
 * agreements.csv, investments.csv and cost-sharing.csv (CLI.md): the
 * cooperation results of §5–§7, one row per agreement, facility and
 * (service, player), by service then id.
 */
import type { Analysis } from '../../analysis/analyze.js';
import type { ServiceCooperation } from '../../analysis/cooperation.js';
import type { Municipality } from '../../model/types.js';
import { toCsv, type Cell } from '../csv.js';
import { plainNumber } from '../../engines/number-format.js';

export const AGREEMENT_COLUMNS = ['service', 'buyer', 'provider', 'places', 'km', 'yearly_cost'] as const;
export const INVESTMENT_COLUMNS = ['service', 'municipality', 'type', 'places', 'capex', 'opex_per_year', 'serves', 'mean_km', 'max_km', 'facilities'] as const;
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

function cooperations(analysis: Analysis): ServiceCooperation[] {
  return analysis.services.flatMap((result) => (result.cooperation ? [result.cooperation] : []));
}

export function agreementsCsv(analysis: Analysis): string {
  const ids = analysis.dataset.municipalities.map((m) => m.id);
  const rows: Cell[][] = [];
  for (const c of cooperations(analysis)) {
    for (const a of c.agreements) rows.push([c.service.id, ids[a.buyer], ids[a.provider], a.places, a.km, a.yearlyCost]);
  }
  return toCsv(AGREEMENT_COLUMNS, rows);
}

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
