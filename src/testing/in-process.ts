/**
 * Test support: run the command line in this process through `main` (the
 * built dist/cli/main.js, as `bin/servflow` runs it) and collect what it
 * prints, colours off. Many cases cost a fraction of a process each.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Run } from './servflow.js';

export interface InProcessRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

type Main = (argv: readonly string[]) => Promise<number>;
let loaded: Main | undefined;

export function servflowInProcess(...args: string[]): Promise<InProcessRun> {
  return servflowInProcessIn({}, ...args);
}

/**
 * The same in folder `cwd` (the test pool runs each file in a process of
 * its own, so the folder can change; it is changed back afterwards).
 */
export async function servflowInProcessIn(options: { readonly cwd?: string }, ...args: string[]): Promise<InProcessRun> {
  loaded ??= ((await import(path.resolve('dist/cli/main.js'))) as { main: Main }).main;
  const home = process.cwd();
  const writes = { out: process.stdout.write, err: process.stderr.write };
  let stdout = '';
  let stderr = '';
  const into = (append: (text: string) => void) =>
    ((chunk: string | Uint8Array) => {
      append(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    }) as typeof process.stdout.write;
  const color = process.env.NO_COLOR;
  process.env.NO_COLOR = '1';
  process.stdout.write = into((text) => (stdout += text));
  process.stderr.write = into((text) => (stderr += text));
  try {
    if (options.cwd !== undefined) process.chdir(options.cwd);
    const code = await loaded(['node', 'servflow', ...args]);
    return { code, stdout, stderr };
  } finally {
    process.chdir(home);
    process.stdout.write = writes.out;
    process.stderr.write = writes.err;
    process.exitCode = undefined;
    if (color === undefined) delete process.env.NO_COLOR;
    else process.env.NO_COLOR = color;
  }
}

/** The same as {@link servflowInProcess}, shaped as a spawned run (src/testing/servflow.ts), so a test can switch with one import. */
export async function servflowRun(...args: string[]): Promise<Run> {
  return servflowRunIn({}, ...args);
}

/** {@link servflowRun} in folder `cwd`. */
export async function servflowRunIn(options: { readonly cwd?: string }, ...args: string[]): Promise<Run> {
  const { code, stdout, stderr } = await servflowInProcessIn(options, ...args);
  return { status: code, stdout, stderr };
}

/** A scratch copy of a dataset folder (default: the bundled sample, without its README and national data). */
export function scratchCopy(from = 'data'): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'servflow-scratch-'));
  for (const name of readdirSync(from)) {
    if (statSync(path.join(from, name)).isFile() && name !== 'README.md') cpSync(path.join(from, name), path.join(folder, name));
  }
  return folder;
}

/** Every file under `folder` with its bytes (base64), for byte-identical comparisons. */
export function contents(folder: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(folder, { recursive: true, encoding: 'utf8' })
      .sort()
      .filter((name) => statSync(path.join(folder, name)).isFile())
      .map((name) => [name, readFileSync(path.join(folder, name)).toString('base64')]),
  );
}
