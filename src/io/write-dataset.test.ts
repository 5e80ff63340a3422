/**
 * Atomic writing of a new dataset folder (issue 19): the folder appears
 * whole or not at all; a non-empty one is refused unless forced, and then
 * only the dataset's files are replaced.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { writeDatasetFolder } from './write-dataset.js';

const parents: string[] = [];
afterEach(() => parents.splice(0).forEach((folder) => rmSync(folder, { recursive: true, force: true })));

function parent(): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'servflow-dataset-'));
  parents.push(folder);
  return folder;
}

const snapshot = (folder: string) =>
  Object.fromEntries(
    readdirSync(folder)
      .sort()
      .map((name) => [name, readFileSync(path.join(folder, name), 'utf8')]),
  );

const FILES = new Map([
  ['municipalities.csv', 'new municipalities'],
  ['supply.csv', 'new supply'],
  ['README.md', 'new readme'],
]);

describe('writeDatasetFolder', () => {
  it('creates the folder, and its parents, with every file', () => {
    const target = path.join(parent(), 'a', 'dataset');
    expect(writeDatasetFolder(target, FILES)).toBe('created');
    expect(snapshot(target)).toEqual({ 'README.md': 'new readme', 'municipalities.csv': 'new municipalities', 'supply.csv': 'new supply' });
    expect(readdirSync(path.dirname(target))).toEqual(['dataset']);
  });

  it('leaves no folder and no staging behind when writing fails half-way', () => {
    const base = parent();
    let written = 0;
    const afterWrite = () => {
      if (++written === 2) throw new Error('injected: disk full');
    };
    expect(() => writeDatasetFolder(path.join(base, 'dataset'), FILES, { afterWrite })).toThrow('injected');
    expect(readdirSync(base)).toEqual([]);
  });

  it('leaves no folder behind when the last step fails, and fills an empty folder in place', () => {
    const base = parent();
    const target = path.join(base, 'dataset');
    const beforeRename = () => {
      throw new Error('injected: killed before the rename');
    };
    expect(() => writeDatasetFolder(target, FILES, { beforeRename })).toThrow('injected');
    expect(readdirSync(base)).toEqual([]);
    mkdirSync(target);
    let written = 0;
    const afterWrite = () => {
      if (++written === 2) throw new Error('injected: disk full');
    };
    expect(() => writeDatasetFolder(target, FILES, { afterWrite })).toThrow('injected');
    expect(readdirSync(target)).toEqual([]);
    expect(writeDatasetFolder(target, FILES)).toBe('filled');
    expect(Object.keys(snapshot(target))).toHaveLength(3);
  });

  it('removes the staging folders of runs killed earlier', () => {
    const base = parent();
    mkdirSync(path.join(base, '.dataset.servflow-init-old'));
    writeDatasetFolder(path.join(base, 'dataset'), FILES);
    expect(readdirSync(base)).toEqual(['dataset']);
  });

  it('refuses a non-empty folder or a file, changing nothing', () => {
    const base = parent();
    const target = path.join(base, 'dataset');
    mkdirSync(target);
    writeFileSync(path.join(target, 'supply.csv'), 'mine');
    expect(() => writeDatasetFolder(target, FILES)).toThrow(UsageError);
    expect(() => writeDatasetFolder(target, FILES)).toThrow('exists and is not empty (1 entry)');
    expect(snapshot(target)).toEqual({ 'supply.csv': 'mine' });
    writeFileSync(path.join(base, 'file'), 'x');
    expect(() => writeDatasetFolder(path.join(base, 'file'), FILES)).toThrow('is a file');
  });

  it('with force replaces the dataset files, keeps the rest, and keeps all when writing fails', () => {
    const target = path.join(parent(), 'dataset');
    mkdirSync(target);
    writeFileSync(path.join(target, 'supply.csv'), 'mine');
    writeFileSync(path.join(target, 'flows.csv'), 'keep');
    let written = 0;
    const afterWrite = () => {
      if (++written === 3) throw new Error('injected');
    };
    expect(() => writeDatasetFolder(target, FILES, { force: true, afterWrite })).toThrow('injected');
    expect(snapshot(target)).toEqual({ 'flows.csv': 'keep', 'supply.csv': 'mine' });
    expect(writeDatasetFolder(target, FILES, { force: true })).toBe('filled');
    expect(snapshot(target)).toEqual({ 'README.md': 'new readme', 'flows.csv': 'keep', 'municipalities.csv': 'new municipalities', 'supply.csv': 'new supply' });
    expect(existsSync(path.join(target, '.previous'))).toBe(false);
  });
});
