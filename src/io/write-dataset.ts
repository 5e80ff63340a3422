/**
 * Atomic writing of a new dataset folder (`servflow init`): all files are
 * written into a staging folder beside the target and the folder is renamed
 * into place only when every file was written, so the target either does
 * not appear or appears whole. An existing non-empty folder is refused
 * unless `force`; then its files of the same names are replaced by the
 * report-set writer (write-reports.ts), which keeps the old ones until every
 * move succeeded, and any other file in it is left alone.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { writeReports, type WriteOptions } from './write-reports.js';

export interface DatasetWriteOptions extends WriteOptions {
  readonly force?: boolean;
  /** Test hook: called once the staging folder is complete, before it is renamed into place. */
  readonly beforeRename?: (staging: string) => void;
}

/** Write `files` as the folder `target`; returns whether an existing folder was written into. @throws UsageError */
export function writeDatasetFolder(target: string, files: ReadonlyMap<string, string>, options: DatasetWriteOptions = {}): 'created' | 'replaced' {
  const existing = existsSync(target) ? statSync(target) : undefined;
  if (existing && !existing.isDirectory()) throw new UsageError(`${target} is a file: give a folder for the new dataset`);
  const entries = existing ? readdirSync(target) : [];
  if (entries.length > 0) {
    if (!options.force) throw new UsageError(`${target} exists and is not empty (${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}): give a new folder, or --force to replace the dataset files in it`);
    writeReports(target, files, options);
    return 'replaced';
  }
  const parent = path.dirname(path.resolve(target));
  mkdirSync(parent, { recursive: true });
  // Staging folders of runs that were killed before they could clean up.
  const prefix = `.${path.basename(path.resolve(target))}.servflow-init-`;
  for (const entry of readdirSync(parent)) if (entry.startsWith(prefix)) rmSync(path.join(parent, entry), { recursive: true, force: true });
  const staging = mkdtempSync(path.join(parent, prefix));
  try {
    writeReports(staging, files, options);
    options.beforeRename?.(staging);
    if (existing) rmdirSync(target);
    renameSync(staging, target);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (existing && !existsSync(target)) mkdirSync(target);
    throw error;
  }
  return existing ? 'replaced' : 'created';
}
