/**
 * The writer under concurrency and kills (issue 16, items 2 and 4): runs in
 * child processes (the built dist/io/write-reports.js) writing one folder.
 * - 20 pairs of runs started together on one folder (4 waves of 10 runs):
 *   after each wave the folder holds exactly one complete set and nothing
 *   of the writer's.
 * - 50 runs killed (SIGKILL) at seeded random moments of the write phase,
 *   renames slowed by the test-only SERVFLOW_TEST_SLOW_RENAME_MS: each
 *   leaves the old or the new complete set, or the next run restores one
 *   before writing (and takes over the dead run's lock).
 * Needs the build (`npm test` builds first).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../engines/random.js';
import { recoverReports, writeReports } from './write-reports.js';

const WRITER = path.resolve('dist/io/write-reports.js');
const roots: string[] = [];
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

function scratch(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'servflow-crash-'));
  roots.push(root);
  return root;
}

const FILES = 10;
/** A set whose every file says which run wrote it. */
const set = (tag: string): Map<string, string> => new Map(Array.from({ length: FILES }, (_, k) => [`file-${k}.csv`, `${tag} ${k}\n`.repeat(200)]));

/** Which complete set the folder holds, or what is wrong with it; a lock left by a killed run is allowed with `lockAllowed`. */
function whichSet(folder: string, tags: readonly string[], lockAllowed = false, ignoreLeftovers = false): string {
  const entries = readdirSync(folder).sort();
  const leftovers = entries.filter((name) => name.startsWith('.servflow-') && !(lockAllowed && name === '.servflow-lock') && !ignoreLeftovers);
  if (leftovers.length > 0) return `left over: ${leftovers.join(', ')}`;
  const names = entries.filter((name) => !name.startsWith('.servflow-'));
  for (const tag of tags) {
    const expected = set(tag);
    if (names.length === expected.size && [...expected].every(([name, text]) => names.includes(name) && readFileSync(path.join(folder, name), 'utf8') === text)) return tag;
  }
  const mixed = names.map((name) => `${name}=${readFileSync(path.join(folder, name), 'utf8').split(' ')[0]}`);
  return `mixed: ${mixed.join(' ')}`;
}

const CHILD = `
import { writeReports } from ${JSON.stringify(WRITER)};
const [folder, tag, count] = process.argv.slice(1);
const files = new Map(Array.from({ length: Number(count) }, (_, k) => ['file-' + k + '.csv', (tag + ' ' + k + '\\n').repeat(200)]));
process.stdout.write('start\\n');
writeReports(folder, files);
process.stdout.write('done\\n');
`;

interface Child {
  readonly started: Promise<void>;
  readonly ended: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  kill(): void;
}

function writer(folder: string, tag: string, slowRenameMs = 0): Child {
  const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD, folder, tag, String(FILES)], {
    env: { ...process.env, NODE_ENV: 'test', SERVFLOW_TEST_SLOW_RENAME_MS: String(slowRenameMs) },
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const started = new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stderr })));
  return { started, ended, kill: () => child.kill('SIGKILL') };
}

describe('the writer under concurrency and kills', () => {
  it('20 pairs of concurrent runs on one folder (in waves of 5 pairs) end with one complete set', async () => {
    const folder = scratch();
    writeReports(folder, set('old'));
    const winners: string[] = [];
    for (let wave = 0; wave < 4; wave++) {
      const tags = Array.from({ length: 5 }, (_, k) => [`a${wave * 5 + k}`, `b${wave * 5 + k}`]).flat();
      const ended = await Promise.all(tags.map((tag) => writer(folder, tag).ended));
      for (const end of ended) expect(end.code, end.stderr).toBe(0);
      const outcome = whichSet(folder, tags);
      expect(tags, outcome).toContain(outcome);
      winners.push(outcome);
    }
    expect(winners).toHaveLength(4);
  });

  it('50 kills at random moments of the write phase each leave or restore a complete set', async () => {
    const random = mulberry32(16);
    const tally = { untouchedOld: 0, untouchedNew: 0, cleanedUp: 0, rolledForward: 0 };
    const PARALLEL = 10;
    for (let round = 0; round < 50 / PARALLEL; round++) {
      await Promise.all(
        Array.from({ length: PARALLEL }, async (_, lane) => {
          const folder = scratch();
          writeReports(folder, set('old'));
          const run = writer(folder, 'new', 10);
          await run.started;
          // The write phase: staging 10 files, then 20 renames of at least 10 ms each.
          const delay = Math.floor(random() * 260);
          await new Promise((resolve) => setTimeout(resolve, delay));
          run.kill();
          await run.ended;
          const left = whichSet(folder, ['old', 'new'], true);
          const where = `round ${round} lane ${lane}, killed after ${delay} ms: ${left}`;
          if (left === 'old' || left === 'new') tally[left === 'old' ? 'untouchedOld' : 'untouchedNew']++;
          else {
            const wasMixed = whichSet(folder, ['old', 'new'], true, true).startsWith('mixed');
            recoverReports(folder);
            expect(whichSet(folder, ['old', 'new'], true), where).toMatch(/^(old|new)$/);
            tally[wasMixed ? 'rolledForward' : 'cleanedUp']++;
          }
          // The next run takes the dead run's lock over, and writes a whole set.
          writeReports(folder, set('next'));
          expect(whichSet(folder, ['next']), where).toBe('next');
        }),
      );
    }
    expect(tally.untouchedOld + tally.untouchedNew + tally.cleanedUp + tally.rolledForward).toBe(50);
    // Some kills landed in the middle of the renames: a mixed set, which recovery completed.
    expect(tally.rolledForward).toBeGreaterThan(0);
    console.log(`kills: ${JSON.stringify(tally)}`);
  }, 120_000);
});
