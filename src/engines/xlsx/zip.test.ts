/**
 * zipArchive: JSZip (and so Excel's readers) read back every entry, in
 * order, with its bytes and the one fixed date; the same entries give the
 * same bytes whatever the clock.
 */
import { inflateRawSync } from 'node:zlib';
import JSZip from 'jszip';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { zipArchive } from './zip.js';

const ENTRIES = [
  { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?>'.repeat(200)) },
  { name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<row><c t="s"><v>0</v></c></row>'.repeat(5000)) },
  { name: 'tiny', data: Buffer.from('x') },
  { name: 'empty', data: new Uint8Array() },
  { name: 'docs/żółć.txt', data: Buffer.from('Wąpielsk', 'utf8') },
];

afterEach(() => {
  vi.useRealTimers();
});

describe('zipArchive', () => {
  it('reads back with every entry, its bytes and the fixed date, in order', async () => {
    const zip = await JSZip.loadAsync(zipArchive(ENTRIES));
    expect(Object.keys(zip.files)).toEqual(ENTRIES.map((entry) => entry.name));
    for (const entry of ENTRIES) {
      const file = zip.file(entry.name)!;
      expect(Buffer.from(await file.async('uint8array')).equals(Buffer.from(entry.data)), entry.name).toBe(true);
      expect(file.date.toISOString()).toBe('2000-01-01T00:00:00.000Z');
    }
  });

  it('deflates what shrinks and stores what would grow', () => {
    const bytes = Buffer.from(zipArchive(ENTRIES));
    // Local header of the first entry: method at offset 8, sizes at 18 and 22, data after the name.
    expect(bytes.readUInt16LE(8)).toBe(8);
    const compressed = bytes.readUInt32LE(18);
    expect(compressed).toBeLessThan(bytes.readUInt32LE(22));
    const start = 30 + bytes.readUInt16LE(26);
    expect(inflateRawSync(bytes.subarray(start, start + compressed)).equals(ENTRIES[0].data)).toBe(true);
    expect(bytes.length).toBeLessThan(ENTRIES.reduce((total, entry) => total + entry.data.length, 0) / 10);
  });

  it('gives the same bytes at any time', () => {
    vi.useFakeTimers({ now: Date.UTC(2031, 6, 7, 8, 9, 10), toFake: ['Date'] });
    const first = Buffer.from(zipArchive(ENTRIES));
    vi.setSystemTime(Date.UTC(1999, 0, 1));
    expect(Buffer.from(zipArchive(ENTRIES)).equals(first)).toBe(true);
  });
});
