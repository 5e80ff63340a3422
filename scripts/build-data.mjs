#!/usr/bin/env node
// Builds the bundled datasets from the real GUS/PRG table in ../shared/data:
//   data/            the sample partnership (real population, centroids, areas;
//                    demand derived from real age groups; capacities and flows
//                    illustrative, hand-set below)
//   data/poland/     all 2,477 gminy (real), the same demand derivation, and
//                    capacities drawn by a seeded generator (illustrative)
// Run it only to rebuild those files, after `npm run build`: `node scripts/build-data.mjs [SHARED_DATA]`.
// The project never reads ../shared at run time or in tests.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// The project's seeded generator (src/analysis/random.ts), built by `npm run build`.
import { mulberry32 } from '../dist/analysis/random.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.argv[2] ?? path.resolve(root, '../shared/data/poland');

const [headerLine, ...lines] = readFileSync(path.join(shared, 'gminy.csv'), 'utf8').trim().split('\n');
const header = headerLine.split(',');
const gminy = lines.map((line) => Object.fromEntries(line.split(',').map((cell, k) => [header[k], cell])));

// Demand derivation (documented in data/README.md). Age groups: GUS BDL
// LUDN_2137, 31 Dec 2020; one-year ages assumed uniform within a 5-year group.
//   preschool (ages 3–6):       2/5 · (0–4) + 2/5 · (5–9)
//   nursery (ages 0–2 × 33 %):  3/5 · (0–4) · 0.33  (the EU Barcelona target for under-3s)
//   primary_school (ages 7–14): 3/5 · (5–9) + (10–14)
export const demandOf = (g) => ({
  preschool: Math.round(0.4 * Number(g.age_0_4_2020) + 0.4 * Number(g.age_5_9_2020)),
  nursery: Math.round(0.6 * 0.33 * Number(g.age_0_4_2020)),
  primary_school: Math.round(0.6 * Number(g.age_5_9_2020) + Number(g.age_10_14_2020)),
});

const SERVICES = [
  'id,name,name_pl,unit,catchment_km,min_facility_size,max_facility_size,capex_per_place,facility_fixed_cost,opex_per_place,decay_beta',
  'preschool,Preschool,Wychowanie przedszkolne,places,26,25,150,45000,1500000,16000,',
  'nursery,Nursery,Żłobki,places,25,16,80,40000,1000000,20000,',
  'primary_school,Primary school,Szkoły podstawowe,places,30,100,600,60000,5000000,14000,',
];

const services = ['preschool', 'nursery', 'primary_school'];
const write = (file, rows) => writeFileSync(path.join(root, file), rows.join('\n') + '\n');
const municipalityRow = (g, partner, candidate) =>
  [g.teryt, g.name, g.kind, g.county, g.population_2022, g.lat, g.lon, g.area_km2, partner, candidate].join(',');
const MUNICIPALITY_HEADER = 'id,name,kind,county,population,lat,lon,area_km2,partner,candidate';

// --- the sample partnership -------------------------------------------------
const PARTNERS = ['0402073', '0402042', '0402022', '0412062'];
const NEIGHBOURS = ['0402011', '0402032', '0412011'];
const byId = new Map(gminy.map((g) => [g.teryt, g]));
const sample = [...PARTNERS, ...NEIGHBOURS].map((id) => byId.get(id));

// Illustrative capacities (places), not published figures.
const CAPACITY = {
  '0402073': { preschool: 330, nursery: 50, primary_school: 800 },
  '0402042': { preschool: 125, nursery: 0, primary_school: 380 },
  '0402022': { preschool: 200, nursery: 0, primary_school: 560 },
  '0412062': { preschool: 175, nursery: 0, primary_school: 330 },
  '0402011': { preschool: 1450, nursery: 300, primary_school: 2800 },
  '0402032': { preschool: 300, nursery: 20, primary_school: 900 },
  '0412011': { preschool: 650, nursery: 120, primary_school: 1450 },
};
// Illustrative flows: origin, destination, service, users. Wąpielsk (preschool)
// and Brzozie (primary school) have no local row: their local use is inferred.
// The nursery has no flows at all: the gravity model estimates them.
const FLOWS = [
  ['0402073', '0402073', 'preschool', 320], ['0402073', '0402011', 'preschool', 25],
  ['0402042', '0402042', 'preschool', 120], ['0402042', '0402011', 'preschool', 30],
  ['0402022', '0402022', 'preschool', 195], ['0402022', '0402011', 'preschool', 45], ['0402022', '0402073', 'preschool', 10],
  ['0412062', '0412011', 'preschool', 12], ['0412062', '0402011', 'preschool', 3],
  ['0402032', '0402032', 'preschool', 290], ['0402032', '0402011', 'preschool', 80],
  ['0402011', '0402011', 'preschool', 1250], ['0402011', '0402032', 'preschool', 8],
  ['0412011', '0412011', 'preschool', 600],
  ['0402073', '0402073', 'primary_school', 760], ['0402073', '0402011', 'primary_school', 15],
  ['0402042', '0402011', 'primary_school', 20],
  ['0402022', '0402022', 'primary_school', 540], ['0402022', '0402011', 'primary_school', 60],
  ['0412062', '0412062', 'primary_school', 320], ['0412062', '0412011', 'primary_school', 20],
  ['0402032', '0402032', 'primary_school', 850], ['0402032', '0402011', 'primary_school', 110],
  ['0402011', '0402011', 'primary_school', 2500],
  ['0412011', '0412011', 'primary_school', 1370],
];

mkdirSync(path.join(root, 'data'), { recursive: true });
write('data/municipalities.csv', [MUNICIPALITY_HEADER, ...sample.map((g) => municipalityRow(g, PARTNERS.includes(g.teryt), PARTNERS.includes(g.teryt)))]);
write('data/services.csv', SERVICES);
write('data/demand.csv', ['municipality,service,demand', ...sample.flatMap((g) => services.map((s) => `${g.teryt},${s},${demandOf(g)[s]}`))]);
write('data/supply.csv', ['municipality,service,capacity', ...sample.flatMap((g) => services.map((s) => `${g.teryt},${s},${CAPACITY[g.teryt][s]}`))]);
write('data/servflow.json', [JSON.stringify({ name: 'Wspieramy rozwój naszych małych ojczyzn', year: 2022 }, null, 2)]);
write('data/flows.csv', ['origin,destination,service,users', ...FLOWS.map((row) => row.join(','))]);

// --- the national dataset ---------------------------------------------------
// Capacities: demand × a factor drawn uniformly from [0.55, 1.05] for rural,
// [0.8, 1.4] for urban-rural and [1.0, 1.6] for urban gminy (towns serve
// their surroundings), rounded; mulberry32 seeded with 2477. Illustrative.
const random = mulberry32(2477);
const RANGE = { rural: [0.55, 1.05], 'urban-rural': [0.8, 1.4], urban: [1.0, 1.6] };
mkdirSync(path.join(root, 'data/poland'), { recursive: true });
write('data/poland/municipalities.csv', [MUNICIPALITY_HEADER, ...gminy.map((g) => municipalityRow(g, true, true))]);
write('data/poland/services.csv', SERVICES);
write('data/poland/servflow.json', [JSON.stringify({ name: 'Poland, all gminy (capacities illustrative)', year: 2022 }, null, 2)]);
write('data/poland/demand.csv', ['municipality,service,demand', ...gminy.flatMap((g) => services.map((s) => `${g.teryt},${s},${demandOf(g)[s]}`))]);
write('data/poland/supply.csv', [
  'municipality,service,capacity',
  ...gminy.flatMap((g) =>
    services.map((s) => {
      const [low, high] = RANGE[g.kind];
      return `${g.teryt},${s},${Math.round(demandOf(g)[s] * (low + (high - low) * random()))}`;
    }),
  ),
]);
console.log(`sample: ${sample.length} municipalities; national: ${gminy.length} gminy`);
