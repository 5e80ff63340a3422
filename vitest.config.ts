/**
 * Test runner settings (`npm test`, `npx vitest run <files>`). Timeouts are
 * generous so the suite holds on a loaded 2-core laptop; a test that hangs
 * still fails. Property tests are seeded (src/testing/setup.ts).
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/testing/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    pool: 'forks',
  },
});
