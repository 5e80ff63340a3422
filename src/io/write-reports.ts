/**
 * Atomic writing of a report set (CLI.md "Atomic"): every file is written
 * into a temporary folder beside the output folder, and moved into place
 * only when all were written. A failed run leaves the previous reports as
 * they were.
 */
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface WriteOptions {
  /** Test hook: called after each temporary file is written (to inject a failure). */
  readonly afterWrite?: (file: string) => void;
}

export function writeReports(folder: string, files: ReadonlyMap<string, string | Uint8Array>, options: WriteOptions = {}): string[] {
  mkdirSync(folder, { recursive: true });
  // Staging folders of runs that were killed before they could clean up.
  for (const entry of readdirSync(folder)) if (entry.startsWith('.servflow-')) rmSync(path.join(folder, entry), { recursive: true, force: true });
  const staging = mkdtempSync(path.join(folder, '.servflow-'));
  try {
    for (const [name, content] of files) {
      const file = path.join(staging, name);
      writeFileSync(file, content);
      options.afterWrite?.(file);
    }
    for (const name of files.keys()) renameSync(path.join(staging, name), path.join(folder, name));
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return [...files.keys()];
}
