/**
 * The analysis behind `servflow analyze` (METHODS.md §1–§2): per service the
 * imbalance of every municipality, partnership totals, coverage inequality,
 * the flow graph and its measures; over all services the combined graph and
 * its functional service areas. Pure: a dataset and the run's parameters
 * in, results out.
 */
import type { Parameters } from '../model/parameters.js';
import type { Dataset, Service } from '../model/types.js';
import { twoStepFloatingCatchment, type Accessibility } from './accessibility/accessibility.js';
import { cooperate, type CooperationOptions, type ServiceCooperation } from './cooperation.js';
import type { Solver } from '../engines/linear-program.js';
import { distanceLookup, type DistanceLookup } from './accessibility/distance.js';
import type { GraphMeasures } from './flow-graph/graph-metrics.js';
import { edgesOf, IN_PROCESS_GRAPHS, nodeFigures, type GraphWork } from './graph-work.js';
import { CLASSES, imbalance, type MunicipalityClass, type MunicipalityImbalance, type ServiceFlows } from './imbalance/imbalance.js';
import { coverageInequality, type Inequality } from './imbalance/inequality.js';
import { neighboursWithin, withinRadius, type Neighbours } from './accessibility/neighbours.js';
import type { ServiceAreas } from './flow-graph/service-areas.js';
import { calibrateService, decayDonor, estimateFlows, gravityReachKm, type DecayDonor, type ServiceGravity } from './gravity/service-gravity.js';
import type { Constraint } from './gravity/gravity-constraints.js';
import { decaySensitivity, reportsSensitivity, SENSITIVITY_TOLERANCE, type DecaySensitivity } from './gravity/sensitivity.js';
import { untimed, type PhaseTimer } from './timing.js';

export interface AnalyzeOptions {
  /** Service ids to analyse (default: all), already checked to exist. */
  readonly services?: readonly string[];
  /** With a solver, cooperation, investment and cost sharing (§5–§7) are computed too. */
  readonly solver?: Solver;
  readonly cooperation?: CooperationOptions;
  /** Wraps each phase (benchmark); by default the work just runs. */
  readonly time?: PhaseTimer;
  /**
   * Where the flow graphs' measures and the service areas (§2) are
   * computed: here by default; the CLI may hand them to another thread,
   * which works on them while this one computes the gravity model,
   * accessibility and cooperation (the same functions compute them, so the
   * results are the same).
   */
  readonly graphs?: GraphWork;
}

/** One flow as the analysis used it: observed, or local use (given or inferred). */
export interface FlowEdge {
  readonly origin: number;
  readonly destination: number;
  readonly users: number;
  readonly km: number;
  /** Estimated by the gravity model (METHODS.md §4) rather than observed. */
  readonly estimated: boolean;
  /** Local use inferred by the local-first rule. */
  readonly inferred: boolean;
}

/**
 * The flows of one service as columns, in (origin, destination) order: a
 * national service has a hundred thousand estimated flows, and objects for
 * each would only burden the memory and the garbage collector.
 */
export interface FlowTable {
  readonly length: number;
  readonly origin: Int32Array;
  readonly destination: Int32Array;
  readonly users: Float64Array;
  readonly km: Float64Array;
  /** 1 where the local use was inferred by the local-first rule. */
  readonly inferred: Uint8Array;
  /** Every flow of the service is a gravity-model estimate (METHODS.md §4). */
  readonly estimated: boolean;
}

/** Flow k of a table as an object (for the few that are shown one by one). */
export function flowAt(table: FlowTable, k: number): FlowEdge {
  return { origin: table.origin[k], destination: table.destination[k], users: table.users[k], km: table.km[k], estimated: table.estimated, inferred: table.inferred[k] === 1 };
}

export interface Totals {
  readonly supply: number;
  readonly demand: number;
  readonly unmet: number;
  readonly spare: number;
  readonly balance: number;
  /** ΣS/ΣD; null when ΣD = 0. */
  readonly coverage: number | null;
  readonly servedResidents: number;
}

export interface ServiceAnalysis {
  readonly service: Service;
  /** Index of the service in the dataset. */
  readonly index: number;
  /** The service has observed flows; else its flows are estimated by the gravity model. */
  readonly flowsObserved: boolean;
  /** Flows and every figure derived from them are gravity-model estimates. */
  readonly flowsEstimated: boolean;
  /** 2SFCA accessibility within the catchment (§3). */
  readonly accessibility: Accessibility;
  /** The gravity model: calibrated on observed flows, or the decay used to estimate them (§4). */
  readonly gravity: ServiceGravity;
  /** Estimated flows: partners' unmet demand and the main provider's inflow at β/2, β and 2β. */
  readonly sensitivity?: DecaySensitivity;
  /** Sharing, investment and cost sharing (§5–§7), when a solver was given. */
  readonly cooperation?: ServiceCooperation;
  readonly municipalities: readonly MunicipalityImbalance[];
  /** Totals over partner municipalities, and over every municipality. */
  readonly partners: Totals;
  readonly all: Totals;
  /** Coverage inequality between partners, weighted by demand. */
  readonly inequality: Inequality;
  /** Partners per class. */
  readonly classes: Readonly<Record<MunicipalityClass, number>>;
  readonly graph: GraphMeasures;
  readonly flows: FlowTable;
}

export interface Analysis {
  readonly dataset: Dataset;
  /** The run's parameters (defaults ← manifest ← command line): what the reports state as used. */
  readonly parameters: Parameters;
  readonly services: readonly ServiceAnalysis[];
  /** The combined graph over the analysed services. */
  readonly combined: GraphMeasures;
  readonly areas: ServiceAreas;
}

/** Contiguous flows of each service (the dataset's flows are sorted by service). */
export function flowsByService(dataset: Dataset): ServiceFlows[] {
  const { flows } = dataset;
  const start = new Int32Array(dataset.services.length + 1);
  for (let k = 0; k < flows.length; k++) start[flows.service[k] + 1]++;
  for (let s = 0; s < dataset.services.length; s++) start[s + 1] += start[s];
  return dataset.services.map((_, s) => ({
    length: start[s + 1] - start[s],
    origin: flows.origin.subarray(start[s], start[s + 1]),
    destination: flows.destination.subarray(start[s], start[s + 1]),
    users: flows.users.subarray(start[s], start[s + 1]),
  }));
}

export function analyze(dataset: Dataset, parameters: Parameters, options: AnalyzeOptions = {}): Analysis {
  const time = options.time ?? untimed;
  const selected = selectedServices(dataset, options.services);
  const byService = flowsByService(dataset);
  // The flow graphs' measures and the service areas are started as soon as
  // their flows are known and collected at the end: by default they are
  // computed at once, here; the CLI may have them computed on another thread
  // meanwhile (GraphWork). Observed flows are known from the start.
  const work = options.graphs ?? IN_PROCESS_GRAPHS;
  // Their graphs go first, before any gravity model: on another thread that
  // work overlaps the calibration and the estimates (`data/poland`: 12 of 16
  // alternating runs faster, about 0.05–0.1 s in the median).
  const observedRows = new Map<number, MunicipalityImbalance[]>();
  const observedGraphs = new Map<number, () => GraphMeasures>();
  for (const { index } of selected) {
    if (byService[index].length === 0) continue;
    const rows = time('imbalance', () => imbalance(dataset.supply[index], dataset.demand[index], byService[index], parameters));
    observedRows.set(index, rows);
    if (selected.length > 1)
      observedGraphs.set(
        index,
        time('graphs', () => work.measures({ municipalities: dataset.municipalities, edgeLists: [edgesOf(byService[index])], figures: rows.map(nodeFigures) })),
      );
  }
  const { reachPairs, calibrate, donor } = gravityContext(dataset, parameters, selected, byService, time, observedRows);
  const distances = time('distances', () => distanceLookup(dataset.municipalities, dataset.distances, parameters.circuity));
  // First the flows of every service (observed, or estimated by the gravity
  // model): the combined graph needs them all.
  const modelled = selected.map(({ service, index }) => {
    const supply = dataset.supply[index];
    const demand = dataset.demand[index];
    const gravityPairs = reachPairs(service, index);
    const observed = byService[index];
    let flows = observed;
    let gravity: ServiceGravity;
    let rows: MunicipalityImbalance[];
    let sensitivity: DecaySensitivity | undefined;
    if (observed.length > 0) ({ rows, gravity } = calibrate(service, index));
    else {
      const estimate = time('gravity', () => estimateFlows(service, parameters, gravityPairs, supply, demand, { donor }));
      flows = estimate.flows;
      gravity = estimate.gravity;
      rows = time('imbalance', () => imbalance(supply, demand, flows, parameters));
      const estimateAt = (beta: number): MunicipalityImbalance[] =>
        imbalance(
          supply,
          demand,
          estimateFlows(service, parameters, gravityPairs, supply, demand, { donor, beta, tolerance: SENSITIVITY_TOLERANCE, ...(estimate.region ? { region: estimate.region } : {}) }).flows,
          parameters,
        );
      if (reportsSensitivity(gravity.source)) sensitivity = time('gravity', () => decaySensitivity(dataset, gravity.beta, rows, estimateAt));
    }
    // Its graph's measures start now (on another thread they overlap the next service's gravity model). With
    // one service they are the combined graph's: the same edges and weights (only the nodes' attributes differ).
    const graph =
      selected.length > 1
        ? (observedGraphs.get(index) ?? time('graphs', () => work.measures({ municipalities: dataset.municipalities, edgeLists: [edgesOf(flows)], figures: rows.map(nodeFigures) })))
        : undefined;
    return { service, index, gravityPairs, flows, gravity, rows, graph, estimated: observed.length === 0, sensitivity };
  });
  const combinedWork = time('graphs', () => work.combined({ municipalities: dataset.municipalities, edgeLists: modelled.map(({ flows }) => edgesOf(flows)) }, parameters.seed));
  const rest = modelled.map(({ service, index, gravityPairs, flows, rows }) => {
    const catchmentPairs = time('distances', () => withinRadius(gravityPairs, service.catchmentKm));
    const accessibility = time('2sfca', () => twoStepFloatingCatchment(dataset.supply[index], dataset.demand[index], catchmentPairs));
    const cooperation = options.solver
      ? cooperate(dataset, parameters, { service, index, unmet: rows.map((row) => row.unmet), local: rows.map((row) => row.local), flows, pairs: catchmentPairs }, options.solver, {
          ...options.cooperation,
          time,
        })
      : undefined;
    return { accessibility, cooperation };
  });
  // The combined graph's result first: on another thread it is the last job
  // queued, so this thread can take it while that one finishes the others.
  const { measures, areas } = time('graphs', combinedWork);
  const services = modelled.map(({ service, index, flows, gravity, rows, graph, estimated, sensitivity }, k) => {
    const { accessibility, cooperation } = rest[k];
    const parts = { flows, rows, graph: graph ? time('graphs', graph) : measures, distances, gravity, accessibility, estimated };
    return { ...time('imbalance', () => serviceAnalysis(dataset, service, index, parts)), ...(cooperation ? { cooperation } : {}), ...(sensitivity ? { sensitivity } : {}) };
  });
  return { dataset, parameters, services, combined: measures, areas };
}

type Calibration = { rows: MunicipalityImbalance[]; gravity: ServiceGravity };

/** The services to analyse with their indices in the dataset: `ids` (already checked to exist), or all. */
function selectedServices(dataset: Dataset, ids: readonly string[] | undefined): { service: Service; index: number }[] {
  return dataset.services.map((service, index) => ({ service, index })).filter(({ service }) => !ids || ids.includes(service.id));
}

/**
 * What the gravity models of the selected services share: one sparse
 * neighbour structure for the widest reach (gravityReachKm of the largest
 * catchment), each service's pairs within its reach and its calibration
 * computed once, and the donor of β for services without observations —
 * calibrated on another service's flows, even one that is not selected
 * (docs/methods.md §4). `knownRows`: the §1 figures of observed services
 * already computed.
 */
function gravityContext(
  dataset: Dataset,
  parameters: Parameters,
  selected: readonly { service: Service; index: number }[],
  byService: readonly ServiceFlows[],
  time: PhaseTimer,
  knownRows: ReadonlyMap<number, MunicipalityImbalance[]> = new Map(),
): { reachPairs: (service: Service, index: number) => Neighbours; calibrate: (service: Service, index: number) => Calibration; donor: DecayDonor | undefined } {
  const needsDonor = selected.some(({ service, index }) => byService[index].length === 0 && service.decayBeta === undefined && parameters.defaultDecayBeta === null);
  const calibrable = dataset.services.map((service, index) => ({ service, index })).filter(({ index }) => byService[index].length > 0);
  const reach = Math.max(0, ...[...selected, ...(needsDonor ? calibrable : [])].map(({ service }) => gravityReachKm(service)));
  const neighbours = time('distances', () => neighboursWithin(dataset.municipalities, dataset.distances, parameters.circuity, reach));
  const pairs = new Map<number, Neighbours>();
  const reachPairs = (service: Service, index: number): Neighbours => {
    if (!pairs.has(index))
      pairs.set(
        index,
        time('distances', () => withinRadius(neighbours, gravityReachKm(service))),
      );
    return pairs.get(index)!;
  };
  const calibrations = new Map<number, Calibration>();
  const calibrate = (service: Service, index: number): Calibration => {
    const known = calibrations.get(index);
    if (known) return known;
    const rows = knownRows.get(index) ?? time('imbalance', () => imbalance(dataset.supply[index], dataset.demand[index], byService[index], parameters));
    const result = { rows, gravity: time('gravity', () => calibrateService(service, parameters, reachPairs(service, index), dataset.supply[index], byService[index], rows)) };
    calibrations.set(index, result);
    return result;
  };
  const donor = needsDonor ? decayDonor(calibrable.map(({ service, index }) => ({ service, gravity: calibrate(service, index).gravity }))) : undefined;
  return { reachPairs, calibrate, donor };
}

/** Only the gravity model of the selected services (`servflow model`). */
export function modelServices(
  dataset: Dataset,
  parameters: Parameters,
  options: AnalyzeOptions & { readonly constraint?: Constraint } = {},
): { service: Service; gravity: ServiceGravity; estimated: boolean }[] {
  const selected = selectedServices(dataset, options.services);
  const byService = flowsByService(dataset);
  const { reachPairs, calibrate, donor } = gravityContext(dataset, parameters, selected, byService, untimed);
  const constraint = options.constraint ?? 'production';
  return selected.map(({ service, index }) => {
    if (byService[index].length > 0 && constraint === 'production') return { service, gravity: calibrate(service, index).gravity, estimated: false };
    if (byService[index].length > 0) {
      const { rows } = calibrate(service, index);
      return {
        service,
        gravity: calibrateService(service, parameters, reachPairs(service, index), dataset.supply[index], byService[index], rows, constraint, dataset.demand[index]),
        estimated: false,
      };
    }
    return { service, gravity: estimateFlows(service, parameters, reachPairs(service, index), dataset.supply[index], dataset.demand[index], { donor }).gravity, estimated: true };
  });
}

interface ServiceParts {
  readonly flows: ServiceFlows;
  readonly rows: MunicipalityImbalance[];
  readonly graph: GraphMeasures;
  readonly distances: DistanceLookup;
  readonly gravity: ServiceGravity;
  readonly accessibility: Accessibility;
  readonly estimated: boolean;
}

function serviceAnalysis(dataset: Dataset, service: Service, index: number, parts: ServiceParts): ServiceAnalysis {
  const { flows, rows, graph, distances, gravity, accessibility, estimated } = parts;
  const partner = dataset.municipalities.map((municipality) => municipality.partner);
  const classes = Object.fromEntries(CLASSES.map((name) => [name, 0])) as Record<MunicipalityClass, number>;
  rows.forEach((row, i) => partner[i] && classes[row.class]++);
  const partnerRows = rows.filter((_, i) => partner[i]);
  return {
    service,
    index,
    flowsObserved: !estimated,
    flowsEstimated: estimated,
    accessibility,
    gravity,
    municipalities: rows,
    partners: totals(partnerRows),
    all: totals(rows),
    inequality: coverageInequality(
      partnerRows.map((row) => row.coverage ?? 0),
      partnerRows.map((row) => row.demand),
    ),
    classes,
    graph,
    flows: flowEdges(flows, rows, distances, estimated),
  };
}

function totals(rows: readonly MunicipalityImbalance[]): Totals {
  const sum = (pick: (row: MunicipalityImbalance) => number): number => rows.reduce((total, row) => total + pick(row), 0);
  const supply = sum((row) => row.supply);
  const demand = sum((row) => row.demand);
  return {
    supply,
    demand,
    unmet: sum((row) => row.unmet),
    spare: sum((row) => row.spare),
    balance: supply - demand,
    coverage: demand > 0 ? supply / demand : null,
    servedResidents: sum((row) => row.servedResidents),
  };
}

/** Observed flows between municipalities, plus local use (given or inferred), in (origin, destination) order. */
function flowEdges(flows: ServiceFlows, rows: readonly MunicipalityImbalance[], distances: DistanceLookup, estimated: boolean): FlowTable {
  const capacity = flows.length + rows.length;
  const table = { origin: new Int32Array(capacity), destination: new Int32Array(capacity), users: new Float64Array(capacity), km: new Float64Array(capacity), inferred: new Uint8Array(capacity) };
  let count = 0;
  const push = (i: number, j: number, users: number, inferred: boolean): void => {
    table.origin[count] = i;
    table.destination[count] = j;
    table.users[count] = users;
    table.km[count] = distances.km(i, j);
    table.inferred[count++] = inferred ? 1 : 0;
  };
  let k = 0;
  for (let i = 0; i < rows.length; i++) {
    let localDone = false;
    const addLocal = (): void => {
      localDone = true;
      if (rows[i].localInferred && rows[i].local > 0) push(i, i, rows[i].local, true);
    };
    for (; k < flows.length && flows.origin[k] === i; k++) {
      const j = flows.destination[k];
      if (!localDone && j >= i) {
        if (j > i) addLocal();
        else localDone = true;
      }
      push(i, j, flows.users[k], false);
    }
    if (!localDone) addLocal();
  }
  return {
    length: count,
    origin: table.origin.slice(0, count),
    destination: table.destination.slice(0, count),
    users: table.users.slice(0, count),
    km: table.km.slice(0, count),
    inferred: table.inferred.slice(0, count),
    estimated,
  };
}
