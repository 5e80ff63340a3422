/**
 * Municipality identifiers. Polish TERYT gmina codes have 7 digits: voivodeship
 * (2), county (2), gmina (2) and a type digit: 1 urban, 2 rural, 3 urban-rural,
 * 4 and 5 the town and rural parts of an urban-rural gmina, 8 and 9 city
 * districts and delegations (DATA.md "municipalities.csv").
 */

export type IdKind =
  /** An ordinary identifier: a TERYT gmina code or any other id the user chose. */
  | 'municipality'
  /** BDL aggregate row: Poland, a voivodeship or a county. */
  | 'aggregate'
  /** A part of a gmina (TERYT type 4, 5, 8 or 9), not a gmina itself. */
  | 'part';

export interface NormalisedId {
  readonly id: string;
  readonly kind: IdKind;
  /** True when a 6-digit code had its leading zero restored. */
  readonly padded: boolean;
  /** What an aggregate or part is, for the warning. */
  readonly what?: string;
}

const SIX_DIGITS = /^\d{6}$/;
const SEVEN_DIGITS = /^\d{7}$/;
const SPACED = /^(\d{6})\s+(\d)$/;

/** Normalise an id cell: trims, joins `"040202 2"`, pads a lost leading zero. */
export function normaliseId(cell: string): NormalisedId {
  let id = cell.trim();
  let padded = false;
  const spaced = SPACED.exec(id);
  if (spaced) id = spaced[1] + spaced[2];
  else if (SIX_DIGITS.test(id)) {
    id = `0${id}`;
    padded = true;
  }
  if (!SEVEN_DIGITS.test(id)) return { id, kind: 'municipality', padded };
  if (id === '0000000') return { id, kind: 'aggregate', padded, what: 'Poland' };
  if (id.endsWith('00000')) return { id, kind: 'aggregate', padded, what: 'a voivodeship' };
  if (id.slice(4, 6) === '00') return { id, kind: 'aggregate', padded, what: 'a county' };
  const type = id[6];
  if (type === '4') return { id, kind: 'part', padded, what: 'the town part of an urban-rural gmina' };
  if (type === '5') return { id, kind: 'part', padded, what: 'the rural part of an urban-rural gmina' };
  if (type === '8' || type === '9') return { id, kind: 'part', padded, what: 'a district or delegation of a city' };
  return { id, kind: 'municipality', padded };
}

export type MunicipalityKind = 'urban' | 'rural' | 'urban-rural';

const KIND_BY_DIGIT: Record<string, MunicipalityKind> = { '1': 'urban', '2': 'rural', '3': 'urban-rural' };

/** `urban`/`rural`/`urban-rural` or a TERYT type digit 1/2/3; undefined otherwise. */
export function parseKind(cell: string): MunicipalityKind | undefined {
  const text = cell.trim().toLowerCase();
  if (text in KIND_BY_DIGIT) return KIND_BY_DIGIT[text];
  if (text === 'urban' || text === 'rural' || text === 'urban-rural') return text;
  return undefined;
}
