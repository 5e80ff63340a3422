/**
 * graphMeasures (METHODS.md §2): bad and edge input first, then a 24-node
 * flow graph checked against networkx 2.8.8
 * (fixtures/analysis/networkx-graph/: edges.csv, reference.py → expected.json).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import hitsModule from 'graphology-metrics/centrality/hits.js';
import { buildFlowGraph, keptEntries, nodeKey, type EdgeList } from '../../model/flow-graph.js';
import { mulberry32 } from '../../engines/random.js';
import { edgeList, municipality } from '../../testing/graphs.js';

// A CommonJS module: at run time the default import is the function itself.
const hits = hitsModule as unknown as typeof hitsModule.default;
import type { Municipality } from '../../model/types.js';
import { flowRows, graphMeasures, type GraphMeasures } from './graph-metrics.js';

const FIXTURE = 'fixtures/analysis/networkx-graph';

interface Expected {
  readonly networkx: string;
  readonly nodes: string[];
  readonly inDegree: number[];
  readonly outDegree: number[];
  readonly weightedInDegree: number[];
  readonly weightedOutDegree: number[];
  readonly pagerank: number[];
  readonly hub: number[];
  readonly authority: number[];
  readonly edges: number;
  readonly volume: number;
  readonly density: number;
  readonly reciprocity: number;
  readonly overallReciprocity: number;
}

/** edges.csv as the loader would give it: ids in sorted order → indices, flows sorted by (origin, destination). */
function readFixture(): { municipalities: Municipality[]; edges: EdgeList } {
  const lines = readFileSync(`${FIXTURE}/edges.csv`, 'utf8').trim().split('\n').slice(1);
  const rows = lines.map((line) => line.split(',')).map(([origin, destination, users]) => ({ origin, destination, users: Number(users) }));
  const ids = [...new Set(rows.flatMap((row) => [row.origin, row.destination]))].sort();
  const index = new Map(ids.map((id, i) => [id, i]));
  const indexed = rows.map((row) => [index.get(row.origin)!, index.get(row.destination)!, row.users] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return { municipalities: ids.map(municipality), edges: edgeList(indexed) };
}

const expected = JSON.parse(readFileSync(`${FIXTURE}/expected.json`, 'utf8')) as Expected;

function expectClose(actual: ArrayLike<number>, wanted: readonly number[], tolerance: number): void {
  expect(actual.length).toBe(wanted.length);
  const worst = Math.max(...wanted.map((value, k) => Math.abs(actual[k] - value)));
  expect(worst).toBeLessThanOrEqual(tolerance);
}

describe('graphMeasures: bad and edge input', () => {
  const five = ['0402011', '0402022', '0402033', '0402042', '0402053'].map(municipality);

  it('a graph without edges: PageRank 1/n each, hubs and authorities 0, reciprocity null', () => {
    const measures = graphMeasures(buildFlowGraph(five, [edgeList([])]));
    expect(measures.order).toBe(5);
    expect(measures.edges).toBe(0);
    expect(measures.volume).toBe(0);
    expect(measures.density).toBe(0);
    expect(measures.reciprocity).toBeNull();
    expect(measures.hitsConverged).toBe(true);
    expect([...measures.nodes.pagerank]).toEqual([0.2, 0.2, 0.2, 0.2, 0.2]);
    expect([...measures.nodes.hub]).toEqual([0, 0, 0, 0, 0]);
    expect([...measures.nodes.authority]).toEqual([0, 0, 0, 0, 0]);
    expect([...measures.nodes.weightedInDegree, ...measures.nodes.weightedOutDegree]).toEqual(new Array(10).fill(0));
  });

  it('weights of 1e-200 or 1e200 (products under- or overflow): the same hubs and authorities as at scale 1 (issue 16, item 21)', () => {
    const { municipalities, edges } = readFixture();
    const base = graphMeasures(buildFlowGraph(municipalities, [edges]));
    for (const factor of [1e-200, 1e200]) {
      const scaled = { ...edges, users: Float64Array.from(edges.users, (users) => users * factor) };
      const measures = graphMeasures(buildFlowGraph(municipalities, [scaled]));
      expect(measures.hitsConverged).toBe(true);
      expectClose(measures.nodes.hub, [...base.nodes.hub], 1e-12);
      expectClose(measures.nodes.authority, [...base.nodes.authority], 1e-12);
    }
  });

  it('a graph with no node', () => {
    const measures = graphMeasures(buildFlowGraph([], [edgeList([])]));
    expect(measures).toMatchObject({ order: 0, edges: 0, volume: 0, density: 0, reciprocity: null, hitsConverged: true });
    expect(measures.nodes.pagerank.length).toBe(0);
  });

  it('zero-weight flows and self-loops are not edges: the measures are those of the graph without them', () => {
    const flows: [number, number, number][] = [
      [0, 1, 30],
      [1, 0, 10],
      [1, 2, 5],
      [2, 3, 7.5],
      [3, 1, 2],
      [4, 1, 1],
    ];
    const noisy: [number, number, number][] = [...flows, [0, 0, 500], [2, 2, 40], [2, 4, 0], [3, 0, 0], [4, 4, 1e6], [0, 4, -0]];
    const clean = graphMeasures(buildFlowGraph(five, [edgeList(flows)]));
    const withNoise = graphMeasures(buildFlowGraph(five, [edgeList(noisy)]));
    expect(withNoise).toEqual(clean);
    expect(withNoise.edges).toBe(6);
    expect(withNoise.volume).toBe(55.5);
    // hand-worked: reciprocated pairs 0↔1 only, (30 + 10) / 55.5
    expect(withNoise.reciprocity).toBe(40 / 55.5);
    expect(withNoise.density).toBe(6 / 20);
  });

  it('flows of the same pair from several lists are summed into one edge', () => {
    const measures = graphMeasures(
      buildFlowGraph(five, [
        edgeList([[0, 1, 3]]),
        edgeList([
          [0, 1, 4],
          [1, 0, 0],
        ]),
      ]),
    );
    expect(measures.edges).toBe(1);
    expect([...measures.nodes.weightedOutDegree]).toEqual([7, 0, 0, 0, 0]);
    expect([...measures.nodes.inDegree]).toEqual([0, 1, 0, 0, 0]);
    expect(measures.reciprocity).toBe(0);
    // one edge 0→1: all hub weight on 0, all authority on 1
    expect([...measures.nodes.hub]).toEqual([1, 0, 0, 0, 0]);
    expect([...measures.nodes.authority]).toEqual([0, 1, 0, 0, 0]);
  });

  it('does not change the graph it measures', () => {
    const { municipalities, edges } = readFixture();
    const graph = buildFlowGraph(municipalities, [edges]);
    const before = graph.export();
    graphMeasures(graph);
    expect(graph.export()).toEqual(before);
  });
});

describe(`graphMeasures against networkx ${expected.networkx} (${FIXTURE})`, () => {
  const { municipalities, edges } = readFixture();
  const measures: GraphMeasures = graphMeasures(buildFlowGraph(municipalities, [edges]));

  it('reads the fixture as networkx did', () => {
    expect(expected.networkx).toBe('2.8.8');
    expect(municipalities.map((m) => m.id)).toEqual(expected.nodes);
    expect(municipalities.length).toBeGreaterThanOrEqual(20);
    expect(measures.order).toBe(expected.nodes.length);
    expect(measures.edges).toBe(expected.edges);
  });

  it('the fixture has what it must: reciprocated pairs, a dangling node, nodes without inflow', () => {
    expect(expected.outDegree).toContain(0);
    expect(expected.inDegree).toContain(0);
    expect(expected.reciprocity).toBeGreaterThan(0);
    expect(expected.reciprocity).toBeLessThan(1);
  });

  it('degrees, weighted and unweighted, exactly', () => {
    // weights are integers or binary fractions (12.5, 3.25): every sum is exact in any order
    expect([...measures.nodes.inDegree]).toEqual(expected.inDegree);
    expect([...measures.nodes.outDegree]).toEqual(expected.outDegree);
    expect([...measures.nodes.weightedInDegree]).toEqual(expected.weightedInDegree);
    expect([...measures.nodes.weightedOutDegree]).toEqual(expected.weightedOutDegree);
    expect(measures.volume).toBe(expected.volume);
  });

  it('PageRank (damping 0.85) within 1e-9 absolute', () => {
    // networkx ran to tol 1e-15 (L1 change < n·tol); servflow stops at L1 change < n·1e-14.
    // Both are power iterations of the same Google matrix (dangling rank spread uniformly);
    // they agree to about 2e-14 here, so 1e-9 leaves room for other summation orders.
    expectClose(measures.nodes.pagerank, expected.pagerank, 1e-9);
    expect(measures.nodes.pagerank.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('HITS hubs and authorities (weighted, normalised to sum 1) within 1e-9 absolute', () => {
    // networkx 2.8 takes the leading singular vectors of the weighted adjacency
    // matrix from ARPACK (svds, tol 1e-15; reference.py checks them against a
    // dense SVD to 1e-12); servflow runs graphology's power iteration, which
    // converges at rate (σ₂/σ₁)² ≈ 0.72 here and stops when the L1 change of
    // the max-scaled hub vector is below n·1e-14. Achieved: about 4e-14.
    expect(measures.hitsConverged).toBe(true);
    expectClose(measures.nodes.hub, expected.hub, 1e-9);
    expectClose(measures.nodes.authority, expected.authority, 1e-9);
  });

  it('density and reciprocity (share of flow volume on reciprocated edges) within 1e-12', () => {
    expect(Math.abs(measures.density - expected.density)).toBeLessThanOrEqual(1e-12);
    expect(Math.abs(measures.reciprocity! - expected.reciprocity)).toBeLessThanOrEqual(1e-12);
    // the volume share is not networkx's overall_reciprocity (share of edges)
    expect(Math.abs(measures.reciprocity! - expected.overallReciprocity)).toBeGreaterThan(1e-3);
  });
});

describe("graphMeasures' own HITS (on the graph's rows) against graphology-metrics' hits", () => {
  // 40 random graphs (3–60 nodes, sparse to dense, some dangling nodes): graphology-metrics'
  // hits runs the power iteration on the whole graph, servflow per component (the same
  // vectors when one component leads clearly), so they agree to 1e-9. PageRank, degrees and
  // density are graphology-metrics' own (checked against networkx above).
  const random = mulberry32(2026);
  for (let run = 0; run < 40; run++) {
    const n = 3 + Math.floor(random() * 58);
    const p = 0.02 + random() * 0.5;
    const rows: [number, number, number][] = [];
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j && random() < p) rows.push([i, j, Math.round(random() * 1000) / 8]);
    it(`graph ${run}: ${n} nodes, ${rows.length} edges`, () => {
      const graph = buildFlowGraph(
        Array.from({ length: n }, (_, i) => municipality(`m${i}`)),
        [edgeList(rows)],
      );
      const measures = graphMeasures(graph);
      expect(measures.edges).toBe(rows.filter((row) => row[2] > 0).length);
      if (rows.length > 0) {
        expect(measures.hitsConverged).toBe(true);
        const scores = hits(graph, { maxIterations: 10000, tolerance: 1e-14, normalize: true, getEdgeWeight: 'weight' });
        expectClose(
          measures.nodes.hub,
          Array.from({ length: n }, (_, i) => scores.hubs[nodeKey(i)]),
          1e-9,
        );
        expectClose(
          measures.nodes.authority,
          Array.from({ length: n }, (_, i) => scores.authorities[nodeKey(i)]),
          1e-9,
        );
      }
    });
  }
});

describe('HITS over several components (leading singular vectors are those of the largest component value)', () => {
  const four = ['a', 'b', 'c', 'd', 'e'].map(municipality);

  it('by hand: 0→1 (3) and 2→3 (2): σ₁² = 9 against 4, so all hub weight on 0 and authority on 1', () => {
    const measures = graphMeasures(
      buildFlowGraph(four, [
        edgeList([
          [0, 1, 3],
          [2, 3, 2],
        ]),
      ]),
    );
    expect(measures.hitsConverged).toBe(true);
    expect([...measures.nodes.hub]).toEqual([1, 0, 0, 0, 0]);
    expect([...measures.nodes.authority]).toEqual([0, 1, 0, 0, 0]);
  });

  it('by hand: close values (σ₁² 9.25 against 8.9994) are decided: the larger component alone', () => {
    // the power iteration on the whole graph converges at rate 8.9994/9.25 ≈ 0.973 per step:
    // about ln(1e-13)/ln(0.973) ≈ 1,100 steps; per component it takes a few
    const measures = graphMeasures(
      buildFlowGraph(four, [
        edgeList([
          [0, 1, 2.9999],
          [2, 3, 3],
          [4, 3, 0.5],
        ]),
      ]),
    );
    expect(measures.hitsConverged).toBe(true);
    // component {2,3,4}: A has column 3 = (3, 0.5), so σ₁² = 9.25 > 2.9999² and hubs ∝ (3, 0.5) on 2 and 4
    expectClose(measures.nodes.hub, [0, 0, 3 / 3.5, 0, 0.5 / 3.5], 1e-12);
    expectClose(measures.nodes.authority, [0, 0, 0, 1, 0], 1e-12);
  });

  it('an exact tie between two components: the leading vectors are not unique, HITS is reported as not converged', () => {
    const measures = graphMeasures(
      buildFlowGraph(four, [
        edgeList([
          [0, 1, 2],
          [2, 3, 2],
        ]),
      ]),
    );
    expect(measures.hitsConverged).toBe(false);
    // the other measures do not depend on it
    expect([...measures.nodes.outDegree]).toEqual([1, 0, 1, 0, 0]);
  });
});

describe('buildFlowGraph: edge order and sums', () => {
  it('sums a pair over lists in list order, sorts targets, drops self-loops and non-positive flows', () => {
    const graph = buildFlowGraph(['a', 'b', 'c'].map(municipality), [
      edgeList([
        [2, 0, 1],
        [0, 2, 4],
        [0, 1, 2],
        [1, 1, 9],
      ]),
      edgeList([
        [0, 2, 0.5],
        [2, 0, -1],
        [1, 0, Number.NaN],
      ]),
    ]);
    expect(graph.type).toBe('directed');
    expect(graph.mapEdges((_edge, { weight }, source, target) => [source, target, weight])).toEqual([
      ['m0', 'm1', 2],
      ['m0', 'm2', 4.5],
      ['m2', 'm0', 1],
    ]);
    expect(graph.edges()).toEqual(['0', '1', '2']);
    const rows = flowRows(graph);
    expect([...rows.start]).toEqual([0, 2, 2, 3]);
    expect([...rows.target]).toEqual([1, 2, 0]);
    expect([...rows.weight]).toEqual([2, 4.5, 1]);
    expect(rows.size).toBe(3);
  });

  it('nodes in canonical order, keyed m<index>, with the municipality and its §1 figures as attributes', () => {
    const graph = buildFlowGraph(
      [{ ...municipality('0402011'), name: 'Gmina <A> & "B"', population: 1234, partner: false }, municipality('0402022')],
      [edgeList([[0, 1, 3]])],
      [
        { supply: 10, demand: 12, coverage: 10 / 12, class: 'importer' },
        { supply: 0, demand: 0, coverage: null, class: 'neutral' },
      ],
    );
    expect(graph.nodes()).toEqual(['m0', 'm1']);
    expect(graph.getNodeAttributes('m0')).toEqual({
      index: 0,
      id: '0402011',
      label: 'Gmina <A> & "B"',
      population: 1234,
      partner: false,
      supply: 10,
      demand: 12,
      coverage: 10 / 12,
      class: 'importer',
    });
    expect(graph.getNodeAttributes('m1')).toMatchObject({ index: 1, id: '0402022', coverage: null, class: 'neutral' });
    expect(graph.getEdgeAttributes('m0', 'm1')).toEqual({ weight: 3 });
  });

  it('sorting by comparison (for indices too large to pack) gives the same entries as packing', () => {
    const random = mulberry32(8);
    const lists = [0, 1, 2].map(() => edgeList(Array.from({ length: 300 }, () => [Math.floor(random() * 30), Math.floor(random() * 30), Math.floor(random() * 4)] as [number, number, number])));
    const packed = keptEntries(30, lists);
    const compared = keptEntries(30, lists, 0);
    expect(packed.pair.length).toBeGreaterThan(500);
    expect([...compared.pair]).toEqual([...packed.pair]);
    expect([...compared.users]).toEqual([...packed.users]);
  });
});
