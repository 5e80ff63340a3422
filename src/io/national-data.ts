/**
 * The bundled national data `servflow init` builds from (data/poland,
 * data/README.md): every gmina's real figures from municipalities.csv, its
 * age groups and voivodeship from age-groups-2020.csv, and the simplified
 * PRG polygons from gminy-boundaries.geojson. These are the package's own
 * files, so a mismatch between them is a bug, not bad input.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BoundaryFeature } from '../model/starter/files.js';
import type { Gmina } from '../model/starter/gmina.js';
import { parseKind } from '../model/teryt.js';

export interface NationalData {
  /** In TERYT order. */
  readonly gminy: readonly Gmina[];
  readonly boundaries: ReadonlyMap<string, BoundaryFeature>;
}

/** Reference years whose population the bundled data hold. */
export const POPULATION_YEARS: readonly number[] = [2020, 2022];

export function readNationalData(folder: string): NationalData {
  const municipalities = readRows(path.join(folder, 'municipalities.csv'));
  const ages = new Map(readRows(path.join(folder, 'age-groups-2020.csv')).map((row) => [row.id, row]));
  const gminy = municipalities.map((row): Gmina => {
    const age = ages.get(row.id);
    const kind = parseKind(row.kind);
    if (!age || !kind) throw new Error(`bundled data: gmina ${row.id} has no age groups or no kind`);
    return {
      id: row.id,
      name: row.name,
      kind,
      county: row.county,
      voivodeship: age.voivodeship,
      population: { 2020: Number(age.population_2020), 2022: Number(row.population) },
      lat: Number(row.lat),
      lon: Number(row.lon),
      areaKm2: Number(row.area_km2),
      ages: { age0to4: Number(age.age_0_4), age5to9: Number(age.age_5_9), age10to14: Number(age.age_10_14) },
    };
  });
  const collection = JSON.parse(readFileSync(path.join(folder, 'gminy-boundaries.geojson'), 'utf8')) as { features: BoundaryFeature[] };
  const boundaries = new Map(collection.features.map((feature) => [feature.properties.teryt, feature]));
  return { gminy, boundaries };
}

/** A plain comma-separated file of the package (no quoted cells) as records keyed by the header. */
function readRows(file: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
  const names = header.split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    if (cells.length !== names.length) throw new Error(`bundled data: ${path.basename(file)} has a row of ${cells.length} fields: ${line.slice(0, 40)}`);
    return Object.fromEntries(names.map((name, k) => [name, cells[k]]));
  });
}
