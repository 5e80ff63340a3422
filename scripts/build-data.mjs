#!/usr/bin/env node
// Builds the bundled datasets from the real GUS/PRG table in ../shared/data:
//   data/            the sample partnership (real population, centroids, areas;
//                    demand derived from real age groups; capacities and flows
//                    illustrative, hand-set below)
//   data/poland/     all 2,477 gminy (real), the same demand derivation, and
//                    capacities drawn by a seeded generator (illustrative);
//                    and for `servflow init` the age groups of every gmina
//                    (age-groups-2020.csv) and its simplified PRG polygon
//                    (gminy-boundaries.geojson), both real
//   --synthetic N OUT  a synthetic dataset of N municipalities for the scaling
//                    run of `npm run bench`, from data/poland (below)
//   --scenarios      data/scenarios/: three shortage scenarios from data/poland
//                    (real gminy and demand, illustrative capacities; below)
// Run it only to rebuild those files, after `npm run build`: `node scripts/build-data.mjs [SHARED_DATA]`.
// The project never reads ../shared at run time, in tests or in the benchmark.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// The project's seeded generator (src/engines/random.ts), built by `npm run build`.
import { mulberry32 } from '../dist/engines/random.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

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

// Capacity factor ranges by kind of gmina (the national rule, below).
const RANGE = { rural: [0.55, 1.05], 'urban-rural': [0.8, 1.4], urban: [1.0, 1.6] };

if (args[0] === '--synthetic') {
  buildSynthetic(Number(args[1]), path.resolve(args[2]));
  process.exit(0);
}
if (args[0] === '--scenarios') {
  buildScenarios();
  process.exit(0);
}
const shared = args[0] ?? path.resolve(root, '../shared/data/poland');

const [headerLine, ...lines] = readFileSync(path.join(shared, 'gminy.csv'), 'utf8').trim().split(/\r?\n/);
const header = headerLine.split(',');
const gminy = lines.map((line) => Object.fromEntries(line.split(',').map((cell, k) => [header[k], cell])));

const services = ['preschool', 'nursery', 'primary_school'];
const write = (file, rows) => writeFileSync(path.join(root, file), rows.join('\n') + '\n');
const municipalityRow = (g, partner, candidate) => [g.teryt, g.name, g.kind, g.county, g.population_2022, g.lat, g.lon, g.area_km2, partner, candidate].join(',');
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
  ['0402073', '0402073', 'preschool', 320],
  ['0402073', '0402011', 'preschool', 25],
  ['0402042', '0402042', 'preschool', 120],
  ['0402042', '0402011', 'preschool', 30],
  ['0402022', '0402022', 'preschool', 195],
  ['0402022', '0402011', 'preschool', 45],
  ['0402022', '0402073', 'preschool', 10],
  ['0412062', '0412011', 'preschool', 12],
  ['0412062', '0402011', 'preschool', 3],
  ['0402032', '0402032', 'preschool', 290],
  ['0402032', '0402011', 'preschool', 80],
  ['0402011', '0402011', 'preschool', 1250],
  ['0402011', '0402032', 'preschool', 8],
  ['0412011', '0412011', 'preschool', 600],
  ['0402073', '0402073', 'primary_school', 760],
  ['0402073', '0402011', 'primary_school', 15],
  ['0402042', '0402011', 'primary_school', 20],
  ['0402022', '0402022', 'primary_school', 540],
  ['0402022', '0402011', 'primary_school', 60],
  ['0412062', '0412062', 'primary_school', 320],
  ['0412062', '0412011', 'primary_school', 20],
  ['0402032', '0402032', 'primary_school', 850],
  ['0402032', '0402011', 'primary_school', 110],
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
mkdirSync(path.join(root, 'data/poland'), { recursive: true });
write('data/poland/municipalities.csv', [MUNICIPALITY_HEADER, ...gminy.map((g) => municipalityRow(g, true, true))]);
write('data/poland/services.csv', SERVICES);
// The real 2023 migration flows (migration-2023.csv, copied from the shared
// data, see data/README.md) are the observed-flow layer of primary_school: a
// stand-in, so that one service is calibrated on real flows at national scale.
export const NATIONAL_MANIFEST = {
  name: 'Poland, all gminy (capacities illustrative; primary-school flows: 2023 migration, real, a stand-in)',
  year: 2022,
  files: { flows: { path: 'migration-2023.csv', values: { service: 'primary_school' }, columns: { users: 'persons' } } },
};
write('data/poland/servflow.json', [JSON.stringify(NATIONAL_MANIFEST, null, 2)]);
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

// --- what `servflow init` needs (src/io/national-data.ts) ---------------------
// The age groups (GUS BDL LUDN_2137, 31 Dec 2020) and the voivodeship of every
// gmina, and the simplified PRG polygons of all gminy with their codes brought
// to 2024 (the 69 type-digit changes matched on the first six digits, as the
// shared README says), coordinates rounded to 6 decimals, one feature a line.
write('data/poland/age-groups-2020.csv', [
  'id,voivodeship,population_2020,age_0_4,age_5_9,age_10_14,age_15_19,age_65_69,age_70plus',
  ...gminy.map((g) => [g.teryt, g.voivodeship, g.population_2020, g.age_0_4_2020, g.age_5_9_2020, g.age_10_14_2020, g.age_15_19_2020, g.age_65_69_2020, g.age_70plus_2020].join(',')),
]);
const boundaries = JSON.parse(readFileSync(path.join(shared, 'gminy-boundaries-xs.geojson'), 'utf8'));
const codeBySix = new Map(gminy.map((g) => [g.teryt.slice(0, 6), g.teryt]));
const round = (value) => (Array.isArray(value) ? value.map(round) : Number(value.toFixed(6)));
const features = boundaries.features
  .map((feature) => {
    const teryt = codeBySix.get(feature.properties.teryt.slice(0, 6));
    if (!teryt) throw new Error(`boundary ${feature.properties.teryt} matches no gmina`);
    return {
      teryt,
      line: JSON.stringify({ type: 'Feature', properties: { teryt, name: byId.get(teryt).name }, geometry: { type: feature.geometry.type, coordinates: round(feature.geometry.coordinates) } }),
    };
  })
  .sort((a, b) => (a.teryt < b.teryt ? -1 : 1));
write('data/poland/gminy-boundaries.geojson', ['{"type":"FeatureCollection","features":[', features.map((feature) => feature.line).join(',\n'), ']}']);
console.log(`sample: ${sample.length} municipalities; national: ${gminy.length} gminy`);

// --- the synthetic scaling dataset (npm run bench) --------------------------
// N municipalities from copies of data/poland laid side by side, each copy
// shifted 10.5° east of the previous (Poland spans about 14°–24° E), so the
// density of municipalities, and of pairs within a catchment, stays that of
// Poland: work should grow linearly with N. Copy k > 0 suffixes ids with
// `-k`; the last copy is cut to reach N. In copy k > 0 each municipality's
// population and demand are scaled by a factor drawn from [0.8, 1.25]
// (exact copies would give the flow graph k components with the same
// leading singular value, which slows HITS to a crawl and is nothing real
// data look like); capacities are drawn afresh per copy by the national rule
// (mulberry32 seeded with 2477 + k); the migration flows are copied within
// each copy as primary_school's observed flows (scaled by the origin's
// factor), as in data/poland's manifest.
// Entirely synthetic: for timing only.
function buildSynthetic(count, out) {
  if (!(count > 0)) throw new Error('--synthetic needs a number of municipalities');
  const read = (file) =>
    readFileSync(path.join(root, 'data/poland', file), 'utf8')
      .trim()
      .split('\n');
  const [municipalityHeader, ...municipalityLines] = read('municipalities.csv');
  const demandLines = read('demand.csv').slice(1);
  const migrationLines = read('migration-2023.csv').slice(1);
  const kindOf = new Map(municipalityLines.map((line) => [line.split(',')[0], line.split(',')[2]]));
  const municipalities = [municipalityHeader];
  const demand = ['municipality,service,demand'];
  const supply = ['municipality,service,capacity'];
  const flows = ['origin,destination,service,users'];
  for (let copy = 0; municipalities.length - 1 < count; copy++) {
    const idOf = (id) => (copy === 0 ? id : `${id}-${copy}`);
    const scaling = mulberry32(10000 + copy);
    const factor = new Map();
    for (const line of municipalityLines) {
      if (municipalities.length - 1 >= count) break;
      const cells = line.split(',');
      factor.set(cells[0], copy === 0 ? 1 : 0.8 + 0.45 * scaling());
      cells[4] = String(Math.round(Number(cells[4]) * factor.get(cells[0])));
      cells[0] = idOf(cells[0]);
      cells[6] = (Number(cells[6]) + 10.5 * copy).toFixed(6);
      municipalities.push(cells.join(','));
    }
    const random = mulberry32(2477 + copy);
    for (const line of demandLines) {
      const [id, service, original] = line.split(',');
      if (!factor.has(id)) continue;
      const need = Math.round(Number(original) * factor.get(id));
      const [low, high] = RANGE[kindOf.get(id)];
      demand.push(`${idOf(id)},${service},${need}`);
      supply.push(`${idOf(id)},${service},${Math.round(Number(need) * (low + (high - low) * random()))}`);
    }
    for (const line of migrationLines) {
      const [origin, destination, persons] = line.split(',');
      if (factor.has(origin) && factor.has(destination)) flows.push(`${idOf(origin)},${idOf(destination)},primary_school,${Math.round(Number(persons) * factor.get(origin))}`);
    }
  }
  mkdirSync(out, { recursive: true });
  const put = (file, rows) => writeFileSync(path.join(out, file), rows.join('\n') + '\n');
  put('municipalities.csv', municipalities);
  put('services.csv', SERVICES);
  put('demand.csv', demand);
  put('supply.csv', supply);
  put('flows.csv', flows);
  put('servflow.json', [JSON.stringify({ name: `Synthetic: ${count} municipalities from copies of data/poland (for timing only)`, year: 2022 }, null, 2)]);
  console.log(`synthetic: ${count} municipalities, ${flows.length - 1} flows → ${out}`);
}

// --- shortage scenarios (npm run bench; data/README.md) ----------------------
// Real gminy (data/poland/municipalities.csv) and real-age-structure demand
// (data/poland/demand.csv); capacities invented so that §5–§7 have real
// residual work (illustrative). A gmina has no place at all with probability
// ZERO_SHARE[kind] (about 40 % of all gminy, as for nurseries in Poland around
// 2020); otherwise its capacity is its demand × a factor uniform in
// SHORT_RANGE[kind]. mulberry32, seeded per scenario and service.
function buildScenarios() {
  const ZERO_SHARE = { rural: 0.55, 'urban-rural': 0.3, urban: 0.05 };
  const SHORT_RANGE = { rural: [0.2, 0.9], 'urban-rural': [0.3, 1.0], urban: [0.5, 1.3] };
  const SCENARIO_SERVICES = {
    nursery: 'nursery,Nursery,Żłobki,places,20,16,80,40000,1000000,20000,',
    preschool: 'preschool,Preschool,Wychowanie przedszkolne,places,20,25,150,45000,1500000,16000,',
  };
  const SCENARIO_HEADER = 'id,name,name_pl,unit,catchment_km,min_facility_size,max_facility_size,capex_per_place,facility_fixed_cost,opex_per_place,decay_beta';
  const read = (file) =>
    readFileSync(path.join(root, 'data/poland', file), 'utf8')
      .trim()
      .split('\n');
  const [, ...lines] = read('municipalities.csv');
  const all = lines.map((line) => {
    const cells = line.split(',');
    return { cells, id: cells[0], kind: cells[2], lat: Number(cells[5]), lon: Number(cells[6]) };
  });
  const demand = new Map(
    read('demand.csv')
      .slice(1)
      .map((line) => line.split(','))
      .map(([id, service, value]) => [`${id},${service}`, Number(value)]),
  );
  const km = (a, b) => {
    const rad = Math.PI / 180;
    const x = (b.lon - a.lon) * rad * Math.cos(((a.lat + b.lat) / 2) * rad);
    const y = (b.lat - a.lat) * rad;
    return 6371 * Math.sqrt(x * x + y * y);
  };
  const scenario = (folder, name, members, services, seed, role = () => [true, true]) => {
    const out = path.join(root, 'data/scenarios', folder);
    mkdirSync(out, { recursive: true });
    const put = (file, rows) => writeFileSync(path.join(out, file), rows.join('\n') + '\n');
    put('municipalities.csv', ['id,name,kind,county,population,lat,lon,area_km2,partner,candidate', ...members.map((m) => [...m.cells.slice(0, 8), ...role(m)].join(','))]);
    put('services.csv', [SCENARIO_HEADER, ...services.map((s) => SCENARIO_SERVICES[s])]);
    put('demand.csv', ['municipality,service,demand', ...members.flatMap((m) => services.map((s) => `${m.id},${s},${demand.get(`${m.id},${s}`)}`))]);
    const supply = ['municipality,service,capacity'];
    services.forEach((s, k) => {
      const random = mulberry32(seed + k);
      for (const m of members) {
        const zero = random() < ZERO_SHARE[m.kind];
        const [low, high] = SHORT_RANGE[m.kind];
        const factor = low + (high - low) * random();
        supply.push(`${m.id},${s},${zero ? 0 : Math.round(demand.get(`${m.id},${s}`) * factor)}`);
      }
    });
    put('supply.csv', supply);
    put('servflow.json', [JSON.stringify({ name, year: 2022 }, null, 2)]);
    const zeros = supply.slice(1).filter((row) => row.endsWith(',0')).length;
    console.log(`${folder}: ${members.length} municipalities, ${services.join(' + ')}, ${zeros} of ${supply.length - 1} capacities zero`);
  };
  scenario('poland-nursery-shortage', 'Poland, all gminy, nursery shortage (capacities illustrative)', all, ['nursery'], 2020);
  const voivodeship = all.filter((m) => m.cells[0].startsWith('14'));
  scenario('mazowieckie-shortage', 'Mazowieckie, every gmina a partner, nursery and preschool shortage (capacities illustrative)', voivodeship, ['nursery', 'preschool'], 1400);
  // 30 partners: the gminy nearest to Siedlce (town), with the next 15 as neighbours (providers, not members).
  const centre = all.find((m) => m.id === '1464011');
  const nearest = [...all].sort((a, b) => km(centre, a) - km(centre, b) || a.id.localeCompare(b.id)).slice(0, 45);
  const partners = new Set(nearest.slice(0, 30).map((m) => m.id));
  scenario('siedlce-30-nursery', 'Siedlce area, 30 partner gminy, nursery shortage (capacities illustrative)', nearest, ['nursery'], 1464, (m) => [partners.has(m.id), partners.has(m.id)]);
}
