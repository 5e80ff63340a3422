import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { formatIssue } from '../model/issue.js';
import { loadDataset } from './load-dataset.js';
import { parseBoundaries, readBoundaries } from './read-boundaries.js';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'servflow-boundaries-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const square = (id: string, extra: Record<string, unknown> = {}) => ({
  type: 'Feature',
  properties: { teryt: id, name: `gmina ${id}`, ...extra },
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [19, 53],
        [19.1, 53],
        [19.1, 53.1],
        [19, 53.1],
        [19, 53],
      ],
    ],
  },
});
const collection = (...features: unknown[]): string => JSON.stringify({ type: 'FeatureCollection', features }, null, 1);

/** The issues of the InputError that `run` throws, as the CLI prints them. */
function issuesOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).issues.map(formatIssue);
  }
  throw new Error('no InputError');
}

describe('readBoundaries', () => {
  it('gives an empty map for a folder without boundaries.geojson', () => {
    expect(readBoundaries(scratch).size).toBe(0);
  });

  it('reads the sample: one polygon for every municipality, with its name', () => {
    const boundaries = readBoundaries('data');
    const { municipalities } = loadDataset('data').dataset;
    expect([...boundaries.keys()].sort()).toEqual(municipalities.map((m) => m.id).sort());
    for (const m of municipalities) expect(boundaries.get(m.id)?.name).toBe(m.name);
    for (const boundary of boundaries.values()) expect(boundary.geometry.type).toBe('Polygon');
  });

  it('names the file of broken JSON, and the line and column where JSON.parse gives them', () => {
    const folder = mkdtempSync(path.join(scratch, 'broken-'));
    writeFileSync(path.join(folder, 'boundaries.geojson'), '{"type": "FeatureCollection",\n "features": [1, 2,]}');
    const [issue] = issuesOf(() => readBoundaries(folder));
    expect(issue).toMatch(/boundaries\.geojson(:\d+:\d+)?: error: not valid JSON: \S/);
    expect(issue).not.toContain('\n');
    writeFileSync(path.join(folder, 'boundaries.geojson'), '{"type": "FeatureCollection",\n "features": [{"a" 1}]}');
    expect(issuesOf(() => readBoundaries(folder))[0]).toMatch(/boundaries\.geojson:2:\d+: error: not valid JSON: /);
  });
});

describe('parseBoundaries', () => {
  it('keys features by properties.teryt, properties.id or id, and takes MultiPolygons', () => {
    const multi = { type: 'Feature', id: 1234567, properties: {}, geometry: { type: 'MultiPolygon', coordinates: [square('x').geometry.coordinates] } };
    const byId = { ...square('y'), properties: { id: '7654321' } };
    const boundaries = parseBoundaries(Buffer.from(collection(square('0402011'), multi, byId)), 'b.geojson');
    expect([...boundaries.keys()]).toEqual(['0402011', '1234567', '7654321']);
    expect(boundaries.get('1234567')?.geometry.type).toBe('MultiPolygon');
  });

  it('reads a file with a byte-order mark', () => {
    expect(parseBoundaries(Buffer.from(`\ufeff${collection(square('0402011'))}`), 'b.geojson').size).toBe(1);
  });

  it('lists every bad feature', () => {
    const point = { type: 'Feature', properties: { teryt: '3' }, geometry: { type: 'Point', coordinates: [19, 53] } };
    const noId = { ...square('4'), properties: {} };
    const badRing = {
      ...square('5'),
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [19, 53],
            [19, 'x'],
          ],
        ],
      },
    };
    const issues = issuesOf(() => parseBoundaries(Buffer.from(collection(square('1'), square('1'), point, noId, badRing)), 'b.geojson'));
    expect(issues).toEqual([
      'b.geojson: error: feature 2: id "1" appears twice',
      'b.geojson: error: feature 3 ("3"): geometry type "Point", expected Polygon or MultiPolygon',
      'b.geojson: error: feature 4: no id (properties.teryt, properties.id or id)',
      'b.geojson: error: feature 5 ("5"): bad Polygon coordinates',
    ]);
  });

  it('refuses what is not a FeatureCollection, an empty file and a binary one', () => {
    expect(issuesOf(() => parseBoundaries(Buffer.from('{"type": "Feature"}'), 'b.geojson'))).toEqual(['b.geojson: error: expected a GeoJSON FeatureCollection with a "features" array']);
    expect(issuesOf(() => parseBoundaries(Buffer.from(''), 'b.geojson'))).toHaveLength(1);
    expect(issuesOf(() => parseBoundaries(Uint8Array.from([0x50, 0x4b, 3, 4, 0, 0, 0, 0]), 'b.geojson'))).toHaveLength(1);
  });
});
