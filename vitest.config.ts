/**
 * Test runner settings (`npm test`, `npx vitest run <files>`).
 * - Timeouts hold on a loaded 2-core laptop; a test that hangs still fails.
 * - Forks, not threads: the in-process CLI helper changes the working folder,
 *   which worker threads cannot.
 * - Test files share a worker's loaded modules (isolate: false): the CLI,
 *   HiGHS and the national data load once per worker, not once per file.
 *   Files that need modules loaded afresh (ink's colour support is fixed
 *   when it loads) run isolated.
 * - The slowest files start first, so that none is left running alone at
 *   the end on two cores (vitest orders by past durations once it has run,
 *   by file size in a fresh clone).
 * - One worker per core: vitest's default leaves a core to its main
 *   process, which on this 2-core machine meant one worker (measured: the
 *   suite took 102 s with it, 66 s with two).
 * - Property tests are seeded: src/testing/setup.ts.
 */
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const ISOLATED = ['src/tui/colour.test.tsx'];

/** The longest-running files, measured (docs/contributing.md), longest first. */
const SLOW_FIRST = [
  'src/io/write-reports-crash.test.ts',
  'src/cli/fuzz.test.ts',
  'src/analysis/cost-sharing/bill-groups.test.ts',
  'src/report/files/report-html.test.ts',
  'src/cli/reliability.test.ts',
  'src/analysis/location/location-random.test.ts',
];

class SlowFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification): number => {
      const k = SLOW_FIRST.findIndex((name) => file.moduleId.endsWith(name));
      return k < 0 ? SLOW_FIRST.length : k;
    };
    const sorted = await super.sort(files);
    return sorted
      .map((file, order) => ({ file, order }))
      .sort((a, b) => rank(a.file) - rank(b.file) || a.order - b.order)
      .map(({ file }) => file);
  }
}

export default defineConfig({
  test: {
    setupFiles: ['src/testing/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    pool: 'forks',
    maxWorkers: availableParallelism(),
    sequence: { sequencer: SlowFirst },
    projects: [
      { extends: true, test: { name: 'shared', include: ['src/**/*.test.{ts,tsx}'], exclude: ISOLATED, isolate: false } },
      { extends: true, test: { name: 'isolated', include: ISOLATED, isolate: true } },
    ],
  },
});
