/**
 * Runs before every test file: property tests are seeded, so a failure
 * reproduces run after run. FC_SEED=<n> npx vitest run … tries another seed
 * (a test that names its own seed keeps it).
 */
import fc from 'fast-check';

const seed = Number(process.env.FC_SEED ?? 20261207);
if (!Number.isSafeInteger(seed)) throw new Error(`FC_SEED must be an integer, not ${process.env.FC_SEED}`);
fc.configureGlobal({ seed });
