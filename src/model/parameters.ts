/**
 * Analysis parameters (docs/methods.md) with their defaults. A run's
 * parameters are resolved once (`runParameters`): the defaults, then the
 * manifest's `parameters`, then command-line options. The dataset keeps
 * only what its manifest says; the analysis takes the run's parameters as
 * an argument of its own and hands them to the reports.
 */

import { MAX_PLAUSIBLE } from './number.js';

export interface Parameters {
  /** Great-circle distance × this factor when no distance is given (§3). */
  readonly circuity: number;
  /** Cost per person-km in the location objective (§6), PLN. */
  readonly lambda: number;
  /** Class thresholds (§1). */
  readonly underservedShare: number;
  readonly hubAttraction: number;
  readonly dependentShare: number;
  /** Distance-decay form of the gravity model (§4). */
  readonly decay: 'exp' | 'pow';
  /**
   * β (per km for exp, the exponent for pow) of services with neither flows
   * nor `decay_beta` (§4); null: borrowed from a calibrated service, else
   * the built-in default of the form.
   */
  readonly defaultDecayBeta: number | null;
  /** Seed of Louvain and Monte-Carlo Shapley. */
  readonly seed: number;
  /** Time limit of one MILP solve, seconds (§6). */
  readonly timeLimitSeconds: number;
}

/** Largest decay β accepted (per km, or the exponent): beyond it nobody travels past the next village. */
export const MAX_DECAY_BETA = 10;

export const DEFAULT_PARAMETERS: Parameters = {
  circuity: 1.3,
  lambda: 1,
  underservedShare: 0.05,
  hubAttraction: 0.1,
  dependentShare: 0.25,
  decay: 'exp',
  defaultDecayBeta: null,
  seed: 42,
  timeLimitSeconds: 10,
};

/** The parameters of a run: the defaults ← what the manifest sets ← the command line's options. */
export function runParameters(manifest: Partial<Parameters>, options: Partial<Parameters> = {}): Parameters {
  return { ...DEFAULT_PARAMETERS, ...manifest, ...options };
}

/** Manifest / option spelling (snake_case, as in the spec) → field. */
export const PARAMETER_NAMES: Readonly<Record<string, keyof Parameters>> = {
  circuity: 'circuity',
  lambda: 'lambda',
  underserved_share: 'underservedShare',
  hub_attraction: 'hubAttraction',
  dependent_share: 'dependentShare',
  decay: 'decay',
  default_decay_beta: 'defaultDecayBeta',
  seed: 'seed',
  time_limit_s: 'timeLimitSeconds',
};

/**
 * Check one parameter value; returns the reason it is invalid, or undefined.
 */
export function checkParameter(field: keyof Parameters, value: unknown): string | undefined {
  if (field === 'decay') return value === 'exp' || value === 'pow' ? undefined : 'must be "exp" or "pow"';
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a finite number';
  if (Math.abs(value) > MAX_PLAUSIBLE) return 'is implausibly large (at most 10^12)';
  if (field === 'timeLimitSeconds') return value > 0 ? undefined : 'must be greater than 0 (seconds for one optimisation)';
  if (field === 'seed') return Number.isInteger(value) ? undefined : 'must be a whole number';
  if (field === 'circuity') return value >= 1 ? undefined : 'must be at least 1';
  if (field === 'underservedShare' || field === 'hubAttraction' || field === 'dependentShare') {
    return value >= 0 && value <= 1 ? undefined : 'must be between 0 and 1';
  }
  if (field === 'defaultDecayBeta') return value >= 0 && value <= MAX_DECAY_BETA ? undefined : `must be between 0 and ${MAX_DECAY_BETA}`;
  return value >= 0 ? undefined : 'must not be negative';
}
