/**
 * A reader that stops early (`servflow analyze --json | head -c 100`): the
 * command stops writing quietly, exit 0 and nothing on stderr, instead of
 * crashing with a stack trace on the closed pipe (EPIPE).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';

const BIN = path.resolve('bin/servflow');

// The national summary (34 MB) is far larger than a pipe's buffer, so writing goes on after the reader has gone.
it('analyze data/poland --json into a pipe closed after the first bytes: exit 0, no stack trace', async () => {
  const out = mkdtempSync(path.join(tmpdir(), 'servflow-pipe-'));
  try {
    const child = spawn(process.execPath, [BIN, 'analyze', 'data/poland', '--format', 'json', '--json', '--out', out], { env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Read one chunk, then close our end, as `head -c` does.
    const first = await new Promise<string>((resolve) => child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString())));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(first.startsWith('{')).toBe(true);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
