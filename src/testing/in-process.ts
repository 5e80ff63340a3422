/**
 * Test support: run the command line in this process through `main` (the
 * built dist/cli/main.js, as `bin/servflow` runs it) and collect what it
 * prints, colours off. Many cases cost a fraction of a process each.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface InProcessRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

type Main = (argv: readonly string[]) => Promise<number>;
let loaded: Main | undefined;

export async function servflowInProcess(...args: string[]): Promise<InProcessRun> {
  loaded ??= ((await import(path.resolve('dist/cli/main.js'))) as { main: Main }).main;
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
    const code = await loaded(['node', 'servflow', ...args]);
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = writes.out;
    process.stderr.write = writes.err;
    process.exitCode = undefined;
    if (color === undefined) delete process.env.NO_COLOR;
    else process.env.NO_COLOR = color;
  }
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
