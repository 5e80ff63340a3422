/**
 * The files of a starter dataset (`servflow init`), as text: real figures
 * from the bundled national data, demand by the documented age rules,
 * default service parameters, and a supply template with empty capacities.
 * Pure: the caller reads the national data and writes the folder.
 */
import { demandRule } from './demand-rules.js';
import type { Gmina } from './gmina.js';
import { starterReadme } from './readme.js';
import { SERVICE_DEFAULTS, SERVICES_HEADER, serviceRow } from './service-defaults.js';

/** A GeoJSON feature of the national boundaries file, kept as parsed. */
export interface BoundaryFeature {
  readonly type: 'Feature';
  readonly properties: { readonly teryt: string; readonly name: string };
  readonly geometry: unknown;
}

export interface StarterMember {
  readonly gmina: Gmina;
  readonly partner: boolean;
  /** Great-circle km between centroids to the nearest partner (0 for a partner). */
  readonly km: number;
}

export interface StarterSpec {
  /** Partners in the order given, then neighbours by distance. */
  readonly members: readonly StarterMember[];
  readonly services: readonly string[];
  /** Reference year: the population column and the manifest's year. */
  readonly year: number;
  readonly name: string;
  /** The `--neighbours-within` radius, when neighbours were asked for. */
  readonly withinKm?: number;
  /** The folder as the user named it, for the README's commands. */
  readonly folder: string;
  /** The `servflow init` command that made the folder, for the README. */
  readonly command: string;
}

export const MUNICIPALITIES_HEADER = ['id', 'name', 'kind', 'county', 'population', 'lat', 'lon', 'area_km2', 'partner', 'candidate'] as const;

/** The files in writing order, name → content. */
export function starterFiles(spec: StarterSpec, boundaries: ReadonlyMap<string, BoundaryFeature>): Map<string, string> {
  const gminy = spec.members.map((member) => member.gmina);
  const files = new Map<string, string>();
  files.set('README.md', starterReadme(spec));
  files.set('servflow.json', `${JSON.stringify({ name: spec.name, year: spec.year }, null, 2)}\n`);
  files.set('municipalities.csv', csv([MUNICIPALITIES_HEADER, ...spec.members.map((member) => municipalityRow(member, spec.year))]));
  files.set('services.csv', csv([SERVICES_HEADER, ...spec.services.map((id) => serviceRow(SERVICE_DEFAULTS[id]))]));
  files.set('demand.csv', csv([['municipality', 'service', 'demand'], ...pairs(gminy, spec.services).map(([gmina, service]) => [gmina.id, service, demandOf(gmina, service)])]));
  files.set('supply.csv', csv([['municipality', 'service', 'capacity'], ...pairs(gminy, spec.services).map(([gmina, service]) => [gmina.id, service, ''])]));
  const features = gminy.flatMap((gmina) => {
    const feature = boundaries.get(gmina.id);
    return feature ? [JSON.stringify(feature)] : [];
  });
  files.set('boundaries.geojson', `{"type":"FeatureCollection","features":[\n${features.join(',\n')}\n]}\n`);
  return files;
}

/** A municipalities.csv row: real figures; partners may host a new facility, neighbours only provide. */
export function municipalityRow(member: StarterMember, year: number): (string | number | boolean)[] {
  const { gmina } = member;
  return [gmina.id, gmina.name, gmina.kind, gmina.county, populationOf(gmina, year), gmina.lat, gmina.lon, gmina.areaKm2, member.partner, member.partner];
}

export function populationOf(gmina: Gmina, year: number): number {
  const population = gmina.population[year];
  if (population === undefined) throw new Error(`no population of ${gmina.id} for ${year}`);
  return population;
}

export function demandOf(gmina: Gmina, service: string): number {
  const rule = demandRule(service);
  if (!rule) throw new Error(`no demand rule for ${service}`);
  return rule.demand(gmina.ages);
}

/** Every (municipality, service) pair, municipality by municipality. */
function pairs(gminy: readonly Gmina[], services: readonly string[]): [Gmina, string][] {
  return gminy.flatMap((gmina) => services.map((service): [Gmina, string] => [gmina, service]));
}

function csv(rows: readonly (readonly (string | number | boolean)[])[]): string {
  return rows.map((row) => row.map(cell).join(',')).join('\n') + '\n';
}

/** Names come from the bundled data; quoted all the same should one ever hold a comma or quote. */
function cell(value: string | number | boolean): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
