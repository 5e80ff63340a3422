/**
 * Where and how to read each input file: the defaults of DATA.md, or what a
 * manifest (`servflow.json`) says.
 */
import type { FieldMapping } from './columns.js';
import type { FileRole } from './types.js';
import type { Parameters } from './parameters.js';

export interface SourceSpec {
  /** Path as the user wrote it, relative to the dataset folder. */
  readonly path: string;
  /** 1-based row (record) number of the header, as a spreadsheet shows it. */
  readonly headerRow: number;
  readonly delimiter?: ',' | ';' | '\t';
  readonly encoding?: string;
  /** Field → column (name, number, or weighted sum). */
  readonly columns: Readonly<Record<string, FieldMapping>>;
  /** Field → fixed value for every row (e.g. the service of a BDL export). */
  readonly values: Readonly<Record<string, string>>;
  /** Rows naming a municipality the dataset does not have: an error, or skipped silently. */
  readonly unknownMunicipalities: 'error' | 'skip';
  /** Rows with an empty id cell (section headings of publication tables) are skipped. */
  readonly skipRowsWithoutId: boolean;
  /** municipalities only: keep ids starting with one of these prefixes. */
  readonly include?: readonly string[];
}

export interface DatasetSpec {
  readonly name: string;
  readonly year?: number;
  /** Folder the paths are relative to. */
  readonly folder: string;
  /** The manifest's file name, when there is one (for messages). */
  readonly manifest?: string;
  readonly sources: Readonly<Record<FileRole, readonly SourceSpec[]>>;
  /** Service id → overridden services.csv columns (snake_case names). */
  readonly serviceOverrides: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly parameters: Partial<Parameters>;
  readonly flowDuplicates: 'error' | 'sum';
  /**
   * The gmina polygons for report.html's maps (GeoJSON), relative to the
   * folder: `files.boundaries` of the manifest, else `boundaries.geojson`
   * (optional unless the manifest names it).
   */
  readonly boundaries?: { readonly path: string; readonly named: boolean };
}

export function defaultSource(path: string): SourceSpec {
  return { path, headerRow: 1, columns: {}, values: {}, unknownMunicipalities: 'error', skipRowsWithoutId: false };
}
