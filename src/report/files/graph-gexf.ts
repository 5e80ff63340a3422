/**
 * graph.gexf (`--format gexf`): the flow graphs themselves, for graph tools
 * (Gephi opens it; GEXF 1.3, written by graphology-gexf). One directed
 * multigraph: a node per municipality, keyed by its id, labelled with its
 * name; per service, that service's flow graph (docs/methods.md §2) as
 * edges weighted by users, each with the service as its `kind` and its
 * `service` attribute — so a tool can show one service (filter on
 * `service`) or all of them (parallel edges; Gephi can merge them into the
 * combined graph by summing weights). Node attributes: population, partner,
 * the service area (Louvain on the combined graph) and PageRank on the
 * combined graph, and per service `<service>_<figure>`: the §1 figures
 * (supply, demand, local, unmet, spare, balance, coverage, class) and the
 * service graph's PageRank.
 *
 * Deterministic: nodes in canonical order, edges by service, then origin,
 * then destination; no date. Text from data is XML-escaped by the writer;
 * characters XML cannot carry (C0 controls but tab, LF and CR) are dropped.
 */
import { MultiDirectedGraph } from 'graphology';
import { write } from 'graphology-gexf';
import type { Analysis } from '../../analysis/analyze.js';
import { nodeFigures } from '../../analysis/graph-work.js';
import { keptEntries } from '../../model/flow-graph.js';

type Value = string | number | boolean | null;

// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** Text XML 1.0 can carry (the writer escapes markup). */
function xmlSafe(text: string): string {
  return text.replace(NOT_XML, '');
}

/** The GEXF text of the analysis's flow graphs. */
export function graphGexf(analysis: Analysis): string {
  const { dataset } = analysis;
  const exported = new MultiDirectedGraph<Record<string, Value>, Record<string, Value>>();
  exported.setAttribute('creator', 'servflow');
  exported.setAttribute('description', xmlSafe(dataset.name));
  const n = dataset.municipalities.length;
  const ids = dataset.municipalities.map((municipality) => xmlSafe(municipality.id));
  dataset.municipalities.forEach((municipality, i) => {
    const attributes: Record<string, Value> = {
      label: xmlSafe(municipality.name),
      population: municipality.population,
      partner: municipality.partner,
      area: analysis.areas.area[i],
      pagerank: analysis.combined.nodes.pagerank[i],
    };
    for (const result of analysis.services) {
      const prefix = `${xmlSafe(result.service.id)}_`;
      for (const [figure, value] of Object.entries(nodeFigures(result.municipalities[i]))) attributes[prefix + figure] = value;
      attributes[`${prefix}pagerank`] = result.graph.nodes.pagerank[i];
    }
    exported.addNode(ids[i], attributes);
  });
  // The edges of each service's flow graph, as buildFlowGraph makes them (weights summed per pair), keyed by id.
  let count = 0;
  for (const result of analysis.services) {
    const service = xmlSafe(result.service.id);
    const { pair, users } = keptEntries(n, [result.flows]);
    for (let e = 0; e < pair.length; e++) {
      let weight = users[e];
      while (e + 1 < pair.length && pair[e + 1] === pair[e]) weight += users[++e];
      const i = Math.floor(pair[e] / n);
      exported.addDirectedEdgeWithKey(`e${count++}`, ids[i], ids[pair[e] - i * n], { weight, kind: service, service });
    }
  }
  return write(exported, { version: '1.3', pretty: false });
}
