/**
 * A guard before §5–§7 (issue 16, item 14): facility location and cost
 * sharing over a partnership in which very many partners lie within one
 * catchment of each other (1,000 gminy at one point: every pair could share
 * a facility) grow roughly as n^3.3 and do not finish. Such a dataset is
 * refused at once with a message that says why, instead of running for
 * hours. The national dataset, 2,477 partners, has at most a few dozen
 * partners within any one catchment.
 */
import { distanceLookup } from '../analysis/accessibility/distance.js';
import { UsageError } from '../errors.js';
import { terminalText } from '../model/text.js';
import type { Parameters } from '../model/parameters.js';
import type { Dataset } from '../model/types.js';

/** Most partners within one partner's catchment that §6–§7 are asked to solve. */
export const MAX_PARTNERS_IN_CATCHMENT = 150;

/** km per degree of latitude on the sphere servflow uses. */
const KM_PER_DEGREE = (6371.0088 * Math.PI) / 180;

/**
 * A partner with more than `limit` other partners within its catchment, and
 * how many; undefined when there is none. Partners are put in a grid of
 * cells a catchment wide, so only a crowded neighbourhood of cells costs
 * distances (the national dataset costs none). `circuity`: the run's (§3).
 */
export function crowdedCatchment(dataset: Dataset, circuity: number, serviceIndex: number, limit = MAX_PARTNERS_IN_CATCHMENT): { partners: number; municipality: number } | undefined {
  const catchment = dataset.services[serviceIndex].catchmentKm;
  const lookup = distanceLookup(dataset.municipalities, dataset.distances, circuity);
  const partners = dataset.municipalities.flatMap((m, i) => (m.partner ? [i] : []));
  const near = neighbourhoods(dataset, partners, catchment);
  for (const i of partners) {
    const candidates = near ? near(i) : partners;
    if (candidates.length <= limit) continue;
    let count = 0;
    for (const j of candidates) if (j !== i && lookup.km(i, j) <= catchment) count++;
    if (count > limit) return { partners: count, municipality: i };
  }
  return undefined;
}

/**
 * Partners that may lie within `km` of a partner: those in its cell and the
 * eight around it. Travel distance is at least the great-circle distance,
 * which is at least R·|Δlatitude| and about R·cos(latitude)·|Δlongitude|
 * (cells are made 20 % wider for the approximation). Undefined when a
 * distance table may shorten distances, or near the poles.
 */
function neighbourhoods(dataset: Dataset, partners: readonly number[], km: number): ((i: number) => readonly number[]) | undefined {
  if (dataset.distances.length > 0) return undefined;
  const located = partners.filter((i) => dataset.municipalities[i].lat !== undefined && dataset.municipalities[i].lon !== undefined);
  const maxLat = Math.max(0, ...located.map((i) => Math.abs(dataset.municipalities[i].lat ?? 0)));
  if (maxLat > 80) return undefined;
  const height = km / KM_PER_DEGREE;
  const width = (1.2 * height) / Math.cos((maxLat * Math.PI) / 180);
  const cell = (i: number): [number, number] => [Math.floor((dataset.municipalities[i].lat ?? 0) / height), Math.floor((dataset.municipalities[i].lon ?? 0) / width)];
  const cells = new Map<string, number[]>();
  for (const i of located) {
    const key = cell(i).join(',');
    const list = cells.get(key) ?? [];
    list.push(i);
    cells.set(key, list);
  }
  return (i) => {
    if (dataset.municipalities[i].lat === undefined || dataset.municipalities[i].lon === undefined) return [];
    const [row, column] = cell(i);
    const found: number[] = [];
    for (let dr = -1; dr <= 1; dr++) for (let dc = -1; dc <= 1; dc++) for (const j of cells.get(`${row + dr},${column + dc}`) ?? []) found.push(j);
    return found;
  };
}

/** Refuses (exit 2) when a service's partnership is too dense for §6–§7; `services` are the ids analysed (default all). */
export function checkDensity(dataset: Dataset, parameters: Parameters, services?: readonly string[]): void {
  dataset.services.forEach((service, s) => {
    if (services && !services.includes(service.id)) return;
    const densest = crowdedCatchment(dataset, parameters.circuity, s);
    if (!densest) return;
    const where = dataset.municipalities[densest.municipality];
    throw new UsageError(
      `service ${terminalText(service.id)}: ${densest.partners.toLocaleString('en-US')} partners lie within the ${service.catchmentKm} km catchment of ${terminalText(where.name)} (${terminalText(where.id)}); ` +
        `facility location and cost sharing (docs/methods.md §6–§7) over a partnership that dense grow roughly as n^3.3 and would not finish. ` +
        `servflow solves up to ${MAX_PARTNERS_IN_CATCHMENT} partners within one catchment: check the coordinates (many gminy at one point?), use a smaller catchment_km, fewer partners, or --service for the other services`,
    );
  });
}
