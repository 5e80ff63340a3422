/**
 * The partners of `servflow init --partners`: TERYT codes or names of gminy,
 * resolved against the national list. A name several gminy share is settled
 * only by the other partners: when exactly one of its gminy lies in the
 * county of a partner given unambiguously (Brody next to Starachowice is
 * 2611022, not Brody in lubuskie). Otherwise it is an error listing the
 * candidates with their codes; an unknown name or code suggests the closest.
 */
import { UsageError } from '../../errors.js';
import { quote } from '../issue.js';
import { suggest } from '../suggest.js';
import { normaliseId, parseKind, type MunicipalityKind } from '../teryt.js';
import { foldDiacritics } from '../text.js';
import { describeGmina, type Gmina } from './gmina.js';

export interface ResolvedPartners {
  /** In the order given, each once. */
  readonly gminy: readonly Gmina[];
  /** How ambiguous names were settled, for the user. */
  readonly notes: readonly string[];
}

type Lookup = { readonly found: Gmina } | { readonly candidates: readonly Gmina[] } | { readonly problem: string };

const CODE = /^\d{6}(\s*\d)?$/;
/** `Brodnica (rural)`, `Brodnica (2)`: a name narrowed to one kind. */
const KIND_SUFFIX = /^(.*\S)\s*\(\s*(urban-rural|urban|rural|[123])\s*\)$/i;

/** Split the `--partners` list (commas or semicolons) into trimmed, non-empty entries. */
export function partnerEntries(list: string): string[] {
  return list
    .split(/[,;]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

/** @throws UsageError listing every entry that is ambiguous or unknown */
export function resolvePartners(list: string, gminy: readonly Gmina[]): ResolvedPartners {
  const entries = partnerEntries(list);
  if (entries.length === 0) throw new UsageError('--partners needs at least one TERYT code or gmina name, e.g. --partners "Starachowice,Brody,2611032"');
  const lookups = entries.map((entry) => lookUp(entry, gminy));
  const counties = new Set(lookups.flatMap((lookup) => ('found' in lookup ? [countyCode(lookup.found)] : [])));
  const problems: string[] = [];
  const notes: string[] = [];
  const chosen: Gmina[] = [];
  lookups.forEach((lookup, k) => {
    if ('found' in lookup) chosen.push(lookup.found);
    else if ('problem' in lookup) problems.push(lookup.problem);
    else {
      const nearby = lookup.candidates.filter((gmina) => counties.has(countyCode(gmina)));
      if (nearby.length === 1) {
        chosen.push(nearby[0]);
        const others = lookup.candidates.filter((gmina) => gmina !== nearby[0]);
        notes.push(`${quote(entries[k])}: taken as ${describeGmina(nearby[0])}, in the county of another partner; also a gmina of that name: ${others.map(describeGmina).join('; ')}`);
      } else problems.push(ambiguity(entries[k], lookup.candidates));
    }
  });
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
  const unique = [...new Set(chosen)];
  if (unique.length < chosen.length) notes.push('a gmina given twice is listed once');
  return { gminy: unique, notes };
}

function lookUp(entry: string, gminy: readonly Gmina[]): Lookup {
  if (CODE.test(entry)) {
    const { id } = normaliseId(entry);
    const found = gminy.find((gmina) => gmina.id === id);
    if (found) return { found };
    const near = suggest(
      id,
      gminy.map((gmina) => ({ id: gmina.id, label: gmina.name })),
    );
    const hint = near
      ? `; did you mean ${describeGmina(gminy.find((gmina) => gmina.id === near.id) as Gmina)}?`
      : '; a gmina code has 7 digits, the last one its type (1 urban, 2 rural, 3 urban-rural)';
    return { problem: `--partners: no gmina has the TERYT code ${quote(entry)}${hint}` };
  }
  const suffix = KIND_SUFFIX.exec(entry);
  const name = suffix ? suffix[1] : entry;
  const kind: MunicipalityKind | undefined = suffix ? parseKind(suffix[2]) : undefined;
  const exact = gminy.filter((gmina) => gmina.name.toLowerCase() === name.toLowerCase());
  const folded = foldDiacritics(name).toLowerCase();
  const named = exact.length > 0 ? exact : gminy.filter((gmina) => foldDiacritics(gmina.name).toLowerCase() === folded);
  const matches = kind ? named.filter((gmina) => gmina.kind === kind) : named;
  if (matches.length === 1) return { found: matches[0] };
  if (matches.length > 1) return { candidates: matches };
  if (named.length > 0) return { problem: `--partners: no ${kind} gmina is named ${quote(name)}; the gminy of that name: ${named.map(describeGmina).join('; ')}` };
  return { problem: `--partners: no gmina is named ${quote(entry)}${closest(name, gminy)}` };
}

/** `; did you mean …?` with every gmina of the closest name, or names that begin with the entry. */
function closest(name: string, gminy: readonly Gmina[]): string {
  const names = [...new Set(gminy.map((gmina) => gmina.name))];
  const near = suggest(
    name,
    names.map((known) => ({ id: known })),
  );
  const folded = foldDiacritics(name).toLowerCase();
  const wanted = near ? [near.id] : names.filter((known) => foldDiacritics(known).toLowerCase().startsWith(folded)).slice(0, 5);
  if (wanted.length === 0) return '; give its 7-digit TERYT code';
  const candidates = gminy.filter((gmina) => wanted.includes(gmina.name));
  return `; did you mean ${candidates.map(describeGmina).join(' or ')}?`;
}

function ambiguity(entry: string, candidates: readonly Gmina[]): string {
  const lines = [`--partners: ${quote(entry)} is ambiguous: ${candidates.length} gminy have that name; give the TERYT code of the one you mean:`];
  for (const gmina of candidates) lines.push(`  ${gmina.id}  ${gmina.name} (${gmina.kind}, ${gmina.county}, ${gmina.voivodeship})`);
  return lines.join('\n');
}

/** The county part of a TERYT code (voivodeship and county digits): county names repeat across voivodeships. */
function countyCode(gmina: Gmina): string {
  return gmina.id.slice(0, 4);
}
