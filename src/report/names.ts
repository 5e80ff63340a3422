/**
 * Names for people: a municipality's name, told apart from a namesake by its
 * kind (`Brodnica (urban)`, `Brodnica (rural)`) or, failing that, its id.
 */
import type { MunicipalityKind } from '../model/teryt.js';
import type { Municipality } from '../model/types.js';

const ENGLISH_KINDS: Readonly<Record<MunicipalityKind, string>> = { urban: 'urban', rural: 'rural', 'urban-rural': 'urban-rural' };

export function displayNames(municipalities: readonly Municipality[], kinds: Readonly<Record<MunicipalityKind, string>> = ENGLISH_KINDS): string[] {
  const count = new Map<string, number>();
  for (const m of municipalities) count.set(m.name, (count.get(m.name) ?? 0) + 1);
  const withKind = municipalities.map((m) => (count.get(m.name) === 1 ? m.name : m.kind ? `${m.name} (${kinds[m.kind]})` : `${m.name} (${m.id})`));
  const again = new Map<string, number>();
  for (const name of withKind) again.set(name, (again.get(name) ?? 0) + 1);
  return withKind.map((name, i) => (again.get(name) === 1 ? name : `${municipalities[i].name} (${municipalities[i].id})`));
}
