/**
 * serviceAreas (METHODS.md §2): Louvain areas of the symmetrised combined
 * flow graph. Edge input first, then two obvious clusters
 * (fixtures/analysis/louvain-two-clusters/: edges.csv, reference.py →
 * expected.json from networkx 2.8.8).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildFlowGraph } from '../../model/flow-graph.js';
import type { Municipality } from '../../model/types.js';
import { mulberry32 } from '../../engines/random.js';
import { edgeList, municipality } from '../../testing/graphs.js';
import { serviceAreas } from './service-areas.js';

const FIXTURE = 'fixtures/analysis/louvain-two-clusters';

interface Expected {
  readonly networkx: string;
  readonly nodes: string[];
  readonly clusters: string[][];
  readonly modularity: number;
}

/** edges.csv with ids in sorted order → indices (as the loader orders municipalities), flows by (origin, destination). */
function readFixture(): { municipalities: Municipality[]; rows: [number, number, number][] } {
  const lines = readFileSync(`${FIXTURE}/edges.csv`, 'utf8').trim().split('\n').slice(1);
  const raw = lines.map((line) => line.split(','));
  const ids = [...new Set(raw.flatMap(([origin, destination]) => [origin, destination]))].sort();
  const index = new Map(ids.map((id, i) => [id, i]));
  const rows = raw.map(([origin, destination, users]): [number, number, number] => [index.get(origin)!, index.get(destination)!, Number(users)]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return { municipalities: ids.map(municipality), rows };
}

const expected = JSON.parse(readFileSync(`${FIXTURE}/expected.json`, 'utf8')) as Expected;

describe('serviceAreas: edge input', () => {
  const four = ['0402011', '0402022', '0402033', '0402042'].map(municipality);

  it('without flows every municipality is its own area and modularity is null', () => {
    const areas = serviceAreas(buildFlowGraph(four, [edgeList([])]), mulberry32(1));
    expect([...areas.area]).toEqual([1, 2, 3, 4]);
    expect(areas.count).toBe(4);
    expect(areas.modularity).toBeNull();
    expect(areas.core).toEqual([0, 1, 2, 3]);
  });

  it('no municipalities: no areas', () => {
    const areas = serviceAreas(buildFlowGraph([], [edgeList([])]), mulberry32(1));
    expect(areas).toMatchObject({ count: 0, modularity: null, core: [] });
    expect(areas.area.length).toBe(0);
  });

  it('does not change the graph it is given', () => {
    const graph = buildFlowGraph(four, [
      edgeList([
        [0, 1, 5],
        [1, 0, 3],
        [2, 3, 4],
      ]),
    ]);
    const before = graph.export();
    serviceAreas(graph, mulberry32(7));
    expect(graph.export()).toEqual(before);
  });
});

describe(`serviceAreas: two clusters (${FIXTURE}, networkx ${expected.networkx})`, () => {
  const { municipalities, rows } = readFixture();
  const graph = buildFlowGraph(municipalities, [edgeList(rows)]);
  const areaOf = (areas: { area: Int32Array }): Record<string, number> => Object.fromEntries(municipalities.map((m, i) => [m.id, areas.area[i]]));

  it('reads the fixture as networkx did', () => {
    expect(expected.networkx).toBe('2.8.8');
    expect(municipalities.map((m) => m.id)).toEqual(expected.nodes);
  });

  it('finds the two clusters, numbered by their first member in id order', () => {
    const areas = serviceAreas(graph, mulberry32(42));
    expect(areas.count).toBe(2);
    const wanted = Object.fromEntries(expected.clusters.flatMap((members, k) => members.map((id) => [id, k + 1])));
    expect(areaOf(areas)).toEqual(wanted);
    // the clusters interleave in id order: the first id opens area 1, the second area 2
    expect([...areas.area]).toEqual([1, 2, 1, 2, 1, 2, 1, 2, 1, 2]);
  });

  it('the same seed gives the same areas and modularity', () => {
    for (const seed of [0, 1, 42, 2024]) {
      expect(serviceAreas(graph, mulberry32(seed))).toEqual(serviceAreas(graph, mulberry32(seed)));
    }
  });

  it('numbering does not depend on Louvain labels: every seed gives the same numbered areas', () => {
    const first = serviceAreas(graph, mulberry32(1));
    for (let seed = 2; seed <= 30; seed++) expect([...serviceAreas(graph, mulberry32(seed)).area]).toEqual([...first.area]);
  });

  it('modularity equals networkx modularity of the partition on the symmetrised weighted graph within 1e-9', () => {
    const areas = serviceAreas(graph, mulberry32(42));
    expect(Math.abs(areas.modularity! - expected.modularity)).toBeLessThanOrEqual(1e-9);
  });

  it('the core of each area is its member with the largest inflow', () => {
    const inflow = new Float64Array(municipalities.length);
    for (const [, destination, users] of rows) inflow[destination] += users;
    const areas = serviceAreas(graph, mulberry32(42));
    const cores = expected.clusters.map((members) => members.map((id) => expected.nodes.indexOf(id)).reduce((best, i) => (inflow[i] > inflow[best] ? i : best)));
    expect(areas.core).toEqual(cores);
    expect(areas.core.map((i) => municipalities[i].id)).toEqual(['0201011', '0201022']);
  });
});
