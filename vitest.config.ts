/**
 * Test runner settings (`npm test`, `npx vitest run <files>`).
 * - Timeouts hold on a loaded 2-core laptop; a test that hangs still fails.
 * - Forks, not threads: the in-process CLI helper changes the working folder,
 *   which worker threads cannot.
 * - Test files share a worker's loaded modules (isolate: false): the CLI,
 *   HiGHS and the national data load once per worker, not once per file.
 *   Files that need modules loaded afresh (ink's colour support is fixed
 *   when it loads) run isolated.
 * - Property tests are seeded: src/testing/setup.ts.
 */
import { defineConfig } from 'vitest/config';

const ISOLATED = ['src/tui/colour.test.tsx'];

export default defineConfig({
  test: {
    setupFiles: ['src/testing/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'shared', include: ['src/**/*.test.{ts,tsx}'], exclude: ISOLATED, isolate: false } },
      { extends: true, test: { name: 'isolated', include: ISOLATED, isolate: true } },
    ],
  },
});
