/**
 * A gmina as the bundled national data describe it (data/poland,
 * data/README.md): what `servflow init` builds a starter dataset from.
 */
import type { MunicipalityKind } from '../teryt.js';

/** Population by 5-year age group at 31 Dec 2020 (GUS BDL LUDN_2137). */
export interface AgeGroups {
  readonly age0to4: number;
  readonly age5to9: number;
  readonly age10to14: number;
}

export interface Gmina {
  /** 7-digit TERYT code (2024). */
  readonly id: string;
  readonly name: string;
  readonly kind: MunicipalityKind;
  readonly county: string;
  readonly voivodeship: string;
  /** Residents by reference year (31 Dec of that year). */
  readonly population: Readonly<Record<number, number>>;
  /** Centroid of the gmina polygon (PRG), WGS84 degrees. */
  readonly lat: number;
  readonly lon: number;
  readonly areaKm2: number;
  readonly ages: AgeGroups;
}

/** `Brody (2611022, rural, starachowicki, świętokrzyskie)`: a gmina told apart from its namesakes. */
export function describeGmina(gmina: Gmina): string {
  return `${gmina.name} (${gmina.id}, ${gmina.kind}, ${gmina.county}, ${gmina.voivodeship})`;
}
