/**
 * How much estimated figures depend on the assumed distance decay
 * (docs/methods.md §4.3): where no flows were observed and β is the
 * built-in default, β is an assumption, so the partners' unmet demand and
 * the main provider's inflow are recomputed at half and twice the β used.
 */
import type { Dataset } from '../../model/types.js';
import type { MunicipalityImbalance } from '../imbalance/imbalance.js';
import type { DecaySource } from './service-gravity.js';

/**
 * Whether an estimated service gets the sensitivity line: where β is the
 * built-in default, with nothing in the data behind it. A β borrowed from
 * a calibration on the same dataset was measured on these municipalities
 * (the report names the service it comes from), and a β set by the user
 * (decay_beta, default_decay_beta, --decay-beta) is the user's stated
 * assumption; halving and doubling either would bracket a β nobody knows.
 */
export function reportsSensitivity(source: DecaySource): boolean {
  return source === 'default';
}

export interface SensitivityPoint {
  readonly beta: number;
  /** Σ unmet demand over partner municipalities. */
  readonly unmet: number;
  /** Inflow of the main provider (at the β used), or 0 when there is none. */
  readonly providerInflow: number;
}

export interface DecaySensitivity {
  /** The municipality with the largest inflow at the β used; undefined without flows between municipalities. */
  readonly provider: number | undefined;
  /** At β/2, β and 2β. */
  readonly points: readonly [SensitivityPoint, SensitivityPoint, SensitivityPoint];
}

/**
 * Balancing tolerance at β/2 and 2β: the line shows two totals in whole
 * residents, so margins within 0.01 % suffice (the augmenting finish keeps
 * the bounds and the most placed exact whatever the tolerance).
 */
export const SENSITIVITY_TOLERANCE = 1e-4;

/** The multipliers of β that the sensitivity line reports. */
export const SENSITIVITY_FACTORS = [0.5, 1, 2] as const;

/** The municipality with the largest inflow (ties: the first); undefined when nobody travels. */
export function largestInflow(rows: readonly MunicipalityImbalance[]): number | undefined {
  let best: number | undefined;
  rows.forEach((row, i) => {
    if (row.inflow > 0 && (best === undefined || row.inflow > rows[best].inflow)) best = i;
  });
  return best;
}

/** `rowsAt(β)` gives the §1 figures of the estimate at another β; `rows` are those at `beta`. */
export function decaySensitivity(dataset: Dataset, beta: number, rows: readonly MunicipalityImbalance[], rowsAt: (beta: number) => readonly MunicipalityImbalance[]): DecaySensitivity {
  const provider = largestInflow(rows);
  const point = (factor: number): SensitivityPoint => {
    const at = factor === 1 ? rows : rowsAt(beta * factor);
    let unmet = 0;
    at.forEach((row, i) => {
      if (dataset.municipalities[i].partner) unmet += row.unmet;
    });
    return { beta: beta * factor, unmet, providerInflow: provider === undefined ? 0 : at[provider].inflow };
  };
  return { provider, points: [point(SENSITIVITY_FACTORS[0]), point(SENSITIVITY_FACTORS[1]), point(SENSITIVITY_FACTORS[2])] };
}
