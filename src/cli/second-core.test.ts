/**
 * The second core (second-core.ts): the worker computes the combined
 * graph's measures and service areas and part of the report set with the
 * same functions as one core, so the files must be the same bytes. Run on
 * the built modules (dist/, which `npm test` builds first): the worker
 * thread loads dist/cli/helper-thread.js, as the command line does.
 */
import { describe, expect, it } from 'vitest';
import type { Analysis } from '../analysis/analyze.js';
import { runParameters } from '../model/parameters.js';
import type { Dataset } from '../model/types.js';

/** A built module (an untyped path: the types come from the source it was built from). */
const built = (file: string): Promise<unknown> => import(new URL(`../../dist/${file}`, import.meta.url).href);
const { analyze } = (await built('analysis/analyze.js')) as typeof import('../analysis/analyze.js');
const { combinedGraphWork } = (await built('analysis/graph-work.js')) as typeof import('../analysis/graph-work.js');
const { loadDataset } = (await built('io/load-dataset.js')) as typeof import('../io/load-dataset.js');
const { loadSolver } = (await built('cli/solver.js')) as typeof import('./solver.js');
const { reportSet } = (await built('report/report-set.js')) as typeof import('../report/report-set.js');
const { startSecondCore, TWO_CORES_FROM } = (await built('cli/second-core.js')) as typeof import('./second-core.js');

const solver = await loadSolver();

async function bothWays(dataset: Dataset, takeQueued = true): Promise<{ one: Map<string, string | Uint8Array>; two: Map<string, string | Uint8Array>; analyses: [Analysis, Analysis] }> {
  const one = analyze(dataset, runParameters(dataset.manifestParameters), { solver });
  const core = startSecondCore(dataset, 0, { takeQueued });
  if (!core) throw new Error('no second core');
  try {
    const two = analyze(dataset, runParameters(dataset.manifestParameters), { solver, graphs: core.graphs });
    return { one: await reportSet(one, []), two: await core.reports(two, [], {}), analyses: [one, two] };
  } finally {
    core.stop();
  }
}

const bytes = (content: string | Uint8Array): Buffer => Buffer.from(typeof content === 'string' ? Buffer.from(content) : content);

describe('second core: the same results as one core', () => {
  for (const [folder, takeQueued] of [
    ['data', true],
    ['data', false],
    ['fixtures/hostile-names', true],
  ] as const) {
    it(`${folder}${takeQueued ? '' : ', every graph job on the worker'}: every report file byte-identical, in the same order`, async () => {
      const { one, two, analyses } = await bothWays(loadDataset(folder).dataset, takeQueued);
      expect([...two.keys()]).toEqual([...one.keys()]);
      expect([...one.keys()]).toHaveLength(10);
      for (const [name, content] of one) expect(bytes(two.get(name)!).equals(bytes(content)), name).toBe(true);
      expect(analyses[1].combined).toEqual(analyses[0].combined);
      expect(analyses[1].areas).toEqual(analyses[0].areas);
    });
  }

  it('a graph without edges: null reciprocity and modularity come back null', async () => {
    const { dataset } = loadDataset('data');
    const empty = { municipalities: dataset.municipalities, edgeLists: [] };
    const core = startSecondCore(dataset, 0, { takeQueued: false })!;
    try {
      const result = core.graphs.combined(empty, 7)();
      expect(result).toEqual(combinedGraphWork(empty, 7));
      expect(result.measures.reciprocity).toBeNull();
      expect(result.areas.modularity).toBeNull();
    } finally {
      core.stop();
    }
  });

  it('a failure in the worker reaches the main thread as an error, not a hang', () => {
    const { dataset } = loadDataset('data');
    const core = startSecondCore(dataset, 0, { takeQueued: false })!;
    try {
      // An edge to a municipality past the last makes building the graph fail in the worker.
      const broken = { municipalities: dataset.municipalities.slice(0, 2), edgeLists: [{ length: 1, origin: Int32Array.of(0), destination: Int32Array.of(5), users: Float64Array.of(1) }] };
      expect(() => core.graphs.combined(broken, 1)()).toThrow(/worker thread/);
    } finally {
      core.stop();
    }
  });

  it('a job collected before the worker starts it (the main thread then takes it): the same result, the same error', () => {
    const { dataset } = loadDataset('data');
    const core = startSecondCore(dataset, 0)!;
    try {
      // Collected at once, before the worker has loaded its modules: the main thread takes it (an edge
      // to a municipality past the last fails while building the graph, so the error says where it ran).
      const broken = { municipalities: dataset.municipalities.slice(0, 2), edgeLists: [{ length: 1, origin: Int32Array.of(0), destination: Int32Array.of(5), users: Float64Array.of(1) }] };
      expect(() => core.graphs.combined(broken, 1)()).toThrow(/not found/);
      const input = { municipalities: dataset.municipalities, edgeLists: [{ length: 2, origin: Int32Array.of(0, 1), destination: Int32Array.of(1, 0), users: Float64Array.of(3, 2) }] };
      expect(core.graphs.combined(input, 7)()).toEqual(combinedGraphWork(input, 7));
    } finally {
      core.stop();
    }
  });

  it('small datasets stay on one core', () => {
    const { dataset } = loadDataset('data');
    expect(dataset.municipalities.length).toBeLessThan(TWO_CORES_FROM);
    expect(startSecondCore(dataset)).toBeUndefined();
  });
});
