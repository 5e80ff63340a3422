/**
 * Test support: run the built `bin/servflow` in a child process, colours
 * off, and collect its exit status and output. End-to-end tests share it.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function servflow(...args: string[]): Promise<Run> {
  return servflowWith({}, ...args);
}

/** The same in folder `cwd`, with `env` over the environment (a variable set to undefined is removed). */
export function servflowWith(options: { readonly cwd?: string; readonly env?: Record<string, string | undefined> }, ...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    // stdin, stdout and stderr are all pipes, as in `servflow … | cat`
    const child = spawn(process.execPath, [path.resolve('bin/servflow'), ...args], { cwd: options.cwd ?? process.cwd(), env: { ...process.env, NO_COLOR: '1', ...options.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
