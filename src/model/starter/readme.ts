/**
 * The README.md of a starter dataset: what is real (and its source), what
 * is a default, what the adviser fills in, and the commands that come next.
 */
import { DEMAND_RULES } from './demand-rules.js';
import type { StarterSpec } from './files.js';
import { SERVICE_DEFAULTS } from './service-defaults.js';

const SOURCE = 'Źródło: GUS, Bank Danych Lokalnych; PRG (GUGiK)';

const POPULATION_SOURCE: Readonly<Record<number, string>> = {
  2020: 'GUS BDL table LUDN_2137, population at 31 Dec 2020',
  2022: 'GUS publication table 21, population at 31 Dec 2022',
};

export function starterReadme(spec: StarterSpec): string {
  const partners = spec.members.filter((member) => member.partner).length;
  const neighbours = spec.members.length - partners;
  const folder = shellWord(spec.folder);
  const rows = spec.members.length * spec.services.length;
  const lines = [
    `# ${spec.name}`,
    '',
    `A starter dataset for servflow, written by \`${spec.command}\`.`,
    `${SOURCE} — for every figure marked *real* below. The service parameters are`,
    '**defaults to review**, and the capacities in `supply.csv` are **yours to fill in**.',
    '',
    '## Municipalities',
    '',
    `${spec.members.length} gminy: ${partners} partner${partners === 1 ? '' : 's'}` +
      (spec.withinKm !== undefined
        ? ` and ${neighbours} neighbour${neighbours === 1 ? '' : 's'}: every gmina whose centroid lies within ${spec.withinKm} km (great-circle) of a partner's. Neighbours are analysed as providers whose places the partners' residents may use; they are not members (\`partner=false\`) and host no new shared facility (\`candidate=false\`).`
        : '.'),
    '',
    '| id | name | kind | county | role | km to the nearest partner (centroids) |',
    '| --- | --- | --- | --- | --- | ---: |',
    ...spec.members.map(({ gmina, partner, km }) => `| ${gmina.id} | ${gmina.name} | ${gmina.kind} | ${gmina.county} | ${partner ? 'partner' : 'neighbour'} | ${partner ? '' : km.toFixed(1)} |`),
    '',
    '## What is real, what is a default',
    '',
    '| file | column | real or default |',
    '| --- | --- | --- |',
    '| `municipalities.csv` | `id`, `name`, `kind`, `county` | real (TERYT as of 2024-01-01) |',
    `| | \`population\` | real: ${POPULATION_SOURCE[spec.year] ?? `population at 31 Dec ${spec.year}`} |`,
    '| | `lat`, `lon` | real: centroid of the gmina polygon (PRG, about 2022) |',
    '| | `area_km2` | real: GUS publication table 21 |',
    '| | `partner`, `candidate` | from `--partners`: `true` for partners, `false` for neighbours |',
    '| `demand.csv` | `demand` | derived from real age groups by the rule below: an estimate |',
    '| `services.csv` | every parameter | **default to review** (below) |',
    '| `supply.csv` | `capacity` | **empty: fill it in** |',
    '| `boundaries.geojson` | polygons | real: PRG (GUGiK), simplified to a few vertices each (borders shift by up to a few km); only for the map |',
    '| `servflow.json` | `name`, `year` | set by `servflow init`; edit the name freely |',
    '',
    '## How demand is derived',
    '',
    'Age groups: GUS BDL table LUDN_2137, population by 5-year age group at 31 Dec',
    '2020 (real). One-year ages are assumed evenly spread within a group, so a group',
    'contributes a fifth for each year of age a service serves. Rounded to whole',
    'children.',
    '',
    '| service | who needs it | formula | approximation |',
    '| --- | --- | --- | --- |',
    ...DEMAND_RULES.filter((rule) => spec.services.includes(rule.service)).map((rule) => `| \`${rule.service}\` | ${rule.who} | ${rule.formula} | ${rule.caveat} |`),
    '',
    ...(spec.year !== 2020
      ? [
          `The age groups are those of 2020, not aged forward to ${spec.year}: the children counted are those of 2020. Replace \`demand.csv\` with your own figures (enrolment forecasts, the register of residents) when you have them.`,
          '',
        ]
      : ['Replace `demand.csv` with your own figures (enrolment forecasts, the register of residents) when you have them.', '']),
    '## Service parameters: defaults to review',
    '',
    'The values of the bundled sample, of a realistic order of magnitude but not',
    'calibrated to these gminy. Check each against your own costs and rules.',
    '',
    '| service | catchment_km | min / max facility size | capex_per_place (PLN) | facility_fixed_cost (PLN) | opex_per_place (PLN/year) |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...spec.services.map((id) => {
      const s = SERVICE_DEFAULTS[id];
      return `| \`${id}\` | ${s.catchmentKm} | ${s.minFacilitySize} / ${s.maxFacilitySize} ${s.unit} | ${s.capexPerPlace} | ${s.facilityFixedCost} | ${s.opexPerPlace} |`;
    }),
    '',
    '`catchment_km` is the longest acceptable trip. `decay_beta` is left empty: the',
    'distance decay is calibrated on observed flows when `flows.csv` has some, and',
    'is the `default_decay_beta` parameter otherwise (docs/dataset-format.md).',
    '',
    '## What to fill in',
    '',
    `1. \`supply.csv\`: the \`capacity\` of each of its ${rows} rows — places of each`,
    '   service in each municipality (0 where there is none). Until a cell is',
    '   filled, `servflow validate` warns about it by file and line and counts it',
    '   as 0.',
    '2. Optionally `flows.csv` (`origin,destination,service,users`): how many',
    '   residents of `origin` use a place in `destination`. Without it servflow',
    '   estimates the flows with the gravity model.',
    '3. Review `services.csv` and, when you have better figures, `demand.csv`.',
    '',
    '## Next commands',
    '',
    '```sh',
    `servflow validate ${folder}          # lists the capacities still missing`,
    `servflow analyze ${folder} --out ${shellWord(`${spec.folder}/reports`)}`,
    `servflow explore ${folder}`,
    '```',
    '',
  ];
  return lines.join('\n');
}

/** A path as typed in a shell: quoted when it holds anything but safe characters. */
function shellWord(text: string): string {
  return /^[\w./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
