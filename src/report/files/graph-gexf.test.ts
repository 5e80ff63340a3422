/**
 * graph.gexf (--format gexf): the written text parsed back with
 * graphology-gexf's own parser (and xmldom, no warning or error) and checked against the
 * analysis's flows counted here independently: one node per municipality
 * with its name, one edge per (service, origin ≠ destination, users > 0),
 * weights equal to the users (numbers round-trip exactly as text).
 */
import { DOMParser } from '@xmldom/xmldom';
import { MultiDirectedGraph } from 'graphology';
import { parse } from 'graphology-gexf';
import { describe, expect, it } from 'vitest';
import type { Analysis } from '../../analysis/analyze.js';
import { analyzeAsLoaded } from '../../testing/analysis.js';
import { loadDataset } from '../../io/load-dataset.js';
import { reportSet } from '../report-set.js';
import { graphGexf } from './graph-gexf.js';

/** Every kept flow as `service origin destination` → users, from the analysis's flow tables. */
function keptFlows(analysis: Analysis): Map<string, number> {
  const ids = analysis.dataset.municipalities.map((m) => m.id);
  const kept = new Map<string, number>();
  for (const { service, flows } of analysis.services) {
    for (let k = 0; k < flows.length; k++) {
      if (flows.origin[k] === flows.destination[k] || !(flows.users[k] > 0)) continue;
      const key = `${service.id} ${ids[flows.origin[k]]} ${ids[flows.destination[k]]}`;
      kept.set(key, (kept.get(key) ?? 0) + flows.users[k]);
    }
  }
  return kept;
}

describe('graph.gexf', () => {
  for (const folder of ['data', 'fixtures/hostile-names']) {
    it(`${folder}: parses back to the municipalities and every service's flows`, () => {
      const analysis = analyzeAsLoaded(loadDataset(folder).dataset);
      const text = graphGexf(analysis);
      const errors: string[] = [];
      new DOMParser({ errorHandler: (level: string, message: string) => void errors.push(`${level}: ${message}`) }).parseFromString(text, 'text/xml');
      expect(errors).toEqual([]);
      const graph = parse(MultiDirectedGraph, text);
      const { municipalities } = analysis.dataset;
      expect(graph.order).toBe(municipalities.length);
      expect(graph.nodes()).toEqual(municipalities.map((m) => m.id));
      municipalities.forEach((m) => expect(graph.getNodeAttribute(m.id, 'label')).toBe(m.name));
      const kept = keptFlows(analysis);
      expect(kept.size).toBeGreaterThan(0);
      expect(graph.size).toBe(kept.size);
      const weights = new Map<string, number>();
      graph.forEachEdge((_edge, attributes, source, target) => weights.set(`${attributes.service} ${source} ${target}`, attributes.weight));
      expect(weights).toEqual(kept);
      // a node figure: the first service's supply of the first municipality, as in the analysis
      const first = analysis.services[0];
      expect(graph.getNodeAttribute(municipalities[0].id, `${first.service.id}_supply`)).toBe(first.municipalities[0].supply);
      expect(graph.getNodeAttribute(municipalities[0].id, 'area')).toBe(analysis.areas.area[0]);
    });
  }

  it('escapes names: markup in a name stays text', () => {
    const analysis = analyzeAsLoaded(loadDataset('fixtures/hostile-names').dataset);
    const text = graphGexf(analysis);
    expect(text).toContain('label="&lt;img src=x onerror=alert(1)>"');
    expect(text).not.toContain('<img');
  });

  it('drops characters XML cannot carry (a control character in a name)', () => {
    const { dataset } = loadDataset('data');
    const renamed = { ...dataset, municipalities: dataset.municipalities.map((m, i) => (i === 0 ? { ...m, name: 'Gmina\u0007 "A" & <B>' } : m)) };
    const graph = parse(MultiDirectedGraph, graphGexf(analyzeAsLoaded(renamed)));
    expect(graph.getNodeAttribute(dataset.municipalities[0].id, 'label')).toBe('Gmina "A" & <B>');
  });

  it('is deterministic, and written only when asked for (not among the default formats)', async () => {
    const analysis = analyzeAsLoaded(loadDataset('data').dataset);
    expect(graphGexf(analysis)).toBe(graphGexf(analyzeAsLoaded(loadDataset('data').dataset)));
    expect((await reportSet(analysis, [])).has('graph.gexf')).toBe(false);
    const files = await reportSet(analysis, [], { formats: ['gexf'] });
    expect([...files.keys()]).toEqual(['graph.gexf']);
    expect(files.get('graph.gexf')).toBe(graphGexf(analysis));
  });
});
