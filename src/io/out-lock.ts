/**
 * The lock on an output folder (docs/ci.md "What the writer and the reader
 * guarantee"): `.servflow-lock` holds the process id, host and a token. It
 * is written whole under another name and linked into place, so it is never
 * seen half-written and only one run can create it. A lock whose process is
 * gone (same host) is stale and taken over; a live one is waited for.
 */
import { linkSync, lstatSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { WriteError } from '../errors.js';

export const LOCK_NAME = '.servflow-lock';
/** A lock being written, or one moved aside to be taken over. */
export const LOCK_DRAFT_PATTERN = /^\.servflow-lock\.\d+-[0-9a-f]{12}$/;

export interface LockInfo {
  readonly pid: number;
  readonly host: string;
  readonly token: string;
}

export function acquireLock(real: string, folder: string, waitMs: number, what: string): LockInfo {
  const file = path.join(real, LOCK_NAME);
  const mine: LockInfo = { pid: process.pid, host: hostname(), token: randomHex() };
  const text = JSON.stringify(mine);
  const deadline = Date.now() + waitMs;
  for (;;) {
    // Written whole under another name, then linked: a lock is never seen half-written.
    const draft = `${file}.${process.pid}-${randomHex()}`;
    writeFileSync(draft, text);
    try {
      linkSync(draft, file);
      return mine;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      rmSync(draft, { force: true });
    }
    const held = readLockText(file);
    if (held !== undefined && isStale(held, file)) takeOver(file, held);
    else if (Date.now() > deadline) {
      const owner = held === undefined ? undefined : parseLock(held);
      throw new WriteError(
        `cannot write ${what} to ${folder}: another servflow run${owner ? ` (process ${owner.pid} on ${owner.host})` : ''} is writing there; try again when it has finished, or delete ${path.join(folder, LOCK_NAME)} if no run is`,
      );
    } else sleep(10 + Math.floor(Math.random() * 20));
  }
}

/** Move a stale lock aside; if it turns out to be a fresh one (someone was quicker), put it back. */
function takeOver(file: string, held: string): void {
  const aside = `${file}.${process.pid}-${randomHex()}`;
  try {
    renameSync(file, aside);
  } catch {
    return;
  }
  if (readLockText(aside) !== held) {
    try {
      linkSync(aside, file);
    } catch {
      // someone else holds the lock now; the one moved aside is lost and its owner will notice at release
    }
  }
  rmSync(aside, { force: true });
}

export function releaseLock(real: string, lock: LockInfo): void {
  const file = path.join(real, LOCK_NAME);
  const held = readLockText(file);
  if (held !== undefined && parseLock(held)?.token === lock.token) rmSync(file, { force: true });
}

function readLockText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function parseLock(text: string): LockInfo | undefined {
  try {
    const value = JSON.parse(text) as LockInfo;
    return typeof value.pid === 'number' && typeof value.host === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** A lock is stale when its process is gone (same host), or unreadable and older than 10 s (killed while writing it). */
function isStale(text: string, file: string): boolean {
  const info = parseLock(text);
  if (!info) {
    try {
      return Date.now() - lstatSync(file).mtimeMs > 10_000;
    } catch {
      return false;
    }
  }
  if (info.host !== hostname()) return false;
  return info.pid === process.pid || !isLive(info.pid);
}

/** Whether a process with this id runs (on this host). */
export function isLive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

export function randomHex(): string {
  return Array.from({ length: 12 }, () => Math.floor(Math.random() * 16).toString(16)).join('');
}

/** Blocks the thread (the writer is synchronous). */
export function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
