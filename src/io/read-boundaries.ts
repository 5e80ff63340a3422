/**
 * Optional gmina polygons for the HTML report's map: `boundaries.geojson` in
 * a dataset folder, a GeoJSON FeatureCollection of Polygon or MultiPolygon
 * features (WGS84 longitude, latitude) identified by `properties.teryt`,
 * `properties.id` or the feature's `id`. No file means no polygons (the map
 * then shows municipalities as points); a broken file is an `InputError`
 * naming the file, like any other bad input.
 */
import path from 'node:path';
import { InputError } from '../errors.js';
import { IssueLog } from '../model/issue.js';
import { jsonProblem, lineColumn } from '../model/json-error.js';
import { decodeBytes } from './decode.js';
import { readInputFile } from './read-input.js';

export const BOUNDARIES_FILE = 'boundaries.geojson';

/** `[longitude, latitude]` in degrees. */
export type Position = readonly [number, number];

export type BoundaryGeometry =
  | { readonly type: 'Polygon'; readonly coordinates: readonly (readonly Position[])[] }
  | { readonly type: 'MultiPolygon'; readonly coordinates: readonly (readonly (readonly Position[])[])[] };

export interface Boundary {
  /** The municipality id the feature gives (TERYT). */
  readonly id: string;
  readonly name?: string;
  readonly geometry: BoundaryGeometry;
}

/** Polygons keyed by id, in the file's order. */
export type Boundaries = ReadonlyMap<string, Boundary>;

/** The boundaries of a dataset folder; an empty map when it has no `boundaries.geojson`. */
export function readBoundaries(folder: string, fileName: string = BOUNDARIES_FILE): Boundaries {
  const file = path.join(folder, fileName);
  const input = readInputFile(file);
  if (!input.ok && input.code === 'missing-file') return new Map();
  if (!input.ok) {
    const log = new IssueLog(display(file));
    log.error(0, 0, input.code, input.reason);
    throw new InputError(log.issues);
  }
  return parseBoundaries(input.bytes, display(file));
}

/** Parse GeoJSON bytes; `file` is the name used in messages. @throws InputError */
export function parseBoundaries(bytes: Uint8Array, file: string): Boundaries {
  const log = new IssueLog(file);
  const decoded = decodeBytes(bytes);
  if (!decoded.ok) {
    log.error(1, 0, decoded.reason.includes('empty') ? 'empty-file' : 'binary-file', decoded.reason);
    throw new InputError(log.issues);
  }
  let root: unknown;
  try {
    root = JSON.parse(decoded.text);
  } catch {
    // V8 gives no position for some mistakes and quotes the text instead: the scanner says where and what.
    const found = jsonProblem(decoded.text) ?? { index: decoded.text.length, message: 'not valid JSON' };
    const { line, column } = lineColumn(decoded.text, found.index);
    log.error(line, column, 'bad-json', `not valid JSON: ${found.message}`);
    throw new InputError(log.issues);
  }
  const features = isObject(root) && root.type === 'FeatureCollection' && Array.isArray(root.features) ? root.features : undefined;
  if (!features) {
    log.error(0, 0, 'bad-geojson', 'expected a GeoJSON FeatureCollection with a "features" array');
    throw new InputError(log.issues);
  }
  const boundaries = new Map<string, Boundary>();
  features.forEach((feature: unknown, index: number) => {
    const where = `feature ${index + 1}`;
    if (!isObject(feature)) return log.error(0, 0, 'bad-geojson', `${where}: not an object`);
    const properties = isObject(feature.properties) ? feature.properties : {};
    const id = [properties.teryt, properties.id, feature.id].find((value) => typeof value === 'string' || typeof value === 'number');
    if (id === undefined || String(id).trim() === '') return log.error(0, 0, 'bad-geojson', `${where}: no id (properties.teryt, properties.id or id)`);
    const key = String(id).trim();
    if (boundaries.has(key)) return log.error(0, 0, 'duplicate-id', `${where}: id ${JSON.stringify(key)} appears twice`);
    const geometry = checkGeometry(feature.geometry);
    if (typeof geometry === 'string') return log.error(0, 0, 'bad-geojson', `${where} (${JSON.stringify(key)}): ${geometry}`);
    const name = typeof properties.name === 'string' ? properties.name : undefined;
    boundaries.set(key, name !== undefined ? { id: key, name, geometry } : { id: key, geometry });
  });
  if (log.errorCount > 0) throw new InputError(log.issues);
  return boundaries;
}

/** The geometry, or what is wrong with it. */
function checkGeometry(geometry: unknown): BoundaryGeometry | string {
  if (!isObject(geometry)) return 'no geometry';
  if (geometry.type === 'Polygon') return isPolygon(geometry.coordinates) ? { type: 'Polygon', coordinates: geometry.coordinates } : 'bad Polygon coordinates';
  if (geometry.type === 'MultiPolygon') {
    const parts = geometry.coordinates;
    return Array.isArray(parts) && parts.length > 0 && parts.every(isPolygon) ? { type: 'MultiPolygon', coordinates: parts as Position[][][] } : 'bad MultiPolygon coordinates';
  }
  return `geometry type ${JSON.stringify(String(geometry.type))}, expected Polygon or MultiPolygon`;
}

function isPolygon(rings: unknown): rings is Position[][] {
  return Array.isArray(rings) && rings.length > 0 && rings.every((ring) => Array.isArray(ring) && ring.length >= 4 && ring.every(isPosition));
}

function isPosition(value: unknown): value is Position {
  if (!Array.isArray(value) || value.length < 2) return false;
  const [lon, lat] = value;
  return typeof lon === 'number' && typeof lat === 'number' && Math.abs(lon) <= 180 && Math.abs(lat) <= 90;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** As the dataset loader shows files: relative to the working folder when inside it. */
function display(file: string): string {
  const relative = path.relative(process.cwd(), path.resolve(file));
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : path.resolve(file);
}
