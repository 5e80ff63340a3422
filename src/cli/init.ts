/**
 * `servflow init DIR --partners LIST`: a starter dataset for any partnership
 * from the bundled national data (data/poland): real municipalities, demand
 * from real age groups, default service parameters, a supply template with
 * empty capacities, PRG boundaries and a README saying which is which.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { haversineKm } from '../analysis/accessibility/distance.js';
import { UsageError } from '../errors.js';
import { POPULATION_YEARS, readNationalData } from '../io/national-data.js';
import { writeDatasetFolder } from '../io/write-dataset.js';
import { STARTER_SERVICES } from '../model/starter/demand-rules.js';
import { starterFiles, type StarterMember } from '../model/starter/files.js';
import type { Gmina } from '../model/starter/gmina.js';
import { partnerEntries, resolvePartners } from '../model/starter/partners.js';
import { didYouMean } from '../model/suggest.js';
import { sampleFolder } from './dataset-argument.js';

interface InitOptions {
  readonly partners?: string;
  readonly neighboursWithin?: string;
  readonly services: string;
  readonly year: string;
  readonly name?: string;
  readonly force?: boolean;
}

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('write a starter dataset for a partnership from the bundled national data (real population, coordinates, demand, boundaries; capacities to fill in)')
    .argument('<dir>', 'folder for the new dataset (must not exist or be empty, unless --force)')
    .option('--partners <list>', 'the partner gminy: TERYT codes or names, separated by commas, e.g. "Starachowice,Brody,2611032"')
    .option('--neighbours-within <km>', 'add every gmina within KM of a partner (centroid to centroid) as a neighbour that provides services')
    .option('--services <list>', 'the services, separated by commas: some of the default', STARTER_SERVICES.join(','))
    .option('--year <year>', `reference year of the population (${POPULATION_YEARS.join(' or ')})`, '2022')
    .option('--name <text>', "name of the dataset (default: the partners' names)")
    .option('--force', 'write into an existing non-empty folder, replacing its dataset files')
    .action((dir: string, options: InitOptions) => init(dir, options));
}

function init(dir: string, options: InitOptions): void {
  if (options.partners === undefined) throw new UsageError('init needs --partners: TERYT codes or names of the partner gminy, e.g. --partners "Starachowice,Brody,Mirzec"');
  const services = parseServices(options.services);
  const year = Number(options.year);
  if (!POPULATION_YEARS.includes(year)) throw new UsageError(`--year: the bundled data give the population of ${POPULATION_YEARS.join(' and ')}, not ${shown(options.year)}`);
  const withinKm = options.neighboursWithin === undefined ? undefined : Number(options.neighboursWithin);
  if (withinKm !== undefined && !(Number.isFinite(withinKm) && withinKm >= 0))
    throw new UsageError(`--neighbours-within must be a distance in km (0 or more), got ${shown(options.neighboursWithin ?? '')}`);

  const national = readNationalData(path.join(sampleFolder(), 'poland'));
  const resolved = resolvePartners(options.partners, national.gminy);
  for (const note of resolved.notes) process.stderr.write(`servflow: note: ${note}\n`);
  const members = withNeighbours(resolved.gminy, national.gminy, withinKm);
  const partnerNames = resolved.gminy.map((gmina) => gmina.name);
  const files = starterFiles(
    {
      members,
      services,
      year,
      name: options.name ?? `Partnership: ${partnerNames.join(', ')}`,
      ...(withinKm !== undefined ? { withinKm } : {}),
      folder: dir,
      command: initCommand(dir, resolved.gminy, services, year, withinKm),
    },
    national.boundaries,
  );
  writeDatasetFolder(dir, files, { force: options.force === true });

  const neighbours = members.length - resolved.gminy.length;
  const supply = path.join(dir, 'supply.csv');
  process.stdout.write(
    [
      `wrote ${shown(dir)}: ${[...files.keys()].join(', ')}`,
      `  municipalities  ${members.length} (${resolved.gminy.length} partner${resolved.gminy.length === 1 ? '' : 's'}${withinKm !== undefined ? `, ${neighbours} neighbour${neighbours === 1 ? '' : 's'} within ${withinKm} km` : ''})`,
      `  services        ${services.join(', ')}`,
      `next: fill in the ${members.length * services.length} capacities of ${shown(supply)} (${shown(path.join(dir, 'README.md'))} says what is real and what is a default), then`,
      `  servflow validate ${shown(dir)}`,
      `  servflow analyze ${shown(dir)} --out ${shown(path.join(dir, 'reports'))}`,
      '',
    ].join('\n'),
  );
}

function parseServices(list: string): string[] {
  const services = [...new Set(partnerEntries(list))];
  if (services.length === 0) throw new UsageError(`--services needs at least one of ${STARTER_SERVICES.join(', ')}`);
  for (const service of services) {
    if (!STARTER_SERVICES.includes(service)) {
      throw new UsageError(
        `--services: init knows no service ${shown(JSON.stringify(service))}${didYouMean(
          service,
          STARTER_SERVICES.map((id) => ({ id })),
        )} (it knows ${STARTER_SERVICES.join(', ')}; add others to services.csv by hand)`,
      );
    }
  }
  return STARTER_SERVICES.filter((service) => services.includes(service));
}

/** Partners in the order given, then every other gmina within `withinKm` of one, nearest first. */
function withNeighbours(partners: readonly Gmina[], all: readonly Gmina[], withinKm: number | undefined): StarterMember[] {
  const members: StarterMember[] = partners.map((gmina) => ({ gmina, partner: true, km: 0 }));
  if (withinKm === undefined) return members;
  const chosen = new Set(partners);
  const neighbours: StarterMember[] = [];
  for (const gmina of all) {
    if (chosen.has(gmina)) continue;
    const km = Math.min(...partners.map((partner) => haversineKm(partner.lat, partner.lon, gmina.lat, gmina.lon)));
    if (km <= withinKm) neighbours.push({ gmina, partner: false, km });
  }
  neighbours.sort((a, b) => a.km - b.km || (a.gmina.id < b.gmina.id ? -1 : 1));
  return [...members, ...neighbours];
}

/** The command as the README records it: partners by code, so it reruns to the same folder. */
function initCommand(dir: string, partners: readonly Gmina[], services: readonly string[], year: number, withinKm: number | undefined): string {
  const parts = ['servflow init', dir, `--partners ${partners.map((gmina) => gmina.id).join(',')}`];
  if (withinKm !== undefined) parts.push(`--neighbours-within ${withinKm}`);
  if (services.length < STARTER_SERVICES.length) parts.push(`--services ${services.join(',')}`);
  if (year !== 2022) parts.push(`--year ${year}`);
  return parts.join(' ');
}

/** A user's text for the terminal: control characters escaped. */
function shown(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
