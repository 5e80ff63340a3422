/**
 * The analysis behind `servflow analyze` (METHODS.md §1–§2): per service the
 * imbalance of every municipality, partnership totals, coverage inequality,
 * the flow graph and its measures; over all services the combined graph and
 * its functional service areas. Pure: a dataset in, results out.
 */
import { buildFlowGraph, type EdgeList, type FlowGraph } from '../model/flow-graph.js';
import type { Dataset, Service } from '../model/types.js';
import { distanceLookup, type DistanceLookup } from './distance.js';
import { graphMeasures, type GraphMeasures } from './graph-metrics.js';
import { CLASSES, imbalance, type MunicipalityClass, type MunicipalityImbalance, type ServiceFlows } from './imbalance.js';
import { coverageInequality, type Inequality } from './inequality.js';
import { mulberry32 } from './random.js';
import { serviceAreas, type ServiceAreas } from './service-areas.js';

export interface AnalyzeOptions {
  /** Service ids to analyse (default: all), already checked to exist. */
  readonly services?: readonly string[];
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
  /** The service has observed flows (else local use is inferred everywhere). */
  readonly flowsObserved: boolean;
  readonly municipalities: readonly MunicipalityImbalance[];
  /** Totals over partner municipalities, and over every municipality. */
  readonly partners: Totals;
  readonly all: Totals;
  /** Coverage inequality between partners, weighted by demand. */
  readonly inequality: Inequality;
  /** Partners per class. */
  readonly classes: Readonly<Record<MunicipalityClass, number>>;
  readonly graph: GraphMeasures;
  readonly flows: readonly FlowEdge[];
}

export interface Analysis {
  readonly dataset: Dataset;
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

export function analyze(dataset: Dataset, options: AnalyzeOptions = {}): Analysis {
  const { parameters } = dataset;
  const selected = dataset.services.map((service, index) => ({ service, index })).filter(({ service }) => !options.services || options.services.includes(service.id));
  const byService = flowsByService(dataset);
  const distances = distanceLookup(dataset.municipalities, dataset.distances, parameters.circuity);
  const edgeLists: EdgeList[] = [];
  const services = selected.map(({ service, index }) => {
    const flows = byService[index];
    const rows = imbalance(dataset.supply[index], dataset.demand[index], flows, parameters);
    const graph: FlowGraph = buildFlowGraph(dataset.municipalities, [flows], (i) => ({ ...rows[i] }));
    edgeLists.push(flows);
    return serviceAnalysis(dataset, service, index, flows, rows, graph, distances);
  });
  const combined = buildFlowGraph(dataset.municipalities, edgeLists);
  return { dataset, services, combined: graphMeasures(combined), areas: serviceAreas(combined, mulberry32(parameters.seed)) };
}

function serviceAnalysis(dataset: Dataset, service: Service, index: number, flows: ServiceFlows, rows: MunicipalityImbalance[], graph: FlowGraph, distances: DistanceLookup): ServiceAnalysis {
  const partner = dataset.municipalities.map((municipality) => municipality.partner);
  const classes = Object.fromEntries(CLASSES.map((name) => [name, 0])) as Record<MunicipalityClass, number>;
  rows.forEach((row, i) => partner[i] && classes[row.class]++);
  const partnerRows = rows.filter((_, i) => partner[i]);
  return {
    service,
    index,
    flowsObserved: flows.length > 0,
    municipalities: rows,
    partners: totals(partnerRows),
    all: totals(rows),
    inequality: coverageInequality(
      partnerRows.map((row) => row.coverage ?? 0),
      partnerRows.map((row) => row.demand),
    ),
    classes,
    graph: graphMeasures(graph),
    flows: flowEdges(flows, rows, distances),
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
function flowEdges(flows: ServiceFlows, rows: readonly MunicipalityImbalance[], distances: DistanceLookup): FlowEdge[] {
  const edges: FlowEdge[] = [];
  let k = 0;
  for (let i = 0; i < rows.length; i++) {
    let localDone = false;
    const addLocal = (): void => {
      localDone = true;
      if (rows[i].localInferred && rows[i].local > 0) edges.push({ origin: i, destination: i, users: rows[i].local, km: distances.km(i, i), estimated: false, inferred: true });
    };
    for (; k < flows.length && flows.origin[k] === i; k++) {
      const j = flows.destination[k];
      if (!localDone && j >= i) {
        if (j > i) addLocal();
        else localDone = true;
      }
      edges.push({ origin: i, destination: j, users: flows.users[k], km: distances.km(i, j), estimated: false, inferred: false });
    }
    if (!localDone) addLocal();
  }
  return edges;
}
