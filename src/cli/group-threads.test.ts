/**
 * §7's bill groups on two threads (group-threads.ts): a group's settlement
 * depends on its own members only, so the report files must be the same
 * bytes as on one thread. Run on the built modules (dist/, which `npm test`
 * builds first): the worker loads dist/cli/group-thread.js, as the command
 * line does.
 */
import { describe, expect, it } from 'vitest';
import { runParameters } from '../model/parameters.js';

/** A built module (an untyped path: the types come from the source it was built from). */
const built = (file: string): Promise<unknown> => import(new URL(`../../dist/${file}`, import.meta.url).href);
const { analyze } = (await built('analysis/analyze.js')) as typeof import('../analysis/analyze.js');
const { loadDataset } = (await built('io/load-dataset.js')) as typeof import('../io/load-dataset.js');
const { loadSolver } = (await built('cli/solver.js')) as typeof import('./solver.js');
const { reportSet } = (await built('report/report-set.js')) as typeof import('../report/report-set.js');
const { groupThreads } = (await built('cli/group-threads.js')) as typeof import('./group-threads.js');
const { startSecondCore } = (await built('cli/second-core.js')) as typeof import('./second-core.js');

const solver = await loadSolver();
const bytes = (content: string | Uint8Array): Buffer => Buffer.from(typeof content === 'string' ? Buffer.from(content) : content);

describe('bill groups on two threads', () => {
  it('the 30-gmina shortage scenario (6 groups, one of 16 players with a sampled Shapley value): every report file byte-identical to one thread', async () => {
    const { dataset } = loadDataset('data/scenarios/siedlce-30-nursery');
    const parameters = runParameters(dataset.manifestParameters);
    const one = analyze(dataset, parameters, { solver });
    const threads = groupThreads(0);
    try {
      const two = analyze(dataset, parameters, { solver, cooperation: { groups: threads.work } });
      const sharing = two.services[0]?.cooperation?.costSharing;
      expect(sharing?.groups.length).toBeGreaterThan(2);
      expect(sharing?.groups.some((group) => !group.shapleyExact && group.shapley.computed)).toBe(true);
      const [a, b] = [await reportSet(one, []), await reportSet(two, [])];
      expect([...b.keys()]).toEqual([...a.keys()]);
      for (const [name, content] of a) expect(bytes(b.get(name)!).equals(bytes(content)), name).toBe(true);
    } finally {
      threads.stop();
    }
  });

  it("on the second core's worker, between its graph jobs and its report files: every report file byte-identical to one thread", async () => {
    const { dataset } = loadDataset('data/scenarios/siedlce-30-nursery');
    const parameters = runParameters(dataset.manifestParameters);
    const one = analyze(dataset, parameters, { solver });
    // Forced on for 30 municipalities (from 0), its graph jobs not taken back by this thread.
    const core = startSecondCore(dataset, 0, { takeQueued: false })!;
    const threads = groupThreads(0, core.thread);
    // This thread pauses before each group it takes, so the worker, once through its graph jobs, takes some too.
    const pause = new Int32Array(new SharedArrayBuffer(4));
    let here = 0;
    let groups = 0;
    const work: typeof threads.work = (inputs, estimates, settle, onSettled) => {
      groups += estimates.length;
      return threads.work(
        inputs,
        estimates,
        (g) => {
          Atomics.wait(pause, 0, 0, 300);
          here++;
          return settle(g);
        },
        onSettled,
      );
    };
    try {
      const two = analyze(dataset, parameters, { solver, graphs: core.graphs, cooperation: { groups: work } });
      threads.stop();
      expect(here).toBeGreaterThan(0);
      expect(here).toBeLessThan(groups);
      const [a, b] = [await reportSet(one, []), await core.reports(two, [], {})];
      expect([...b.keys()]).toEqual([...a.keys()]);
      for (const [name, content] of a) expect(bytes(b.get(name)!).equals(bytes(content)), name).toBe(true);
    } finally {
      core.stop();
    }
  });

  it('a failure in the worker reaches the main thread as an error, not a hang', () => {
    const threads = groupThreads(0);
    const pause = new Int32Array(new SharedArrayBuffer(4));
    try {
      // Inputs the worker cannot settle from; this thread takes its time over each group meanwhile.
      const broken = { dataset: null } as unknown as Parameters<typeof threads.work>[0];
      const settle = () => {
        Atomics.wait(pause, 0, 0, 1500);
        return {} as ReturnType<Parameters<typeof threads.work>[2]>;
      };
      expect(() => threads.work(broken, [5000, 5000], settle, () => undefined)).toThrow(/cost-sharing worker thread/);
    } finally {
      threads.stop();
    }
  });
});
