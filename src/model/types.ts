/**
 * The dataset as servflow analyses it (DATA.md). Municipalities and services
 * are arrays; everything else refers to them by index, so analyses at
 * national scale work on typed arrays rather than string keys.
 */
import type { Issue } from './issue.js';
import type { MunicipalityKind } from './teryt.js';
import type { Parameters } from './parameters.js';

export interface Municipality {
  readonly id: string;
  readonly name: string;
  readonly population: number;
  readonly lat?: number;
  readonly lon?: number;
  readonly kind?: MunicipalityKind;
  readonly areaKm2?: number;
  readonly county?: string;
  /** Member of the partnership (false: a neighbour analysed as a provider). */
  readonly partner: boolean;
  /** May host a new shared facility. */
  readonly candidate: boolean;
}

export interface Service {
  readonly id: string;
  readonly name: string;
  readonly unit: string;
  readonly catchmentKm: number;
  readonly minFacilitySize: number;
  readonly maxFacilitySize?: number;
  /** Most places an expansion of an existing facility may add (§6), absolute. */
  readonly maxExpansion?: number;
  /** Most places an expansion may add, as a share of today's places (§6; default 1 when neither is given). */
  readonly maxExpansionShare?: number;
  readonly capexPerPlace: number;
  readonly facilityFixedCost: number;
  readonly opexPerPlace: number;
  readonly decayBeta?: number;
  /** Polish name for reports in Polish (optional column `name_pl`). */
  readonly namePl?: string;
}

/**
 * Observed flows, one entry per (origin, destination, service), columnar.
 * `origin[k] === destination[k]` is local use.
 */
export interface FlowTable {
  readonly length: number;
  readonly origin: Int32Array;
  readonly destination: Int32Array;
  readonly service: Int32Array;
  readonly users: Float64Array;
}

/** Given distances (both directions stored when the file gives one). */
export interface DistanceTable {
  readonly length: number;
  readonly origin: Int32Array;
  readonly destination: Int32Array;
  readonly km: Float64Array;
  /** NaN where no time was given. */
  readonly minutes: Float64Array;
}

export interface Dataset {
  /** From the manifest, else the folder name. */
  readonly name: string;
  readonly year?: number;
  readonly municipalities: readonly Municipality[];
  readonly services: readonly Service[];
  /** `supply[s][i]`: capacity of service s in municipality i (0 when not given). */
  readonly supply: readonly Float64Array[];
  /** `demand[s][i]`: residents of municipality i who need service s. */
  readonly demand: readonly Float64Array[];
  readonly flows: FlowTable;
  readonly distances: DistanceTable;
  /**
   * The parameters the manifest sets, and only those: a run resolves its
   * own (`runParameters`: defaults ← manifest ← command line) and passes
   * them to the analysis beside the dataset.
   */
  readonly manifestParameters: Partial<Parameters>;
  /** Warnings found while loading (errors stop the load). */
  readonly warnings: readonly Issue[];
  /** What was read: file name, rows and the format detected. */
  readonly sources: readonly SourceSummary[];
}

export interface SourceSummary {
  readonly role: FileRole;
  readonly file: string;
  readonly rows: number;
  readonly skipped: number;
  readonly encoding: string;
  readonly delimiter: string;
}

export type FileRole = 'municipalities' | 'services' | 'supply' | 'demand' | 'flows' | 'distances';

export const FILE_ROLES: readonly FileRole[] = ['municipalities', 'services', 'supply', 'demand', 'flows', 'distances'];

export const DEFAULT_FILE_NAMES: Readonly<Record<FileRole, string>> = {
  municipalities: 'municipalities.csv',
  services: 'services.csv',
  supply: 'supply.csv',
  demand: 'demand.csv',
  flows: 'flows.csv',
  distances: 'distances.csv',
};
