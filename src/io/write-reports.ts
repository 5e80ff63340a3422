/**
 * Atomic writing of a set of files into a folder (CLI.md "Atomic"; docs/ci.md
 * "What the writer guarantees"). Used for report sets and for any folder of
 * files a command creates.
 *
 * - One run at a time per folder: `.servflow-lock` (pid and host) is created
 *   exclusively; a lock whose process is gone is stale and taken over, a live
 *   one is waited for.
 * - Staging is `.servflow-staging-<pid>-<hex>/` holding a marker file; only
 *   such folders are ever removed, and only under the lock.
 * - Every file is written to staging first; then `journal.json` records the
 *   names (the commit point) and the files are renamed into place, replaced
 *   ones moved aside. A failure rolls back (previous set restored); a kill
 *   after the commit point is finished by the next run, which rolls the
 *   journal forward (or finishes a rollback) before it does anything else.
 *   So the folder always holds the old complete set or the new one.
 * - Files in `protect` are never replaced: the writer refuses a folder that
 *   holds one of them, or one of `protect.folders`.
 */
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { WriteError } from '../errors.js';
import { acquireLock, isLive, LOCK_DRAFT_PATTERN, LOCK_NAME, randomHex, releaseLock, sleep, type LockInfo } from './out-lock.js';

export { LOCK_NAME } from './out-lock.js';

export interface WriteOptions {
  /** Test hook: called after each staged file is written (to inject a failure). */
  readonly afterWrite?: (file: string) => void;
  /** Test hook: called after each file is moved into place (to inject a failure). */
  readonly afterMove?: (file: string) => void;
  /** Inputs the run read: never replaced; a folder holding one is refused. */
  readonly protect?: { readonly files?: readonly string[]; readonly folders?: readonly string[] };
  /** How long to wait for another run's lock, ms (default 60 s). */
  readonly lockWaitMs?: number;
  /** What the files are, in messages (default "reports"). */
  readonly what?: string;
}

const STAGING_PREFIX = '.servflow-staging-';
const STAGING_PATTERN = /^\.servflow-staging-\d+-[0-9a-f]{12}$/;
const MARKER = '.servflow-staging';
const MARKER_TEXT = 'staging folder of a servflow run; removed by the next run when the run was killed\n';

/** Write `files` (name → content; names may hold `/`) into `folder` atomically; returns the names. */
export function writeReports(folder: string, files: ReadonlyMap<string, string | Uint8Array>, options: WriteOptions = {}): string[] {
  const what = options.what ?? 'reports';
  const fail = (error: unknown, where = folder): never => {
    throw error instanceof WriteError ? error : new WriteError(`cannot write ${what} to ${where}: ${osReason(error)}`);
  };
  for (const name of files.keys()) checkName(name, fail);
  const real = prepareFolder(folder, what, fail);
  checkProtected(folder, real, files, options.protect, what);
  for (const name of files.keys()) checkTarget(path.join(real, name), path.join(folder, name), what);
  let lock: LockInfo | undefined;
  try {
    lock = acquireLock(real, folder, options.lockWaitMs ?? 60_000, what);
    recoverFolder(real);
    return commit(real, folder, files, options, fail);
  } catch (error) {
    return fail(error);
  } finally {
    if (lock) releaseLock(real, lock);
  }
}

/** The folder, created when missing, as a real path; a clear message when it cannot be one. */
function prepareFolder(folder: string, what: string, fail: (error: unknown) => never): string {
  if (folder.trim() === '') throw new WriteError(`cannot write ${what}: the output folder is an empty name; give a folder with --out`);
  let stat;
  try {
    stat = lstatSync(folder);
  } catch {
    stat = undefined;
  }
  if (stat?.isSymbolicLink() && !existsSync(folder)) throw new WriteError(`cannot write ${what} to ${folder}: it is a link to nothing (a dangling symbolic link)`);
  if (stat && existsSync(folder) && !statIsDirectory(folder)) throw new WriteError(`cannot write ${what} to ${folder}: it is not a folder`);
  try {
    mkdirSync(folder, { recursive: true });
    return realpathSync(folder);
  } catch (error) {
    return fail(error);
  }
}

function statIsDirectory(folder: string): boolean {
  try {
    return statSync(folder).isDirectory();
  } catch {
    return false;
  }
}

/**
 * At the start of a run that will write or check `folder`: finish or undo
 * what a killed run left there, so even a `report --check` sees a complete
 * set. Does nothing when another live run holds the lock, or on any error
 * (the writer reports those when it writes). Returns the staging folders dealt with.
 */
export function recoverReports(folder: string): string[] {
  try {
    if (!readdirSync(folder).some((entry) => entry === LOCK_NAME || STAGING_PATTERN.test(entry) || LOCK_DRAFT_PATTERN.test(entry))) return [];
    const real = realpathSync(folder);
    const lock = acquireLock(real, folder, 0, 'reports');
    try {
      return recoverFolder(real);
    } finally {
      releaseLock(real, lock);
    }
  } catch {
    return [];
  }
}

/**
 * Finish or undo what a killed run left in `folder` (the writer does this
 * under its lock before writing). Returns the staging folders dealt with.
 */
export function recoverFolder(folder: string): string[] {
  const done: string[] = [];
  for (const entry of readdirSync(folder)) {
    const staging = path.join(folder, entry);
    // A lock draft or a lock moved aside by a run killed at that moment.
    if (LOCK_DRAFT_PATTERN.test(entry) && !isLive(Number(entry.split('.')[2].split('-')[0]))) {
      rmSync(staging, { force: true });
      continue;
    }
    if (!STAGING_PATTERN.test(entry) || !isOurStaging(staging)) continue;
    const rollback = readJson(path.join(staging, 'rollback.json')) as { moved: { name: string; hadOld: boolean }[] } | undefined;
    const journal = readJson(path.join(staging, 'journal.json')) as { names: string[] } | undefined;
    if (rollback) undoMoves(folder, staging, rollback.moved);
    else if (journal) for (const name of journal.names) moveIn(folder, staging, name);
    removeStaging(staging);
    done.push(entry);
  }
  return done;
}

function commit(real: string, folder: string, files: ReadonlyMap<string, string | Uint8Array>, options: WriteOptions, fail: (error: unknown, where?: string) => never): string[] {
  const staging = path.join(real, `${STAGING_PREFIX}${process.pid}-${randomHex()}`);
  mkdirSync(staging);
  writeFileSync(path.join(staging, MARKER), MARKER_TEXT);
  try {
    mkdirSync(path.join(staging, 'new'));
    mkdirSync(path.join(staging, 'previous'));
    for (const [name, content] of files) {
      const file = path.join(staging, 'new', name);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, content);
      options.afterWrite?.(file);
    }
  } catch (error) {
    removeStaging(staging);
    return fail(error, path.join(folder, ''));
  }
  writeAtomically(path.join(staging, 'journal.json'), JSON.stringify({ names: [...files.keys()] }));
  const moved: { name: string; hadOld: boolean }[] = [];
  try {
    for (const name of files.keys()) {
      const target = path.join(real, name);
      mkdirSync(path.dirname(target), { recursive: true });
      const hadOld = existsSync(target) || isLink(target);
      if (hadOld) {
        mkdirSync(path.dirname(path.join(staging, 'previous', name)), { recursive: true });
        slowRename(target, path.join(staging, 'previous', name));
      }
      moved.push({ name, hadOld });
      slowRename(path.join(staging, 'new', name), target);
      options.afterMove?.(path.join(folder, name));
    }
  } catch (error) {
    // The commit point is withdrawn first, so a kill during the rollback is finished by the next run.
    writeAtomically(path.join(staging, 'rollback.json'), JSON.stringify({ moved }));
    rmSync(path.join(staging, 'journal.json'), { force: true });
    undoMoves(real, staging, moved);
    removeStaging(staging);
    throw error;
  }
  rmSync(path.join(staging, 'journal.json'));
  removeStaging(staging);
  return [...files.keys()];
}

/** The marker goes last, so a staging folder half removed by a kill is still recognised as ours. */
function removeStaging(staging: string): void {
  for (const entry of readdirSync(staging)) if (entry !== MARKER) rmSync(path.join(staging, entry), { recursive: true, force: true });
  rmSync(path.join(staging, MARKER), { force: true });
  rmSync(staging, { recursive: true, force: true });
}

/** Put back what a failed run moved aside; remove what it moved in where nothing was before. */
function undoMoves(folder: string, staging: string, moved: readonly { name: string; hadOld: boolean }[]): void {
  for (const { name, hadOld } of moved) {
    const previous = path.join(staging, 'previous', name);
    const target = path.join(folder, name);
    if (hadOld) {
      if (existsSync(previous) || isLink(previous)) renameSync(previous, target);
    } else if (!existsSync(path.join(staging, 'new', name))) rmSync(target, { force: true });
  }
}

function moveIn(folder: string, staging: string, name: string): void {
  const staged = path.join(staging, 'new', name);
  if (!existsSync(staged)) return;
  mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
  renameSync(staged, path.join(folder, name));
}

/** A staging folder with our marker, or one a run was killed in the middle of creating (empty, or holding only the start of the marker). */
function isOurStaging(staging: string): boolean {
  try {
    if (!lstatSync(staging).isDirectory()) return false;
    const entries = readdirSync(staging);
    if (entries.length === 0) return true;
    const marker = readFileSync(path.join(staging, MARKER), 'utf8');
    return marker === MARKER_TEXT || (entries.length === 1 && MARKER_TEXT.startsWith(marker));
  } catch {
    return false;
  }
}

function checkName(name: string, fail: (error: unknown) => never): void {
  const parts = name.split('/');
  if (name === '' || path.isAbsolute(name) || name.includes('\\') || parts.some((part) => part === '' || part === '.' || part === '..') || parts[0].startsWith('.servflow-')) {
    fail(new Error(`invalid file name ${JSON.stringify(name)}`));
  }
}

function checkProtected(folder: string, real: string, files: ReadonlyMap<string, unknown>, protect: WriteOptions['protect'], what: string): void {
  const resolve = (file: string): string => {
    try {
      return realpathSync(file);
    } catch {
      return path.resolve(file);
    }
  };
  for (const input of protect?.folders ?? []) {
    if (resolve(input) === real)
      throw new WriteError(`cannot write ${what} to ${folder}: it is the dataset's folder, and the ${what} would replace or add to its input files; choose another --out folder`);
  }
  for (const input of protect?.files ?? []) {
    const file = resolve(input);
    if (path.dirname(file) === real || [...files.keys()].some((name) => path.join(real, name) === file)) {
      throw new WriteError(`cannot write ${what} to ${folder}: it holds the input file ${path.basename(file)}, which must not be replaced; choose another --out folder`);
    }
  }
}

/** Refuse a target that is a folder or anything but a file or link: it would be replaced with its contents. */
function checkTarget(target: string, shown: string, what: string): void {
  let stat;
  try {
    stat = lstatSync(target);
  } catch {
    return;
  }
  if (!stat.isFile() && !stat.isSymbolicLink()) {
    throw new WriteError(`cannot write ${what}: ${shown} is ${stat.isDirectory() ? 'a folder' : 'not a regular file'}; move it away or choose another --out folder`);
  }
}

function isLink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

function writeAtomically(file: string, text: string): void {
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** The OS reason of a file-system error, e.g. "no space left on device". */
export function osReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const match = /^[A-Z]+: (.*?), \w+/.exec(message);
  return match ? match[1] : message;
}

/**
 * Test mode only (NODE_ENV=test): SERVFLOW_TEST_SLOW_RENAME_MS slows every
 * rename into place, so a test can kill a run in the middle of the write phase.
 */
function slowRename(from: string, to: string): void {
  const delay = process.env.NODE_ENV === 'test' ? Number(process.env.SERVFLOW_TEST_SLOW_RENAME_MS ?? 0) : 0;
  if (delay > 0) sleep(delay);
  renameSync(from, to);
}
