/**
 * Checks across files, once every file is read (DATA.md "Bad input"):
 * coordinates or distances for every municipality, flows above capacity or
 * above demand (warnings), services nobody needs (warning).
 */
import { IssueLog, quote, type Issue } from './issue.js';
import type { Municipality, Service } from './types.js';
import type { LocatedFlows } from './read/flows.js';

export interface CrossCheckInput {
  readonly municipalities: readonly Municipality[];
  readonly municipalityLines: readonly number[];
  readonly municipalityFile: string;
  readonly services: readonly Service[];
  readonly supply: readonly Float64Array[];
  readonly demand: readonly Float64Array[];
  readonly demandFile: string;
  readonly flows: LocatedFlows;
  /** Distinct other municipalities with a given distance, per municipality. */
  readonly distancePartners: Int32Array;
}

/** Issues found across files, in a stable order. */
export function crossCheck(input: CrossCheckInput): Issue[] {
  const issues: Issue[] = [];
  checkCoordinates(input, issues);
  checkFlows(input, issues);
  checkDemand(input, issues);
  return issues;
}

function checkCoordinates(input: CrossCheckInput, issues: Issue[]): void {
  const log = new IssueLog(input.municipalityFile);
  const others = input.municipalities.length - 1;
  input.municipalities.forEach((municipality, index) => {
    if (municipality.lat !== undefined) return;
    const known = input.distancePartners[index];
    if (known >= others) return;
    log.error(
      input.municipalityLines[index],
      0,
      'no-location',
      `municipality ${quote(municipality.id)} (${municipality.name}) has no lat/lon, and distances.csv gives ${known} of the ${others} distances it would need instead`,
    );
  });
  for (const issue of log.issues) issues.push(issue);
}

function checkFlows(input: CrossCheckInput, issues: Issue[]): void {
  const { flows, municipalities, services } = input;
  if (flows.length === 0) return;
  const n = municipalities.length;
  const users = services.map(() => new Float64Array(n));
  const residents = services.map(() => new Float64Array(n));
  const firstInto = services.map(() => new Int32Array(n).fill(-1));
  const firstFrom = services.map(() => new Int32Array(n).fill(-1));
  for (let k = 0; k < flows.length; k++) {
    const s = flows.service[k];
    const o = flows.origin[k];
    const d = flows.destination[k];
    users[s][d] += flows.users[k];
    residents[s][o] += flows.users[k];
    if (firstInto[s][d] < 0) firstInto[s][d] = k;
    if (firstFrom[s][o] < 0) firstFrom[s][o] = k;
  }
  const logs = new Map<string, IssueLog>();
  const logFor = (k: number): IssueLog => {
    const file = flows.files[flows.fileIndex[k]];
    let log = logs.get(file);
    if (!log) logs.set(file, (log = new IssueLog(file)));
    return log;
  };
  services.forEach((service, s) => {
    for (let i = 0; i < n; i++) {
      const capacity = input.supply[s][i];
      if (users[s][i] > capacity + 1e-9) {
        const k = Math.max(0, firstInto[s][i]);
        logFor(k).warning(
          flows.lines[k],
          0,
          'flows-above-capacity',
          `${service.id}: flows into ${municipalities[i].id} (${municipalities[i].name}) total ${format(users[s][i])} users, above its capacity of ${format(capacity)}`,
        );
      }
      const demand = input.demand[s][i];
      if (residents[s][i] > demand + 1e-9) {
        const k = Math.max(0, firstFrom[s][i]);
        logFor(k).warning(
          flows.lines[k],
          0,
          'flows-above-demand',
          `${service.id}: flows of residents of ${municipalities[i].id} (${municipalities[i].name}) total ${format(residents[s][i])}, above their demand of ${format(demand)}`,
        );
      }
    }
  });
  for (const log of logs.values()) for (const issue of log.issues) issues.push(issue);
}

function checkDemand(input: CrossCheckInput, issues: Issue[]): void {
  const log = new IssueLog(input.demandFile);
  input.services.forEach((service, s) => {
    if (input.demand[s].every((value) => value === 0)) {
      log.warning(0, 0, 'no-demand', `service ${quote(service.id)} has no demand in any municipality`);
    }
  });
  for (const issue of log.issues) issues.push(issue);
}

function format(value: number): string {
  return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}
