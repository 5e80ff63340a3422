/**
 * A reader that stops early (`servflow analyze --json | head -c 100`): the
 * command stops writing quietly, exit 0 and nothing on stderr, instead of
 * crashing with a stack trace on the closed pipe (EPIPE). And a reader that
 * is slow gets every byte: the command line ends with process.exit once its
 * output is flushed (src/cli/index.ts), never before.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';

const BIN = path.resolve('bin/servflow');

/** data/poland cut to one voivodeship (świętokrzyskie, ids 26…, 102 gminy): its rows only, flows within it. */
function voivodeship(folder: string): void {
  mkdirSync(folder);
  const inside = (line: string, columns: number): boolean =>
    line
      .split(',')
      .slice(0, columns)
      .every((id) => id.startsWith('26'));
  const cut = (file: string, columns: number): void => {
    const [header, ...rows] = readFileSync(path.join('data/poland', file), 'utf8').trimEnd().split('\n');
    writeFileSync(path.join(folder, file), `${[header, ...rows.filter((row) => inside(row, columns))].join('\n')}\n`);
  };
  cut('municipalities.csv', 1);
  cut('supply.csv', 1);
  cut('demand.csv', 1);
  cut('migration-2023.csv', 2);
  copyFileSync('data/poland/services.csv', path.join(folder, 'services.csv'));
  copyFileSync('data/poland/servflow.json', path.join(folder, 'servflow.json'));
}

// The summary of 102 gminy (about 1 MB) is far larger than a pipe's buffer (64 KiB), so writing goes on after the reader has gone.
it('analyze --json into a pipe closed after the first bytes: exit 0, no stack trace', async () => {
  const out = mkdtempSync(path.join(tmpdir(), 'servflow-pipe-'));
  try {
    const dataset = path.join(out, 'swietokrzyskie');
    voivodeship(dataset);
    const child = spawn(process.execPath, [BIN, 'analyze', dataset, '--format', 'json', '--json', '--out', path.join(out, 'reports')], { env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Read one chunk, then close our end, as `head -c` does.
    const first = await new Promise<string>((resolve) => child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString())));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(first.startsWith('{')).toBe(true);
    expect(first.length).toBeLessThan(1_000_000);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

// About 1 MB through a 64 KiB pipe buffer, read only after a pause and then slowly: the process has ended its work
// long before the reader has the last bytes, and must not end before they are out.
it('analyze --json into a slow reader: every byte arrives, the same as summary.json', async () => {
  const out = mkdtempSync(path.join(tmpdir(), 'servflow-pipe-'));
  try {
    const dataset = path.join(out, 'swietokrzyskie');
    voivodeship(dataset);
    const reports = path.join(out, 'reports');
    const child = spawn(process.execPath, [BIN, 'analyze', dataset, '--format', 'json', '--json', '--out', reports], { env: { ...process.env, NO_COLOR: '1' } });
    child.stdout.pause();
    const chunks: Buffer[] = [];
    const code = new Promise<number | null>((resolve) => child.on('close', resolve));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    for await (const chunk of child.stdout) {
      chunks.push(chunk as Buffer);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    expect(await code).toBe(0);
    const printed = Buffer.concat(chunks).toString('utf8');
    expect(printed.length).toBeGreaterThan(500_000);
    expect(JSON.parse(printed)).toEqual(JSON.parse(readFileSync(path.join(reports, 'summary.json'), 'utf8')));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
