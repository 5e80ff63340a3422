/**
 * Atomic writing of a report set (CLI.md "Atomic"): every file is written
 * into a staging folder beside the output, and only when all were written
 * are they moved into place; the files they replace are kept aside until
 * every move succeeded, and put back if one fails. A failed run leaves the
 * previous reports as they were.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface WriteOptions {
  /** Test hook: called after each staged file is written (to inject a failure). */
  readonly afterWrite?: (file: string) => void;
  /** Test hook: called after each file is moved into place (to inject a failure). */
  readonly afterMove?: (file: string) => void;
}

export function writeReports(folder: string, files: ReadonlyMap<string, string | Uint8Array>, options: WriteOptions = {}): string[] {
  mkdirSync(folder, { recursive: true });
  // Staging folders of runs that were killed before they could clean up.
  for (const entry of readdirSync(folder)) if (entry.startsWith('.servflow-')) rmSync(path.join(folder, entry), { recursive: true, force: true });
  const staging = mkdtempSync(path.join(folder, '.servflow-'));
  const previous = path.join(staging, '.previous');
  mkdirSync(previous);
  const moved: string[] = [];
  try {
    for (const [name, content] of files) {
      const file = path.join(staging, name);
      writeFileSync(file, content);
      options.afterWrite?.(file);
    }
    try {
      for (const name of files.keys()) {
        const target = path.join(folder, name);
        if (existsSync(target)) renameSync(target, path.join(previous, name));
        renameSync(path.join(staging, name), target);
        moved.push(name);
        options.afterMove?.(target);
      }
    } catch (error) {
      // Put the previous set back: remove what was moved in, restore what was moved aside.
      for (const name of moved) rmSync(path.join(folder, name), { force: true });
      for (const name of readdirSync(previous)) renameSync(path.join(previous, name), path.join(folder, name));
      throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return [...files.keys()];
}
