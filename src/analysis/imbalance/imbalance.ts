/**
 * Imbalance of one service (METHODS.md §1): for every municipality, inflow,
 * outflow, local use (given or inferred by the local-first rule), served
 * residents, users, unmet demand, spare capacity, balance, coverage, net
 * flow, self-sufficiency, dependency, attraction and its class.
 */

/** Flows of one service: parallel arrays (a view into the dataset's table). */
export interface ServiceFlows {
  readonly length: number;
  readonly origin: Int32Array;
  readonly destination: Int32Array;
  readonly users: Float64Array;
}

export type MunicipalityClass = 'underserved' | 'hub' | 'dependent' | 'self-sufficient';

export const CLASSES: readonly MunicipalityClass[] = ['underserved', 'hub', 'dependent', 'self-sufficient'];

export interface Thresholds {
  /** underserved when M/D ≥ this (default 0.05). */
  readonly underservedShare: number;
  /** hub when N > 0 and α ≥ this (default 0.10). */
  readonly hubAttraction: number;
  /** dependent when δ ≥ this (default 0.25). */
  readonly dependentShare: number;
}

export interface MunicipalityImbalance {
  readonly supply: number;
  readonly demand: number;
  readonly inflow: number;
  readonly outflow: number;
  readonly local: number;
  /** Local use was not given and was inferred (local-first rule). */
  readonly localInferred: boolean;
  readonly servedResidents: number;
  readonly users: number;
  readonly unmet: number;
  readonly spare: number;
  readonly balance: number;
  /** S/D; null when D = 0. */
  readonly coverage: number | null;
  readonly netFlow: number;
  /** L/R; null when R = 0. */
  readonly selfSufficiency: number | null;
  /** Out/R; null when R = 0. */
  readonly dependency: number | null;
  /** In/U; null when U = 0. */
  readonly attraction: number | null;
  readonly class: MunicipalityClass;
}

const ratio = (numerator: number, denominator: number): number | null => (denominator > 0 ? numerator / denominator : null);

/**
 * §1 for every municipality of one service. `supply[i]`, `demand[i]` by
 * municipality; `flows` may include local rows (origin = destination).
 */
export function imbalance(supply: Float64Array, demand: Float64Array, flows: ServiceFlows, thresholds: Thresholds): MunicipalityImbalance[] {
  const n = supply.length;
  const inflow = new Float64Array(n);
  const outflow = new Float64Array(n);
  const givenLocal = new Float64Array(n).fill(NaN);
  for (let k = 0; k < flows.length; k++) {
    const i = flows.origin[k];
    const j = flows.destination[k];
    const users = flows.users[k];
    if (i === j) givenLocal[i] = users;
    else {
      outflow[i] += users;
      inflow[j] += users;
    }
  }
  const result: MunicipalityImbalance[] = [];
  for (let i = 0; i < n; i++) {
    const S = supply[i];
    const D = demand[i];
    const localInferred = Number.isNaN(givenLocal[i]);
    const local = localInferred ? Math.max(0, Math.min(D - outflow[i], S - inflow[i])) : givenLocal[i];
    const served = local + outflow[i];
    const users = local + inflow[i];
    const unmet = Math.max(0, D - served);
    const netFlow = inflow[i] - outflow[i];
    const dependency = ratio(outflow[i], served);
    const attraction = ratio(inflow[i], users);
    result.push({
      supply: S,
      demand: D,
      inflow: inflow[i],
      outflow: outflow[i],
      local,
      localInferred,
      servedResidents: served,
      users,
      unmet,
      spare: Math.max(0, S - users),
      balance: S - D,
      coverage: ratio(S, D),
      netFlow,
      selfSufficiency: ratio(local, served),
      dependency,
      attraction,
      class: classify(D, unmet, netFlow, attraction, dependency, thresholds),
    });
  }
  return result;
}

/** METHODS.md §1 classes, in the order the rule tests them. */
export function classify(demand: number, unmet: number, netFlow: number, attraction: number | null, dependency: number | null, thresholds: Thresholds): MunicipalityClass {
  if (demand > 0 && unmet / demand >= thresholds.underservedShare) return 'underserved';
  if (netFlow > 0 && attraction !== null && attraction >= thresholds.hubAttraction) return 'hub';
  if (dependency !== null && dependency >= thresholds.dependentShare) return 'dependent';
  return 'self-sufficient';
}
