/**
 * Atomic writing of a new dataset folder (`servflow init`): all files are
 * written into a staging folder beside the target and the folder is renamed
 * into place only when every file was written, so the target either does
 * not appear or appears whole. Into an existing folder (empty, or non-empty
 * with `force`) the files are written by the report-set writer
 * (write-reports.ts): staged inside it and moved in, the old files of the
 * same names kept until every move succeeded; any other file is left alone.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { writeReports, type WriteOptions } from './write-reports.js';

export interface DatasetWriteOptions extends WriteOptions {
  readonly force?: boolean;
  /** Test hook: called once the staging folder is complete, before it is renamed into place. */
  readonly beforeRename?: (staging: string) => void;
}

/** Write `files` as the folder `target`; says whether it was created or an existing folder written into. @throws UsageError */
export function writeDatasetFolder(target: string, files: ReadonlyMap<string, string>, options: DatasetWriteOptions = {}): 'created' | 'filled' {
  if (existsSync(target)) {
    if (!statSync(target).isDirectory()) throw new UsageError(`${target} is a file: give a folder for the new dataset`);
    const entries = readdirSync(target).length;
    if (entries > 0 && !options.force)
      throw new UsageError(`${target} exists and is not empty (${entries} entr${entries === 1 ? 'y' : 'ies'}): give a new folder, or --force to replace the dataset files in it`);
    // An existing folder (perhaps the working folder) stays where it is: its files are moved in.
    writeReports(target, files, options);
    return 'filled';
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
    renameSync(staging, target);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  return 'created';
}
