/**
 * graph.csv (CLI.md): one row per (municipality, graph) — each service's
 * graph, then `all` (the combined graph) — with degrees, PageRank, HITS and
 * the functional service area.
 */
import type { Analysis } from '../../analysis/analyze.js';
import type { GraphMeasures } from '../../analysis/flow-graph/graph-metrics.js';
import { toCsv, type Cell } from '../csv.js';

export const GRAPH_COLUMNS = ['municipality', 'name', 'graph', 'in_degree', 'out_degree', 'weighted_in_degree', 'weighted_out_degree', 'pagerank', 'hub', 'authority', 'area'] as const;

export function graphCsv(analysis: Analysis): string {
  const rows: Cell[][] = [];
  const add = (graph: string, measures: GraphMeasures): void => {
    analysis.dataset.municipalities.forEach((municipality, i) => {
      const { nodes } = measures;
      rows.push([
        municipality.id,
        municipality.name,
        graph,
        nodes.inDegree[i],
        nodes.outDegree[i],
        nodes.weightedInDegree[i],
        nodes.weightedOutDegree[i],
        nodes.pagerank[i],
        measures.hitsConverged ? nodes.hub[i] : null,
        measures.hitsConverged ? nodes.authority[i] : null,
        analysis.areas.area[i],
      ]);
    });
  };
  for (const result of analysis.services) add(result.service.id, result.graph);
  add('all', analysis.combined);
  return toCsv(GRAPH_COLUMNS, rows);
}
