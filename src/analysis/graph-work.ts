/**
 * Where the flow graphs (docs/methods.md §2) are built and measured and the
 * service areas computed: here and now (IN_PROCESS_GRAPHS), or on another
 * thread (src/cli/second-core.ts), by the same functions on the same plain
 * data.
 */
import { buildFlowGraph, type EdgeList, type NodeFigures } from '../model/flow-graph.js';
import type { Municipality } from '../model/types.js';
import { mulberry32 } from '../engines/random.js';
import { graphMeasures, type GraphMeasures } from './flow-graph/graph-metrics.js';
import { serviceAreas, type ServiceAreas } from './flow-graph/service-areas.js';
import type { MunicipalityImbalance, ServiceFlows } from './imbalance/imbalance.js';

/**
 * What a flow graph is built from (buildFlowGraph): plain data, so that it
 * can be handed to another thread.
 */
export interface GraphInput {
  readonly municipalities: readonly Municipality[];
  readonly edgeLists: readonly EdgeList[];
  /** The service's §1 figures per municipality (node attributes); none for the combined graph. */
  readonly figures?: readonly NodeFigures[];
}

/**
 * Where the flow graphs are built and measured and the service areas
 * computed: each function starts the work and returns one that gives its
 * result.
 */
export interface GraphWork {
  measures(input: GraphInput): () => GraphMeasures;
  combined(input: GraphInput, seed: number): () => { measures: GraphMeasures; areas: ServiceAreas };
}

/** Here and now. */
export const IN_PROCESS_GRAPHS: GraphWork = {
  measures(input) {
    const measures = serviceGraphWork(input);
    return () => measures;
  },
  combined(input, seed) {
    const result = combinedGraphWork(input, seed);
    return () => result;
  },
};

/** The measures of a service's flow graph (§2). */
export function serviceGraphWork(input: GraphInput): GraphMeasures {
  return graphMeasures(buildFlowGraph(input.municipalities, input.edgeLists, input.figures));
}

/** The measures and seeded service areas of the combined graph (§2). */
export function combinedGraphWork(input: GraphInput, seed: number): { measures: GraphMeasures; areas: ServiceAreas } {
  const graph = buildFlowGraph(input.municipalities, input.edgeLists, input.figures);
  return { measures: graphMeasures(graph), areas: serviceAreas(graph, mulberry32(seed)) };
}

/**
 * Only the columns a flow graph is built from, copied: what goes to another
 * thread (a view into the dataset's flows would copy all of them).
 */
export function edgesOf(flows: ServiceFlows): EdgeList {
  return { length: flows.length, origin: flows.origin.slice(0, flows.length), destination: flows.destination.slice(0, flows.length), users: flows.users.slice(0, flows.length) };
}

/** A municipality's §1 figures for one service, as its node's attributes in the service's flow graph. */
export function nodeFigures(row: MunicipalityImbalance): NodeFigures {
  return { supply: row.supply, demand: row.demand, local: row.local, unmet: row.unmet, spare: row.spare, balance: row.balance, coverage: row.coverage, class: row.class };
}
