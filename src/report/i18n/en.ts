/** English: the wording of every report. */
import { SAMPLED_PLAYERS } from '../../analysis/cost-sharing/bill-groups.js';
import { EXACT_PLAYERS } from '../../analysis/cost-sharing/shapley.js';
import { EN_NUMBERS, cellFormatter, formatNumber } from './format.js';
import type { Messages, TerminalWords } from './messages.js';
import type { HtmlLabels } from '../visuals.js';
import { formatIssue } from '../../model/issue.js';

const num = (value: number | null | undefined, decimals = 0): string => formatNumber(value, decimals, EN_NUMBERS);
const pct = (value: number | null | undefined, decimals = 0): string => (value === null || value === undefined || Number.isNaN(value) ? '–' : `${num(value * 100, decimals)} %`);
/** Items a sentence names; a national list names the first ten (callers put the most important first) and counts the rest. */
const MAX_LISTED = 10;
const list = (items: readonly string[]): string => {
  if (items.length > MAX_LISTED) return `${items.slice(0, MAX_LISTED).join(', ')} and ${num(items.length - MAX_LISTED)} more`;
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
};
const money = (value: number): string => {
  const magnitude = Math.abs(value);
  if (magnitude >= 1e6) return `${num(value / 1e6, 2)} M PLN`;
  if (magnitude >= 1e4) return `${num(value / 1e3, 0)} k PLN`;
  return `${num(value, 0)} PLN`;
};
const plural = (count: number, one: string, many: string): string => (count === 1 ? one : many);
const beta = (form: 'exp' | 'pow', value: number): string => (form === 'exp' ? `β = ${num(value, 4)} per km` : `β = ${num(value, 4)}`);
const giniWord = (gini: number): string => (gini < 0.1 ? 'slightly' : gini < 0.25 ? 'moderately' : 'strongly');
const built = (items: readonly { kind: 'new' | 'expansion'; count?: number; name: string; places: number; unit: string; also: readonly string[] }[]): string =>
  list(
    items.map(
      (b) =>
        `${b.kind === 'new' ? ((b.count ?? 1) > 1 ? `${num(b.count!)} new facilities in` : 'a new facility in') : 'an expansion in'} ${b.name} (${num(b.places)} ${b.unit}${b.also.length > 0 ? `, also for ${list(b.also)}` : ''})`,
    ),
  );

const HTML: HtmlLabels = {
  number: num,
  signed: (value) => (Math.round(value) > 0 ? `+${num(Math.round(value))}` : num(Math.round(value))),
  money: (value) => (Math.abs(value) >= 1e6 ? `${num(value / 1e6, 2)} M PLN` : Math.abs(value) >= 1e4 ? `${num(value / 1e3)} k PLN` : `${num(value)} PLN`),
  cell: cellFormatter(
    num,
    (value) => `${num(value * 100, 1)} %`,
    (value) => `${num(value)} PLN`,
  ),
  yes: 'yes',
  no: 'no',
  figuresHeading: 'Charts and maps',
  moreColumns: (names) => `More columns: ${names.join(', ')}`,
  service: (name, unit) => `${name} (${unit})`,
  partner: 'partner',
  neighbour: 'neighbour (provider, not a partner)',
  balanceTitle: (service) => `${service}: supply − demand by municipality`,
  balanceAxis: (unit) => `supply − demand (${unit})`,
  surplus: 'surplus',
  deficit: 'deficit',
  balanceSummary: (service, unit, deficits, surpluses) => `Bar chart of supply minus demand of ${service} (${unit}) by municipality: ${deficits} with a deficit, ${surpluses} with a surplus.`,
  balanceItem: (name, value, partner) => `${name}: ${value}${partner ? ' (partner)' : ''}`,
  costTitle: (service) => `${service}: cost shares by rule`,
  costAxis: (millions) => (millions ? 'cost (million PLN)' : 'cost (PLN)'),
  rules: { standalone: 'going alone', byUse: 'by places used', byPopulation: 'by population', shapley: 'Shapley value', scrb: 'SCRB', nucleolus: 'nucleolus' },
  costSummary: (service, total, players) => `Bar chart of how ${players} partners would share the ${total} cost of ${service} under each rule, against going alone.`,
  costItem: (name, values) => `${name}: ${values.map((v) => `${v.rule} ${v.value}`).join(', ')}`,
  mapTitle: (service) => `${service}: flows between municipalities`,
  mapSummary: (service, drawn, largest) =>
    drawn === 0
      ? `Map of the partnership: no flows of ${service} between municipalities.`
      : `Map of the partnership with ${drawn} flows of ${service} between municipalities as arrows${largest ? `; the largest: ${largest}` : ''}.`,
  flowItem: (from, to, users) => `${from} → ${to}: ${users}`,
  flowWidth: 'residents using a place in another municipality',
  observedFlows: 'observed flows',
  estimatedFlows: 'flows estimated by the gravity model',
  hiddenFlows: (count, below) => `${num(count)} smaller ${count === 1 ? 'flow' : 'flows'} (under ${below}) not drawn`,
  omitted: (count) => `… ${num(count)} more not shown (see the tables)`,
  boundariesSource: 'Boundaries: PRG (GUGiK), simplified',
  noBoundaries: 'No boundaries given: municipalities are shown as points',
  serviceName: (service) => service.name,
  mainFlows: (shown, below, hidden) =>
    `Only the main flows are drawn: the ${num(shown)} largest, from ${below} residents up; ${num(hidden)} smaller ${plural(hidden, 'flow is', 'flows are')} left out (all of them are in flows.csv).`,
  coverageTitle: (service) => `${service}: coverage by municipality (places per resident in need)`,
  coverageSummary: (service, below, total) =>
    `Map of the coverage of ${service} (supply ÷ demand) in each municipality: ${below} of ${total} municipalities with demand have fewer places than residents in need.`,
  coverageItem: (name, value) => `${name}: ${value}`,
  coverageBin: (from, to) => (from === null ? `under ${pct(to)}` : to === null ? `${pct(from)} or more` : `${pct(from)} to under ${pct(to)}`),
  noDemand: 'no demand',
  coverageLegend: 'Coverage = places ÷ residents in need:',
};

const TERMINAL: TerminalWords = {
  unit: (unit) => unit,
  overview: (municipalities, partners, services) =>
    `${num(municipalities)} ${plural(municipalities, 'municipality', 'municipalities')} (${num(partners)} ${plural(partners, 'partner', 'partners')}), ${num(services)} ${plural(services, 'service', 'services')}`,
  estimated: 'no flows given: gravity estimate',
  partners: 'partners',
  inDeficit: 'in deficit',
  mainProvider: 'main provider',
  inequality: 'inequality',
  supply: (supply, demand, coverage) => `${num(supply)} for ${num(demand)} in need, coverage ${pct(coverage)}, unmet`,
  flowsEstimated: '(flows estimated)',
  moreInDeficit: (count) => `and ${num(count)} more (imbalance.csv)`,
  none: 'none',
  noProvider: 'none (no flows between municipalities)',
  provider: (name, inflow) => `${name}, ${num(inflow)} users from elsewhere`,
  fewPartners: 'fewer than two partners with demand',
  inequalityValues: (gini, theil, cv, maxMin) => `Gini ${num(gini, 2)} · Theil ${num(theil, 3)} · CV ${num(cv, 2)} · max/min ${maxMin === null ? '–' : num(maxMin, 2)}`,
  wrote: (files, folder) => `wrote ${files.join(', ')} to ${folder}/`,
};

export const EN: Messages = {
  terminal: TERMINAL,
  places: (count, unit) => `${num(count)} ${Math.round(count) === 1 ? unit.replace(/s$/, '') : unit}`,
  xlsx: { sheet: 'Notes', sheetColumn: 'Sheet', noteColumn: 'Note', table: 'Table' },
  html: HTML,
  serviceName: (service) => service.name,
  warning: (issue) => formatIssue(issue),
  lang: 'en',
  num,
  pct,
  signed: (value) => {
    const rounded = Math.round(value);
    return rounded > 0 ? `+${num(rounded)}` : rounded < 0 ? num(rounded) : '0';
  },
  money,
  list,
  yes: 'yes',
  no: 'no',
  classes: { underserved: 'underserved', hub: 'hub', dependent: 'dependent', 'self-sufficient': 'self-sufficient' },
  kinds: { urban: 'urban', rural: 'rural', 'urban-rural': 'urban-rural' },
  flowKinds: { observed: 'observed', estimated: 'estimated', calibrated: 'calibrated', notCalibrated: 'not calibrated', newFacility: 'new', expansion: 'expansion' },
  decay: { exp: 'exp(−βd)', pow: 'd^−β' },
  title: (name, year) => `${name}${year !== undefined ? ` (${year})` : ''}: public-service flows`,
  partnersCount: (partners, others) => `Partners: ${num(partners)} municipalities${others > 0 ? `; ${num(others)} more analysed as providers` : ''} (every one is in imbalance.csv).`,
  partnersLine: (partners, others) => `Partners: ${partners.join(', ')}.${others.length > 0 ? ` Also analysed as providers: ${others.join(', ')}.` : ''}`,
  headings: {
    findings: 'Findings',
    workingTogether: 'Working together.',
    gravity: 'Distance decay (gravity model)',
    graph: 'Flow graph, all services',
    warnings: 'Data warnings',
    service: (name, unit) => `${name} (${unit})`,
    agreements: (service) => `${service}: capacity-sharing agreements`,
    investments: (service) => `${service}: investments`,
    costSharing: (service, total) => `${service}: who pays (${total})`,
  },
  sheets: {
    agreements: (service) => `${service} agreements`,
    investments: (service) => `${service} investments`,
    costSharing: (service) => `${service} who pays`,
    gravity: 'Gravity model',
    graph: 'Flow graph',
  },
  columns: {
    municipality: 'Municipality',
    partner: 'Partner',
    supply: 'Supply',
    demand: 'Demand',
    balance: 'Balance',
    coverage: 'Coverage',
    inflow: 'Inflow',
    outflow: 'Outflow',
    net_flow: 'Net flow',
    local: 'Local',
    local_inferred: 'Local inferred',
    unmet: 'Unmet',
    spare: 'Spare',
    access_2sfca: 'Access (2SFCA)',
    class: 'Class',
    service: 'Service',
    flows: 'Flows',
    decay: 'Decay',
    beta: 'β',
    beta_se: 'β SE',
    alpha: 'α',
    alpha_se: 'α SE',
    pairs: 'Pairs',
    pseudo_r2: 'Pseudo-R²',
    srmse: 'SRMSE',
    sorensen: 'Sørensen',
    mean_trip_observed: 'Mean trip, observed km',
    mean_trip_modelled: 'Mean trip, modelled km',
    pagerank: 'PageRank',
    hub: 'Hub',
    authority: 'Authority',
    area: 'Area',
    buyer: 'Buyer',
    provider: 'Provider',
    places: 'Places',
    km: 'km',
    yearly_cost: 'Yearly cost (PLN)',
    type: 'Type',
    capex: 'Capex (PLN)',
    opex_per_year: 'Opex per year (PLN)',
    serves: 'Serves',
    mean_km: 'Mean km',
    max_km: 'Max km',
    standalone: 'Stand-alone',
    by_use: 'By use',
    by_population: 'By population',
    shapley: 'Shapley',
    shapley_se: 'Shapley SE',
    saving: 'Saving',
    shapley_core: 'Shapley in core',
    scrb: 'SCRB',
    nucleolus: 'Nucleolus',
    scrb_core: 'SCRB in core',
    nucleolus_core: 'Nucleolus in core',
    by_use_core: 'By use in core',
    by_population_core: 'By population in core',
  },
  notes: {
    imbalance: (catchment) => `Balance = supply − demand; net flow = inflow − outflow; access = places per resident in need within ${catchment} km (2SFCA).`,
    inferred: 'Local inferred: local use was not given and follows the local-first rule.',
    notPartner: 'Partner "no": a neighbour analysed as a provider.',
    estimated: 'Flows, local use, inflow, outflow and unmet demand are estimates of the capacity-aware gravity model.',
    gravity:
      'Production-constrained gravity model T_ij = O_i·W_j^α·f(d_ij) / Σ_k W_k^α·f(d_ik), W = capacity, over destinations within twice the catchment; calibrated by Poisson maximum likelihood with origin fixed effects where flows were observed. Sørensen = common part of observed and modelled flows.',
    graph: (density, reciprocity) => `Density ${density}, reciprocity ${reciprocity} of the flow volume. PageRank with damping 0.85 on flow weights; HITS scores sum to 1.`,
    costSharing: (lambda, complete) =>
      `Costs in PLN: investment plus λ = ${lambda} PLN per person-km; every group's cost serves the residents the plan serves of its members (those its own territory cannot serve at their outside option). SCRB: separable costs – remaining benefits; nucleolus: the split that makes the largest overpayment of any group as small as possible (blank when not computed). "In core": the municipality is in no group that would pay less by going alone${complete ? '' : ` (checked for every group within bill groups of up to ${EXACT_PLAYERS} partners; in larger bill groups for single municipalities, all-but-one groups and every group the sampled Shapley value costed, above ${SAMPLED_PLAYERS} partners for single municipalities only)`}.`,
    largestAgreements: (shown, total) => `The ${num(shown)} largest of ${num(total)} agreements (by places); all of them are in agreements.csv and report.xlsx.`,
    largestShortfalls: (shown, total) => `The ${num(shown)} of ${num(total)} municipalities with the largest unmet demand, then the largest deficit; all of them are in imbalance.csv and report.xlsx.`,
    highestPagerank: (shown, total) => `The ${num(shown)} of ${num(total)} municipalities with the highest PageRank; all of them are in graph.csv and report.xlsx.`,
    largestInvestments: (shown, total) => `The ${num(shown)} largest of ${num(total)} new facilities and expansions (by investment); all of them are in investments.csv and report.xlsx.`,
    largestStandalone: (shown, total) => `The ${num(shown)} of ${num(total)} partners with the largest stand-alone costs; all of them are in cost-sharing.csv and report.xlsx.`,
    footer: 'Generated by servflow from the dataset above; methods: servflow, docs/methods.md §1–§8.',
  },
  partnersHave: (supply, unit, demand, coverage, unmet, estimated) =>
    `The partners have ${num(supply)} ${unit} for ${num(demand)} residents in need (coverage ${pct(coverage)}); ${
      Math.round(unmet) > 0
        ? `${num(unmet)} of their residents have no place ${estimated ? 'within reach (estimated)' : 'anywhere'}`
        : estimated
          ? 'the estimated flows place every resident in need somewhere'
          : 'every resident in need is served'
    }.`,
  underserved: (items) => `Underserved: ${list(items.map((i) => `${i.name} (${num(i.unmet)} unserved, ${pct(i.share)} of demand)`))}.`,
  deficit: (unit, items) =>
    `${items.length === 1 ? 'One partner has' : `${num(items.length)} partners have`} fewer ${unit} than residents in need: ${list(items.map((i) => `${i.name} (${num(i.short)} short)`))}.`,
  noDeficit: (unit) => `No partner has fewer ${unit} than residents in need.`,
  mainProvider: (name, partner, inflow, attraction, fromPartners) =>
    `${name}${partner ? '' : ', not a partner,'} is the main provider: ${num(inflow)} of its users come from other municipalities (${pct(attraction)} of its users), ${num(fromPartners)} of them from partners.`,
  moreDependent: (count) => `${num(count)} more partners depend on others as much (dependency in imbalance.csv).`,
  dependsOn: (name, dependency, unit, top) => `${name} depends on others: ${pct(dependency)} of its served residents use ${unit} elsewhere${top ? `, mostly in ${top.name} (${num(top.users)})` : ''}.`,
  noPlaceWithinReach: (all, partners, reach) =>
    Math.round(all) > 0
      ? `By the capacity-aware estimate, ${num(all)} residents in need (${num(partners)} of them partners' residents) have no place within ${num(reach)} km: every place in their reach is taken, or there is none.`
      : `By the capacity-aware estimate, every resident in need has a place within ${num(reach)} km.`,
  decaySensitivity: (form, points, provider) =>
    `β is assumed, not observed: at ${beta(form, points[0].beta)} the partners' unmet demand would be ${num(points[0].unmet)}${provider ? ` and ${provider}'s inflow ${num(points[0].providerInflow)}` : ''}, at ${beta(form, points[2].beta)} ${num(points[2].unmet)}${provider ? ` and ${num(points[2].providerInflow)}` : ''} (${num(points[1].unmet)}${provider ? ` and ${num(points[1].providerInflow)}` : ''} at the β used).`,
  inferredLocal: (names) => `Local use of ${list(names)} was not given and is inferred (local-first rule).`,
  inequality: (gini, theil, cv, maxMin) =>
    `Coverage differs ${giniWord(gini)} between the partners (weighted by demand): Gini ${num(gini, 2)}, Theil ${num(theil, 3)}, coefficient of variation ${num(cv, 2)}, max/min ratio ${maxMin === null ? 'undefined (a partner has no places)' : num(maxMin, 2)}.`,
  gravityCalibrated: (form, value, se, alpha, sorensen, pseudoR2, meanTrip) =>
    `Use falls with distance: ${beta(form, value)} (standard error ${num(se, 4)}), α = ${num(alpha, 2)}; the calibrated gravity model reproduces ${num(sorensen * 100)} % of the observed flows (Sørensen index), pseudo-R² ${num(pseudoR2, 2)}, mean trip ${num(meanTrip, 1)} km.`,
  gravityEstimated: (form, value, source, donor, reach) =>
    `No flows between municipalities were observed for this service: they are estimated with a capacity-aware gravity model (${beta(form, value)}, ${
      source === 'decay_beta'
        ? 'set in services.csv'
        : source === 'parameter'
          ? 'the default_decay_beta parameter'
          : source === 'borrowed'
            ? `calibrated on the observed flows of ${donor} and assumed to hold for this service`
            : 'the built-in default'
    }; α = 1) from demand and capacity within ${num(reach)} km — no destination receives more than its places — so inflows, outflows, local use, unmet demand, dependency and attraction are model estimates.`,
  gravityFailed: (note) => `The gravity model could not be calibrated on the observed flows${note ? ` (${note})` : ''}.`,
  noAreas: 'No flows between municipalities were given, so there are no functional service areas to find.',
  areasIntro: (count, modularity) => `The flows form ${count} functional service ${plural(count, 'area', 'areas')} (Louvain communities of all flows, modularity ${num(modularity, 2)}):`,
  areaAround: (core, members) => `around ${core}: ${list(members)}`,
  areasAlone: (names) => `on their own: ${list(names)}`,
  sharingDeals: (unit, catchment, after, baseline, estimated, deals, yearly, places, incremental) =>
    `${incremental ? `Sharing ${unit} spare today` : `Reallocating all existing ${unit}`} within ${num(catchment)} km leaves ${num(after)} partner residents without a place, against ${num(baseline)} ${estimated ? 'if each partner served only its own residents' : 'today'}: ${list(
      deals.map((d) => `${d.buyer} buys ${list(d.items.map((i) => `${num(i.places)} in ${i.provider}`))}`),
    )} (${incremental ? `${num(places)} new ${plural(places, 'place', 'places')}, ${money(yearly)} a year of new running cost; everyone with a place today keeps it` : `${money(yearly)} a year at the running cost of a place`}).`,
  sharingBetterUse: (unit, after, baseline, estimated) =>
    `Using existing ${unit} better within each municipality leaves ${num(after)} partner residents without a place, against ${num(baseline)} ${estimated ? 'if each partner served only its own residents' : 'today'}.`,
  sharingNone: (unit, catchment) => `Sharing existing ${unit} cannot serve more partner residents: no partner with spare capacity is within ${num(catchment)} km of one in need.`,
  plan: (residents, optimal, gap, items, investment, opex) =>
    `For the ${num(residents)} residents left, ${optimal ? 'the least-cost plan (proved optimal)' : `the best plan found within the solver's limits, at most ${num(gap * 100, 1)} % above the best possible`} is ${built(items)}: ${money(investment)} to build and ${money(opex)} a year to run.`,
  planBudget: (budget, left, optimal, items, served, investment, opex) =>
    `With a budget of ${money(budget)}, the plan that serves the most of the ${num(left)} residents left${optimal ? ' (proved optimal)' : ''} is ${built(items)}: it serves ${num(served)}, costs ${money(investment)} to build and ${money(opex)} a year to run.`,
  noInvestment: 'No investment is needed: sharing serves every partner resident in need.',
  unreachable: (items, catchment) =>
    `${list(items.map((i) => `${num(i.residents)} ${plural(i.residents, 'resident', 'residents')} of ${i.name}`))} cannot reach any candidate site within ${num(catchment)} km: no facility of the partnership could serve them.`,
  unservedInBudget: (residents) => `Within the budget, ${num(residents)} residents remain unserved.`,
  capacityShort: (residents) => `${num(residents)} residents remain unserved even so: the candidate sites within reach cannot hold them (expansions at their cap, no site for a new facility).`,
  withoutBudget: (total) => `The bill split below is the budgeted plan's: ${money(total)} to serve the residents it serves.`,
  shapleySplit: (total, exact, permutations, shares) =>
    `Splitting the ${money(total)} by the Shapley value${exact ? '' : ` (Monte-Carlo, ${permutations} permutations)`}: ${list(
      shares.map(
        (s) =>
          `${s.name} ${money(s.share)}${exact || !(s.se > 0) ? '' : ` (± ${money(s.se)})`}${s.saving > 0.5 ? `, saving ${money(s.saving)} against going alone` : s.saving < -0.5 ? `, paying ${money(-s.saving)} more than going alone` : ''}`,
      ),
    )}.`,
  largeGroups: (players, limit) =>
    `For ${num(players)} ${plural(players, 'partner', 'partners')} in facility groups of more than ${num(limit)} the Shapley value and SCRB are not computed (each would need hundreds of coalition plans as large as the group's); their bills are split by the LP-dual core allocation where the relaxation allows, and in proportion to places used or to population (docs/methods.md §8).`,
  coalitionCostGap: (percent, solves, exact, provedWithin) =>
    `In facility groups of more than ${num(exact)} partners a coalition's cost comes from branch and bound (at most ${num(solves)} LP solves), else from HiGHS's MILP solver, each stopping at a plan within ${num(provedWithin * 100, 2)} % of its bound; every coalition cost is thus at most ${num(percent, Math.min(6, Math.max(1, 1 - Math.floor(Math.log10(percent)))))} % above the least cost possible (docs/methods.md §8).`,
  otherRules: (scrb, nucleolus, negative, nucleolusEverywhere = true) =>
    `By separable costs – remaining benefits (SCRB): ${list(scrb.map((s) => `${s.name} ${money(s.share)}`))}${
      negative.length > 0
        ? ` (${list(negative)} would gain less than ${plural(negative.length, 'its', 'their')} separable cost, so ${negative.length === 1 ? 'it pays' : 'they pay'} that cost and no part of the rest)`
        : ''
    }. ${
      nucleolus
        ? `By the nucleolus${nucleolusEverywhere ? '' : ', in the bill groups where it is computed (at most 12 players, stand-alone costs that cover the bill)'}: ${list(nucleolus.map((s) => `${s.name} ${money(s.share)}`))}.`
        : 'The nucleolus is not computed here (more than 12 players in a group, or the stand-alone costs add up to less than the bill).'
    }`,
  outsideOption: (items) =>
    `Stand-alone costs serve the same residents as the plan: ${list(items.map((i) => `${num(i.residents)} ${plural(i.residents, 'resident', 'residents')} of ${i.name}`))} cannot be served inside ${items.length === 1 ? 'its own territory' : 'their own territories'} and are priced at their outside option (the cheapest plan with every candidate site in reach, per resident).`,
  ruleNotInCore: (rule, members, excess, violations) =>
    `Warning: ${rule === 'by_use' ? 'shares proportional to places used' : rule === 'by_population' ? 'shares proportional to population' : rule === 'scrb' ? 'SCRB shares' : 'nucleolus shares'} would charge ${list(members)} ${money(excess)} more than ${members.length === 1 ? 'going alone' : 'they would pay by going alone together'} — that rule is not in the core (${violations} ${plural(violations, 'coalition', 'coalitions')} would be better off alone), so it is not a stable agreement.`,
  shapleyNotInCore: (violations) =>
    `Even the Shapley value leaves ${violations} ${plural(violations, 'coalition', 'coalitions')} paying more than going alone: the core may be empty here, and the split needs negotiation.`,
};
