/**
 * Atomic report writing (CLI.md "Atomic"; issue 6 acceptance 4): a failure
 * injected while writing, or while moving files into place, leaves the
 * previous report set exactly as it was.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeReports } from './write-reports.js';

const folders: string[] = [];
afterEach(() => folders.splice(0).forEach((folder) => rmSync(folder, { recursive: true, force: true })));

function previousSet(): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'servflow-write-'));
  folders.push(folder);
  writeFileSync(path.join(folder, 'summary.json'), 'old summary');
  writeFileSync(path.join(folder, 'report.md'), 'old report');
  writeFileSync(path.join(folder, 'notes.txt'), 'not ours');
  return folder;
}

const snapshot = (folder: string) =>
  Object.fromEntries(
    readdirSync(folder)
      .sort()
      .map((name) => [name, readFileSync(path.join(folder, name), 'utf8')]),
  );

const NEW = new Map([
  ['summary.json', 'new summary'],
  ['imbalance.csv', 'new imbalance'],
  ['report.md', 'new report'],
]);

describe('writeReports', () => {
  it('replaces the set and leaves other files alone', () => {
    const folder = previousSet();
    expect(writeReports(folder, NEW)).toEqual(['summary.json', 'imbalance.csv', 'report.md']);
    expect(snapshot(folder)).toEqual({ 'imbalance.csv': 'new imbalance', 'notes.txt': 'not ours', 'report.md': 'new report', 'summary.json': 'new summary' });
  });

  it('keeps the previous set when writing fails half-way', () => {
    const folder = previousSet();
    const before = snapshot(folder);
    let written = 0;
    expect(() =>
      writeReports(folder, NEW, {
        afterWrite: () => {
          if (++written === 2) throw new Error('injected: disk full');
        },
      }),
    ).toThrow('injected');
    expect(snapshot(folder)).toEqual(before);
  });

  it('puts the previous set back when moving fails half-way', () => {
    const folder = previousSet();
    const before = snapshot(folder);
    let moves = 0;
    expect(() =>
      writeReports(folder, NEW, {
        afterMove: () => {
          if (++moves === 2) throw new Error('injected: killed while moving');
        },
      }),
    ).toThrow('injected');
    expect(snapshot(folder)).toEqual(before);
  });

  it("leaves a user's .servflow-* files and folders alone (issue 16, item 3)", () => {
    const folder = previousSet();
    writeFileSync(path.join(folder, '.servflow-abc123'), 'left over');
    mkdirSync(path.join(folder, '.servflow-history'));
    writeFileSync(path.join(folder, '.servflow-history', 'log'), 'mine');
    writeReports(folder, NEW);
    expect(
      readdirSync(folder)
        .filter((name) => name.startsWith('.servflow-'))
        .sort(),
    ).toEqual(['.servflow-abc123', '.servflow-history']);
    expect(readFileSync(path.join(folder, '.servflow-history', 'log'), 'utf8')).toBe('mine');
  });
});
