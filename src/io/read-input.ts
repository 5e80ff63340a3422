/**
 * Reading one input file safely (DATA.md "Bad input"): only regular files
 * are read (never a folder, FIFO, device or kernel pseudo-file, which could
 * hang or grow without end), at most `MAX_INPUT_BYTES`, and a link that
 * points nowhere is named as such instead of passing for a missing file.
 */
import { closeSync, lstatSync, openSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';

/** The largest input file read: 512 MiB (the national dataset is a few MB). */
export const MAX_INPUT_BYTES = 512 * 1024 * 1024;

export type InputRead =
  | { readonly ok: true; readonly bytes: Buffer }
  | { readonly ok: false; readonly code: 'missing-file' | 'dangling-link' | 'not-a-file' | 'too-large' | 'unreadable'; readonly reason: string };

/** What is at `file`: nothing, a dangling link, or something else. */
export function fileKind(file: string): 'missing' | 'dangling-link' | 'present' {
  try {
    lstatSync(file);
  } catch {
    return 'missing';
  }
  try {
    statSync(file);
    return 'present';
  } catch {
    return 'dangling-link';
  }
}

function kindOf(stat: Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** The bytes of a regular file, or why it is refused. */
export function readInputFile(file: string, maxBytes = MAX_INPUT_BYTES): InputRead {
  const kind = fileKind(file);
  if (kind === 'missing') return { ok: false, code: 'missing-file', reason: 'file not found' };
  if (kind === 'dangling-link') return { ok: false, code: 'dangling-link', reason: 'the file is a link to nothing (a dangling symbolic link); point it at the file or remove it' };
  const stat = statSync(file);
  if (!stat.isFile()) return { ok: false, code: 'not-a-file', reason: `this is ${kindOf(stat)}, not a data file` };
  if (stat.size > maxBytes) return { ok: false, code: 'too-large', reason: `the file is ${megabytes(stat.size)}, more than the ${megabytes(maxBytes)} servflow reads` };
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    // One byte more than the size: a file that grows or a pseudo-file whose size is 0 is refused.
    const buffer = Buffer.alloc(Math.min(stat.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const count = readSync(fd, buffer, length, buffer.length - length, null);
      if (count === 0) break;
      length += count;
      if (length === buffer.length) {
        return { ok: false, code: 'not-a-file', reason: stat.size === 0 ? 'this is a kernel pseudo-file or a file still being written, not a data file' : 'the file grew while it was read' };
      }
    }
    return { ok: true, bytes: buffer.subarray(0, length) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, code: 'unreadable', reason: `cannot read the file: ${/^[A-Z]+: (.*?),/.exec(message)?.[1] ?? message}` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

/** Whether `file` (links followed) lies inside `root`. */
export function isInside(file: string, root: string): boolean {
  const real = (target: string): string => {
    try {
      return realpathSync(target);
    } catch {
      // A missing file: resolve its folder (which may be a link) and keep the name.
      try {
        return path.join(realpathSync(path.dirname(target)), path.basename(target));
      } catch {
        return path.resolve(target);
      }
    }
  };
  const relative = path.relative(real(root), real(file));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
