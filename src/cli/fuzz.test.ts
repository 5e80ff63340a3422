/**
 * Seeded fuzzing of the whole command (issue 16, acceptance 1): 300 datasets
 * made from the bundled sample and the real exports in fixtures by one
 * mutation each — byte flips, truncations, inserted quotes, delimiters, line
 * breaks, NUL, BOMs, control characters, huge fields, other encodings, a
 * file replaced by a folder, a FIFO, a device link, a dangling link, a link
 * outside the dataset, or removed. Each runs `servflow analyze` in-process
 * (the CLI's `main`, built in dist/) with a previous report set in --out:
 * - the exit code is 0 or 2, never 3, and no stack trace is printed;
 * - when it fails, the previous report set is byte-identical;
 * - nothing printed holds a raw control character (NO_COLOR);
 * - no case takes 10 s.
 * The same seed gives the same cases; SERVFLOW_FUZZ_SEED picks another
 * (and SERVFLOW_FUZZ_CASES another number of cases).
 */
import { spawnSync } from 'node:child_process';
import { linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mulberry32, type Random } from '../engines/random.js';
import { servflowInProcess } from '../testing/in-process.js';

const SEED = Number(process.env.SERVFLOW_FUZZ_SEED ?? 16);
const CASES = Number(process.env.SERVFLOW_FUZZ_CASES ?? 300);
const root = mkdtempSync(path.join(os.tmpdir(), 'servflow-fuzz-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A dataset as files in memory (paths relative to the case folder), read once. */
interface Base {
  readonly name: string;
  readonly dataset: string;
  readonly files: ReadonlyMap<string, Buffer>;
}

/**
 * A national export cut to its first 300 lines and the lines of the ids the
 * dataset's own files name (bytes kept as they are, encoding included): the
 * same structure, a tenth of the reading time.
 */
function excerpt(file: string, ids: ReadonlySet<string>): Buffer {
  const lines = readFileSync(file).toString('latin1').split('\n');
  const kept = lines.filter((line, k) => k < 300 || [...ids].some((id) => line.includes(id)));
  return Buffer.from(kept.join('\n'), 'latin1');
}

function realExport(sub: string): Base {
  const files = new Map<string, Buffer>();
  for (const name of readdirSync(path.join('fixtures/real-exports', sub))) files.set(path.join(sub, name), readFileSync(path.join('fixtures/real-exports', sub, name)));
  const ids = new Set([...files.values()].flatMap((bytes) => bytes.toString('latin1').match(/\b\d{6,7}\b/g) ?? []));
  const manifest = files.get(path.join(sub, 'servflow.json'))?.toString('utf8') ?? '';
  for (const [, parent] of manifest.matchAll(/"\.\.\/([^"]+)"/g)) files.set(parent, excerpt(path.join('fixtures/real-exports', parent), ids));
  return { name: `real-exports/${sub}`, dataset: sub, files };
}

function sample(): Base {
  const files = new Map<string, Buffer>();
  for (const name of readdirSync('data')) if (statSync(path.join('data', name)).isFile() && name !== 'README.md') files.set(path.join('data', name), readFileSync(path.join('data', name)));
  return { name: 'sample', dataset: 'data', files };
}

const BASES: readonly Base[] = [sample(), realExport('bdl-age-demand'), realExport('cp1250-names'), realExport('gus-publication'), realExport('multi-year')];

function writeFiles(folder: string, files: ReadonlyMap<string, Buffer>): void {
  for (const [name, bytes] of files) {
    mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
    writeFileSync(path.join(folder, name), bytes);
  }
}

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];
const at = (random: Random, length: number): number => Math.floor(random() * (length + 1));
const splice = (bytes: Buffer, index: number, insert: Uint8Array | string, remove = 0): Buffer => Buffer.concat([bytes.subarray(0, index), Buffer.from(insert), bytes.subarray(index + remove)]);

/** Byte mutations: name → new content from the old. */
const BYTE_MUTATIONS: Record<string, (bytes: Buffer, random: Random) => Buffer> = {
  'byte flip': (bytes, random) => {
    const copy = Buffer.from(bytes);
    for (let k = 0, n = 1 + Math.floor(random() * 4); k < n && copy.length > 0; k++) copy[Math.floor(random() * copy.length)] ^= 1 + Math.floor(random() * 255);
    return copy;
  },
  truncation: (bytes, random) => bytes.subarray(0, at(random, bytes.length - 1)),
  'inserted quote': (bytes, random) => splice(bytes, at(random, bytes.length), '"'),
  'inserted delimiter': (bytes, random) => splice(bytes, at(random, bytes.length), pick(random, [',', ';', '\t', ',,,'])),
  'inserted line break': (bytes, random) => splice(bytes, at(random, bytes.length), pick(random, ['\n', '\r', '\r\n', '\n\n'])),
  'inserted NUL': (bytes, random) => splice(bytes, at(random, bytes.length), '\u0000'),
  'NUL after 64 KiB': (bytes) => Buffer.concat([bytes, Buffer.from('\n' + ' '.repeat(70_000) + '\u0000\n')]),
  BOM: (bytes, random) =>
    splice(
      bytes,
      random() < 0.5 ? 0 : at(random, bytes.length),
      pick(
        random,
        [
          [0xef, 0xbb, 0xbf],
          [0xff, 0xfe],
          [0xfe, 0xff],
        ].map((b) => Uint8Array.from(b)),
      ),
    ),
  'control characters': (bytes, random) => splice(bytes, at(random, bytes.length), pick(random, ['\u001b]0;pwned\u0007', '\u001b[31m', '\b\b\b', '\u009b2J', '\u202e'])),
  'huge field': (bytes, random) =>
    splice(
      bytes,
      at(random, bytes.length),
      pick(
        random,
        ['x', '9', '"a'].map((s) => s.repeat(2_000_000)),
      ),
    ),
  'huge number': (bytes, random) => splice(bytes, at(random, bytes.length), pick(random, ['1e300', '99999999999999999999', '1e15', '-1e308', 'NaN', 'Infinity'])),
  'UTF-16 without BOM': (bytes) => Buffer.from(bytes.toString('utf8'), 'utf16le'),
  'Latin-2 bytes in UTF-8': (bytes, random) => splice(bytes, at(random, bytes.length), Uint8Array.from([0xb1, 0xb6, 0xbc, 0xe6])),
  'random bytes': (bytes, random) => Buffer.from(Array.from({ length: 1 + Math.floor(random() * 400) }, () => Math.floor(random() * 256))),
  'empty file': () => Buffer.alloc(0),
};

/** One FIFO made at first use (a process start), hard-linked wherever a case needs one. */
let madeFifo: string | undefined;
function fifo(): string {
  if (madeFifo === undefined) {
    madeFifo = path.join(root, 'fifo');
    spawnSync('mkfifo', [madeFifo]);
  }
  return madeFifo;
}

/** Replacements of the file itself. */
const FILE_MUTATIONS: Record<string, (file: string, random: Random) => void> = {
  'a folder': (file) => {
    unlinkSync(file);
    mkdirSync(file);
  },
  'a FIFO': (file) => {
    unlinkSync(file);
    linkSync(fifo(), file);
  },
  'a link to a device': (file, random) => {
    unlinkSync(file);
    symlinkSync(pick(random, ['/dev/zero', '/dev/urandom', '/dev/null']), file);
  },
  'a dangling link': (file) => {
    unlinkSync(file);
    symlinkSync(`${file}.nowhere`, file);
  },
  'a link outside the dataset': (file) => {
    unlinkSync(file);
    symlinkSync('/etc/passwd', file);
  },
  removed: (file) => unlinkSync(file),
};

/** The files of a folder (not recursive) with their bytes. */
function snapshot(folder: string): Map<string, Buffer> {
  return new Map(
    readdirSync(folder)
      .sort()
      .map((name) => [name, readFileSync(path.join(folder, name))]),
  );
}

/** Names of files added, removed or changed between two snapshots. */
function changedFiles(now: ReadonlyMap<string, Buffer>, before: ReadonlyMap<string, Buffer>): string[] {
  const names = new Set([...now.keys(), ...before.keys()]);
  return [...names].filter((name) => !(now.get(name)?.equals(before.get(name) ?? Buffer.alloc(0)) ?? false) || !before.has(name));
}

/** Runs the command in-process (the shared test helper), with what it prints on both streams. */
async function run(args: string[]): Promise<{ code: number; output: string; ms: number }> {
  const started = performance.now();
  const { code, stdout, stderr } = await servflowInProcess(...args);
  return { code, output: stdout + stderr, ms: performance.now() - started };
}

describe(`fuzzing servflow analyze (seed ${SEED}, ${CASES} cases)`, () => {
  it('every case exits 0 or 2 without a trace; a failed run leaves the previous report set byte-identical', async () => {
    const random = mulberry32(SEED);
    // The previous report set every case starts from.
    const previousFolder = path.join(root, 'previous');
    const first = await run(['analyze', 'data', '--out', previousFolder, '--quiet', '--format', 'json,csv']);
    expect(first.code, first.output).toBe(0);
    const previous = snapshot(previousFolder);
    const tally = new Map<string, number>();
    const codes = { 0: 0, 2: 0 } as Record<number, number>;
    let slowest = 0;
    let running = 0;
    const started = performance.now();
    const cpu = process.cpuUsage();
    for (let k = 0; k < CASES; k++) {
      const base = BASES[k % BASES.length];
      const folder = path.join(root, `case-${k}`);
      writeFiles(folder, base.files);
      const dataset = path.join(folder, base.dataset);
      const target = path.join(folder, pick(random, [...base.files.keys()]));
      const fileMutation = random() < 0.15;
      const names = fileMutation ? Object.keys(FILE_MUTATIONS) : Object.keys(BYTE_MUTATIONS);
      const mutation = pick(random, names);
      if (fileMutation) FILE_MUTATIONS[mutation](target, random);
      else writeFileSync(target, BYTE_MUTATIONS[mutation](readFileSync(target), random));
      const out = path.join(folder, 'reports');
      // Hard links to the previous set: cheap, and a writer that replaced or changed a file would show.
      mkdirSync(out);
      for (const name of previous.keys()) linkSync(path.join(previousFolder, name), path.join(out, name));
      const result = await run(['analyze', dataset, '--out', out, '--quiet', '--format', 'json,csv', '--data-root', base.name === 'sample' ? dataset : folder]);
      const what = `case ${k}: ${base.name}, ${mutation} of ${path.relative(folder, target)}\n${result.output.slice(0, 2000)}`;
      expect([0, 2], what).toContain(result.code);
      expect(result.output, what).not.toMatch(/internal error|^\s+at .*:\d+:\d+\)?$/m);
      // Nothing but line breaks below U+0020 reaches the terminal (control characters are shown escaped).
      expect(result.output, what).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
      expect(result.ms, what).toBeLessThan(10_000);
      if (result.code !== 0) expect(changedFiles(snapshot(out), previous), what).toEqual([]);
      if (process.env.SERVFLOW_FUZZ_VERBOSE)
        console.log(`${what.split('\n')[0]} → exit ${result.code}, ${Math.round(result.ms)} ms: ${result.output.trim().split('\n').slice(-2).join(' | ').slice(0, 300)}`);
      tally.set(mutation, (tally.get(mutation) ?? 0) + 1);
      codes[result.code]++;
      slowest = Math.max(slowest, result.ms);
      running += result.ms;
      rmSync(folder, { recursive: true, force: true });
    }
    console.log(
      `fuzz seed ${SEED}: ${CASES} cases, exit 0: ${codes[0]}, exit 2: ${codes[2]}, slowest ${Math.round(slowest)} ms, ${Math.round(running)} ms running of ${Math.round(performance.now() - started)} ms (CPU ${Math.round((process.cpuUsage(cpu).user + process.cpuUsage(cpu).system) / 1000)} ms); mutations ${JSON.stringify(Object.fromEntries(tally))}`,
    );
    // Both outcomes occur: the mutations are neither all harmless nor all fatal.
    expect(codes[0]).toBeGreaterThan(0);
    expect(codes[2]).toBeGreaterThan(CASES / 3);
  }, 300_000);
});
