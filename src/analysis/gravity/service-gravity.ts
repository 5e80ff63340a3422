/**
 * The gravity model of one service (METHODS.md §4) on the dataset: the
 * observation pairs (destinations with capacity, within twice the
 * catchment), calibration when flows were observed, estimated flows when
 * none were.
 */
import type { Parameters } from '../../model/parameters.js';
import type { Service } from '../../model/types.js';
import { capacityAwareFlows } from './capacity-gravity.js';
import type { ShortRegion } from '../../engines/max-flow.js';
import { calibrateAttraction, calibrateDoubly, type Constraint } from './gravity-constraints.js';
import { calibrateGravity, gravityFlows, type DecayForm, type GravityFit, type GravityPairs } from './gravity.js';
import type { MunicipalityImbalance, ServiceFlows } from '../imbalance/imbalance.js';
import type { Neighbours } from '../accessibility/neighbours.js';

/**
 * Where β came from: calibrated on the service's flows; `decay_beta` of
 * services.csv; the `default_decay_beta` parameter; borrowed from another
 * service's calibration; the built-in default.
 */
export type DecaySource = 'calibrated' | 'decay_beta' | 'parameter' | 'borrowed' | 'default';

/**
 * The gravity model's reach (docs/methods.md §4.1): only pairs within
 * twice the service's catchment enter the model, calibrated or estimated.
 */
export function gravityReachKm(service: Service): number {
  return 2 * service.catchmentKm;
}

/** How the capacity-aware correction went (estimated flows only). */
export interface CapacityFit {
  /** Some destination would have received more than its places: the estimate differs from the production-constrained model. */
  readonly binds: boolean;
  /** Origins in the region where places run out. */
  readonly shortOrigins: number;
  readonly iterations: number;
  readonly converged: boolean;
}

export interface ServiceGravity {
  readonly form: DecayForm;
  readonly alpha: number;
  readonly beta: number;
  /** Where β (and α) came from. */
  readonly source: DecaySource;
  /** The member of the family calibrated (default production-constrained; estimates always are). */
  readonly constraint?: Constraint;
  /** The service whose calibrated β was borrowed (source 'borrowed'). */
  readonly borrowedFrom?: string;
  /** The capacity-aware correction of estimated flows. */
  readonly capacity?: CapacityFit;
  /** The calibration, when flows were observed and it succeeded. */
  readonly fit?: GravityFit;
  /** Why observed flows could not be calibrated on, if so. */
  readonly note?: string;
  /** Observed flows left out of calibration: beyond the reach (gravityReachKm) or into a municipality without capacity. */
  readonly flowsOutside: number;
  readonly usersOutside: number;
}

/**
 * Pairs (i, j) of `pairs` (already within the reach, gravityReachKm) whose destination
 * has capacity; with the power form, pairs at distance 0 are left out.
 * Origins are restricted to `origins` when given.
 */
export function observationPairs(pairs: Neighbours, supply: Float64Array, form: DecayForm, includeOrigin: (i: number) => boolean = () => true): GravityPairs {
  const n = supply.length;
  // Filled in place in arrays as long as every pair, then trimmed.
  const start = new Int32Array(n + 1);
  const origin = new Int32Array(n);
  const destination = new Int32Array(pairs.neighbour.length);
  const logMass = new Float64Array(pairs.neighbour.length);
  const km = new Float64Array(pairs.neighbour.length);
  let groups = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (!includeOrigin(i)) continue;
    const before = count;
    for (let e = pairs.start[i]; e < pairs.start[i + 1]; e++) {
      const j = pairs.neighbour[e];
      const d = pairs.km[e];
      if (!(supply[j] > 0) || (form === 'pow' && !(d > 0))) continue;
      destination[count] = j;
      logMass[count] = Math.log(supply[j]);
      km[count++] = d;
    }
    if (count > before) {
      origin[groups++] = i;
      start[groups] = count;
    }
  }
  return { start: start.slice(0, groups + 1), origin: origin.slice(0, groups), destination: destination.slice(0, count), logMass: logMass.slice(0, count), km: km.slice(0, count) };
}

/** Observed F_ij for every pair (local use L_i on the diagonal); counts flows outside the pairs. */
function observedOnPairs(pairs: GravityPairs, flows: ServiceFlows, rows: readonly MunicipalityImbalance[]): { y: Float64Array; flowsOutside: number; usersOutside: number } {
  const y = new Float64Array(pairs.destination.length);
  // Group of each origin; within a group destinations ascend (neighbour lists are sorted).
  const groupOf = new Int32Array(rows.length).fill(-1);
  for (let g = 0; g + 1 < pairs.start.length; g++) {
    const i = pairs.origin[g];
    groupOf[i] = g;
    for (let k = pairs.start[g]; k < pairs.start[g + 1]; k++) if (pairs.destination[k] === i) y[k] = rows[i].local;
  }
  let flowsOutside = 0;
  let usersOutside = 0;
  for (let f = 0; f < flows.length; f++) {
    const i = flows.origin[f];
    const j = flows.destination[f];
    if (i === j) continue;
    const g = groupOf[i];
    const k = g < 0 ? -1 : findSorted(pairs.destination, pairs.start[g], pairs.start[g + 1], j);
    if (k < 0) {
      if (flows.users[f] > 0) {
        flowsOutside++;
        usersOutside += flows.users[f];
      }
    } else y[k] = flows.users[f];
  }
  return { y, flowsOutside, usersOutside };
}

/** Position of `value` in the ascending `values[from … to−1]`, or −1. */
function findSorted(values: Int32Array, from: number, to: number, value: number): number {
  let low = from;
  let high = to - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (values[middle] === value) return middle;
    if (values[middle] < value) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/** Pairs whose origin group has observed flows (Poisson fixed effects need a positive total). */
function withPositiveTotals(pairs: GravityPairs, y: Float64Array): { pairs: GravityPairs; y: Float64Array } {
  const keep: number[] = [];
  const start: number[] = [0];
  const origin: number[] = [];
  for (let g = 0; g + 1 < pairs.start.length; g++) {
    let total = 0;
    for (let k = pairs.start[g]; k < pairs.start[g + 1]; k++) total += y[k];
    if (!(total > 0)) continue;
    for (let k = pairs.start[g]; k < pairs.start[g + 1]; k++) keep.push(k);
    origin.push(pairs.origin[g]);
    start.push(keep.length);
  }
  const pick = <T extends Float64Array | Int32Array>(values: T, make: (length: number) => T): T => {
    const out = make(keep.length);
    keep.forEach((k, index) => (out[index] = values[k]));
    return out;
  };
  return {
    pairs: {
      start: Int32Array.from(start),
      origin: Int32Array.from(origin),
      destination: pick(pairs.destination, (length) => new Int32Array(length)),
      logMass: pick(pairs.logMass, (length) => new Float64Array(length)),
      km: pick(pairs.km, (length) => new Float64Array(length)),
    },
    y: pick(y, (length) => new Float64Array(length)),
  };
}

/** Calibrate the model on observed flows of one service. */
/**
 * Calibrate the model on observed flows of one service: production-
 * constrained by default (W_j = S_j); attraction-constrained (V_i = D_i,
 * `demand` needed) or doubly constrained when `constraint` says so.
 */
export function calibrateService(
  service: Service,
  parameters: Parameters,
  pairs: Neighbours,
  supply: Float64Array,
  flows: ServiceFlows,
  rows: readonly MunicipalityImbalance[],
  constraint: Constraint = 'production',
  demand?: Float64Array,
): ServiceGravity {
  const form = parameters.decay;
  // Only origins with at least one observed flow row are observations: an
  // origin without any has only an inferred local use, no evidence of how use falls with distance.
  const hasRows = new Uint8Array(supply.length);
  for (let f = 0; f < flows.length; f++) hasRows[flows.origin[f]] = 1;
  const all = observationPairs(pairs, supply, form, (i) => hasRows[i] === 1);
  const observed = observedOnPairs(all, flows, rows);
  const usable = withPositiveTotals(all, observed.y);
  const fallback = (note: string): ServiceGravity => ({ ...defaultDecay(service, parameters), note, flowsOutside: observed.flowsOutside, usersOutside: observed.usersOutside });
  if (usable.y.length < 3) return fallback('too few observed flows within twice the catchment to calibrate');
  const fit = constraint === 'doubly' ? calibrateDoubly(usable.pairs, usable.y, form) : constraint === 'attraction' ? attraction(usable, demand, form) : calibrateGravity(usable.pairs, usable.y, form);
  if (!fit.converged || !Number.isFinite(fit.beta) || (constraint !== 'doubly' && !Number.isFinite(fit.alpha))) {
    return fallback('the calibration did not converge (the observed flows do not fall with distance in a way the model can fit)');
  }
  return { form, alpha: fit.alpha, beta: fit.beta, source: 'calibrated', constraint, fit, flowsOutside: observed.flowsOutside, usersOutside: observed.usersOutside };
}

/** Attraction-constrained calibration over the pairs of origins with residents in need (ln D_i is the origin mass). */
function attraction(usable: { pairs: GravityPairs; y: Float64Array }, demand: Float64Array | undefined, form: DecayForm): GravityFit {
  const { pairs, y } = usable;
  const keep: number[] = [];
  const start = [0];
  const origin: number[] = [];
  for (let g = 0; g + 1 < pairs.start.length; g++) {
    if (!((demand?.[pairs.origin[g]] ?? 0) > 0)) continue;
    for (let k = pairs.start[g]; k < pairs.start[g + 1]; k++) keep.push(k);
    origin.push(pairs.origin[g]);
    start.push(keep.length);
  }
  const kept: GravityPairs = {
    start: Int32Array.from(start),
    origin: Int32Array.from(origin),
    destination: Int32Array.from(keep, (k) => pairs.destination[k]),
    logMass: Float64Array.from(keep, (k) => pairs.logMass[k]),
    km: Float64Array.from(keep, (k) => pairs.km[k]),
  };
  return calibrateAttraction(
    kept,
    Float64Array.from(keep, (k) => y[k]),
    form,
    (i) => Math.log(demand?.[i] ?? 0),
  );
}

/** β of the built-in default, per form: per km for exp, the exponent for pow (docs/methods.md §4). */
export const DEFAULT_DECAY: Readonly<Record<DecayForm, number>> = { exp: 0.3, pow: 2 };

/** A calibrated service whose β a service without observations may borrow. */
export interface DecayDonor {
  readonly service: string;
  readonly beta: number;
}

/**
 * The decay of a service that is not calibrated, α = 1 and β from, in this
 * order: the service's `decay_beta`; the `default_decay_beta` parameter
 * (manifest or `--decay-beta`); the β calibrated on another service of the
 * dataset (`donor`); the built-in default of the decay form.
 */
export function defaultDecay(service: Service, parameters: Parameters, donor?: DecayDonor): Omit<ServiceGravity, 'flowsOutside' | 'usersOutside'> {
  const form = parameters.decay;
  if (service.decayBeta !== undefined) return { form, alpha: 1, beta: service.decayBeta, source: 'decay_beta' };
  if (parameters.defaultDecayBeta !== null) return { form, alpha: 1, beta: parameters.defaultDecayBeta, source: 'parameter' };
  if (donor) return { form, alpha: 1, beta: donor.beta, source: 'borrowed', borrowedFrom: donor.service };
  return { form, alpha: 1, beta: DEFAULT_DECAY[form], source: 'default' };
}

/**
 * The donor among calibrated services: the one calibrated on the most
 * pairs (ties: the first in services.csv); undefined when none was.
 */
export function decayDonor(calibrated: readonly { service: Service; gravity: ServiceGravity }[]): DecayDonor | undefined {
  let best: { service: Service; gravity: ServiceGravity } | undefined;
  for (const entry of calibrated) {
    const pairs = entry.gravity.fit?.pairs ?? 0;
    if (entry.gravity.source === 'calibrated' && pairs > 0 && (!best || pairs > (best.gravity.fit?.pairs ?? 0))) best = entry;
  }
  return best ? { service: best.service.id, beta: best.gravity.beta } : undefined;
}

export interface EstimateOptions {
  /** A calibrated service whose β to borrow (see `defaultDecay`). */
  readonly donor?: DecayDonor;
  /** Another β than the service's (the sensitivity line). */
  readonly beta?: number;
  /** Of the capacity-aware balancing (capacity-gravity.ts). */
  readonly tolerance?: number;
  /** The short region of the service's pairs, demand and places, from its estimate at another β. */
  readonly region?: ShortRegion;
  /** false: the production-constrained model alone, which ignores capacity (for comparisons such as the benchmark's). */
  readonly capacityAware?: boolean;
}

/**
 * Estimated flows for a service without observations (docs/methods.md §4):
 * the production-constrained gravity model spreads each municipality's
 * demand D_i over destinations with capacity within twice the catchment,
 * then the capacity-aware correction keeps every destination within its
 * places and leaves residents without a place only where every place in
 * their reach is taken. Sorted by (origin, destination).
 */
export function estimateFlows(
  service: Service,
  parameters: Parameters,
  pairs: Neighbours,
  supply: Float64Array,
  demand: Float64Array,
  options: EstimateOptions = {},
): { flows: ServiceFlows; gravity: ServiceGravity; region?: ShortRegion } {
  const base = defaultDecay(service, parameters, options.donor);
  const decay = options.beta === undefined ? base : { ...base, beta: options.beta };
  const observation = observationPairs(pairs, supply, decay.form, (i) => demand[i] > 0);
  const totals = Float64Array.from(observation.origin, (i) => demand[i]);
  const prior = gravityFlows(observation, decay.form, decay.alpha, decay.beta, totals);
  const estimate =
    options.capacityAware === false
      ? { flows: prior, capacityBinds: false, shortOrigins: 0, iterations: 0, converged: true, region: undefined }
      : capacityAwareFlows(observation, prior, totals, supply, { ...(options.tolerance === undefined ? {} : { tolerance: options.tolerance }), ...(options.region ? { region: options.region } : {}) });
  const origin = new Int32Array(prior.length);
  for (let g = 0; g + 1 < observation.start.length; g++) origin.fill(observation.origin[g], observation.start[g], observation.start[g + 1]);
  return {
    flows: { length: prior.length, origin, destination: observation.destination, users: estimate.flows },
    ...(estimate.region ? { region: estimate.region } : {}),
    gravity: {
      ...decay,
      flowsOutside: 0,
      usersOutside: 0,
      capacity: { binds: estimate.capacityBinds, shortOrigins: estimate.shortOrigins, iterations: estimate.iterations, converged: estimate.converged },
    },
  };
}
