/**
 * summary.json (CLI.md): everything in one document, schema `servflow/1`.
 * Keys are snake_case, numbers rounded to 9 decimals, rows in canonical
 * order (services, then municipalities by id): byte-identical for the same
 * input. Layout (json-text.ts): objects indented, arrays of objects one
 * element per line.
 */
import type { Analysis, ServiceAnalysis, Totals } from '../../analysis/analyze.js';
import type { GraphMeasures } from '../../analysis/flow-graph/graph-metrics.js';
import type { Inequality } from '../../analysis/imbalance/inequality.js';
import type { ServiceGravity } from '../../analysis/gravity/service-gravity.js';
import type { ServiceCooperation } from '../../analysis/cooperation.js';
import { SAMPLED_PLAYERS } from '../../analysis/cost-sharing/bill-groups.js';
import { shapleySaving } from '../../analysis/cost-sharing/cost-sharing-result.js';
import { EXACT_PLAYERS, type CoreCheck } from '../../analysis/cost-sharing/shapley.js';
import type { Issue } from '../../model/issue.js';
import { PARAMETER_NAMES } from '../../model/parameters.js';
import { JSON_DECIMALS, round } from '../../engines/number-format.js';
import { jsonText, JsonRows, type Json } from '../json-text.js';

export const SCHEMA = 'servflow/1';

const num = (value: number | null | undefined): number | null => (value === null || value === undefined || !Number.isFinite(value) ? null : round(value, JSON_DECIMALS));

function totalsJson(totals: Totals): Json {
  return {
    supply: num(totals.supply),
    demand: num(totals.demand),
    balance: num(totals.balance),
    coverage: num(totals.coverage),
    served_residents: num(totals.servedResidents),
    unmet: num(totals.unmet),
    spare: num(totals.spare),
  };
}

function inequalityJson(inequality: Inequality): Json {
  return {
    municipalities: inequality.municipalities,
    mean_coverage: num(inequality.meanCoverage),
    gini: num(inequality.gini),
    theil: num(inequality.theil),
    cv: num(inequality.cv),
    max_min_ratio: num(inequality.maxMinRatio),
  };
}

function graphJson(measures: GraphMeasures): Json {
  return {
    nodes: measures.order,
    edges: measures.edges,
    volume: num(measures.volume),
    density: num(measures.density),
    reciprocity: num(measures.reciprocity),
    hits_converged: measures.hitsConverged,
  };
}

function nodeJson(measures: GraphMeasures, i: number): Json {
  const { nodes } = measures;
  return {
    in_degree: nodes.inDegree[i],
    out_degree: nodes.outDegree[i],
    weighted_in_degree: num(nodes.weightedInDegree[i]),
    weighted_out_degree: num(nodes.weightedOutDegree[i]),
    pagerank: num(nodes.pagerank[i]),
    hub: measures.hitsConverged ? num(nodes.hub[i]) : null,
    authority: measures.hitsConverged ? num(nodes.authority[i]) : null,
  };
}

/** The gravity model of a service (§4), as in summary.json and `servflow model --json`. */
export function gravityJson(gravity: ServiceGravity): Json {
  const fit = gravity.fit;
  return {
    form: gravity.form,
    source: gravity.source,
    constraint: gravity.fit ? (gravity.constraint ?? 'production') : null,
    alpha: gravity.constraint === 'doubly' ? null : num(gravity.alpha),
    beta: num(gravity.beta),
    alpha_se: num(fit?.alphaSE),
    beta_se: num(fit?.betaSE),
    alpha_fixed: fit ? fit.alphaFixed : true,
    note: gravity.note ?? null,
    pairs: fit ? fit.pairs : null,
    origins: fit ? fit.origins : null,
    iterations: fit ? fit.iterations : null,
    log_likelihood: num(fit?.logLikelihood),
    deviance: num(fit?.deviance),
    null_deviance: num(fit?.nullDeviance),
    pseudo_r2: num(fit?.pseudoR2),
    srmse: num(fit?.srmse),
    sorensen: num(fit?.sorensen),
    mean_trip_km_observed: num(fit?.meanTripObserved),
    mean_trip_km_modelled: num(fit?.meanTripModelled),
    borrowed_from: gravity.borrowedFrom ?? null,
    capacity: gravity.capacity ? { binds: gravity.capacity.binds, short_origins: gravity.capacity.shortOrigins, iterations: gravity.capacity.iterations, converged: gravity.capacity.converged } : null,
    flows_left_out: gravity.flowsOutside,
    users_left_out: num(gravity.usersOutside),
  };
}

function coreJson(check: CoreCheck, ids: readonly string[]): Json {
  return {
    complete: check.complete,
    coalitions_checked: check.checked,
    violations: check.violations.slice(0, 50).map((v) => ({ coalition: v.coalition.map((k) => ids[k]), excess: num(v.excess) })),
    violations_total: check.violations.length,
  };
}

/** §5–§7 of one service. */
export function cooperationJson(analysis: Analysis, c: ServiceCooperation): Json {
  const ids = analysis.dataset.municipalities.map((m) => m.id);
  const s = c.costSharing;
  const players = s.players.map((i) => ids[i]);
  return {
    sharing: {
      mode: c.mode,
      new_places: num(c.agreedPlaces),
      new_yearly_cost: num(c.agreedYearlyCost),
      served: num(c.sharing.served),
      person_km: num(c.sharing.personKm),
      clusters: c.sharing.clusters,
      unmet_before: num(c.unmetBefore),
      unmet_after: num(c.unmetAfter),
      unmet_self_reliant: num(c.unmetSelfReliant),
      gain_vs_status_quo: num(c.unmetBefore - c.unmetAfter),
      gain_vs_self_reliance: num(c.unmetSelfReliant - c.unmetAfter),
      residual: analysis.dataset.municipalities.flatMap((m, i) => (m.partner && c.sharing.unmet[i] > 0 ? [{ id: m.id, residents: num(c.sharing.unmet[i]) }] : [])),
    },
    agreements: c.agreements.map((a) => ({ buyer: ids[a.buyer], provider: ids[a.provider], places: num(a.places), km: num(a.km), yearly_cost: num(a.yearlyCost) })),
    investment: {
      investment: num(c.investment.investment),
      opex_per_year: num(c.investment.opexPerYear),
      person_km: num(c.investment.personKm),
      cost: num(c.investment.cost),
      served: num(c.investment.served),
      unreachable: c.investment.unreachable.map((u) => ({ id: ids[u.municipality], residents: num(u.residents) })),
      unserved_in_budget: num(c.investment.unservedInBudget),
      unserved_capacity: num(c.investment.unservedCapacity),
      left_unserved: num(c.investment.unreachable.reduce((sum, u) => sum + u.residents, 0) + c.investment.unservedInBudget + c.investment.unservedCapacity),
      clusters: c.investment.clusters,
      methods: [...c.investment.methods],
      optimal: c.investment.optimal,
      bound: num(c.investment.bound),
      gap: num(c.investment.gap),
      facilities: c.investment.facilities.map((f) => ({
        municipality: ids[f.municipality],
        type: f.kind,
        count: f.count,
        places: num(f.places),
        capex: num(f.capex),
        opex_per_year: num(f.opexPerYear),
        serves: f.serves.map((x) => ({ municipality: ids[x.municipality], residents: num(x.residents), km: num(x.km) })),
        mean_km: num(f.meanKm),
        max_km: num(f.maxKm),
      })),
    },
    cost_sharing: {
      players,
      grand_cost: num(s.grandCost),
      budgeted_plan: c.investment.budget !== undefined,
      shapley_exact: s.exact,
      permutations: s.permutations,
      games: s.games,
      nucleolus_computed: s.nucleolusComplete,
      shapley_computed: s.shapleyComplete,
      scrb_negative_remaining: s.scrbNegative.map((k) => players[k]),
      game: s.game,
      groups: s.groups.map((group) => ({
        players: group.members.map((k) => players[k]),
        bill: num(group.bill),
        shapley: !group.shapley.computed
          ? group.shapley.reason
          : group.shapleyExact
            ? 'exact'
            : `sampled: ${group.permutations} permutations (antithetic pairs), ${group.permutations * group.members.length} marginal costs`,
        scrb: group.scrb.computed ? 'computed' : group.scrb.reason,
        coalition_costs_evaluated: group.evaluations,
        // Groups whose Shapley value is sampled take coalition costs within a solve limit: the largest gap to a bound.
        ...(group.members.length > EXACT_PLAYERS ? { coalition_cost_gap: num(group.costGap) } : {}),
        nucleolus: group.nucleolus.computed ? 'computed' : group.nucleolus.reason,
        core_allocation: group.coreAllocation.computed ? 'computed' : group.coreAllocation.reason,
        core_checked: group.coreComplete ? 'every coalition' : group.members.length > SAMPLED_PLAYERS ? 'single members' : 'singletons, complements and sampled coalitions',
      })),
      shares: s.players.map((_, k) => ({
        municipality: players[k],
        standalone: num(s.standalone[k]),
        by_use: num(s.byUse[k]),
        by_population: num(s.byPopulation[k]),
        shapley: num(s.shapley[k]),
        shapley_se: num(s.shapleySE[k]),
        scrb: num(s.scrb[k]),
        nucleolus: s.nucleolus && !Number.isNaN(s.nucleolus[k]) ? num(s.nucleolus[k]) : null,
        saving: num(shapleySaving(s, k)),
        residents: num(s.residents[k]),
        outside_option_residents: num(s.outsideResidents[k]),
        core_allocation: Number.isNaN(s.coreAllocation[k]) ? null : num(s.coreAllocation[k]),
      })),
      core: {
        shapley: coreJson(s.core.shapley, players),
        scrb: coreJson(s.core.scrb, players),
        nucleolus: s.core.nucleolus ? coreJson(s.core.nucleolus, players) : null,
        by_use: coreJson(s.core.by_use, players),
        by_population: coreJson(s.core.by_population, players),
        core_allocation: coreJson(s.core.core_allocation, players),
      },
    },
  };
}

function serviceJson(analysis: Analysis, result: ServiceAnalysis): Json {
  const ids = analysis.dataset.municipalities.map((m) => m.id);
  const { service } = result;
  return {
    id: service.id,
    name: service.name,
    unit: service.unit,
    catchment_km: num(service.catchmentKm),
    flows: result.flowsObserved ? 'observed' : 'estimated',
    gravity: gravityJson(result.gravity),
    decay_sensitivity: result.sensitivity
      ? {
          main_provider: result.sensitivity.provider === undefined ? null : ids[result.sensitivity.provider],
          points: result.sensitivity.points.map((p) => ({ beta: num(p.beta), partners_unmet: num(p.unmet), main_provider_inflow: num(p.providerInflow) })),
        }
      : null,
    accessibility: { catchment_km: num(service.catchmentKm), unreached_supply: num(result.accessibility.unreachedSupply) },
    partners: totalsJson(result.partners),
    all_municipalities: totalsJson(result.all),
    inequality: inequalityJson(result.inequality),
    classes: { ...result.classes },
    graph: graphJson(result.graph),
    municipalities: result.municipalities.map((row, i) => ({
      id: ids[i],
      supply: num(row.supply),
      demand: num(row.demand),
      balance: num(row.balance),
      coverage: num(row.coverage),
      inflow: num(row.inflow),
      outflow: num(row.outflow),
      net_flow: num(row.netFlow),
      local: num(row.local),
      local_inferred: row.localInferred,
      served_residents: num(row.servedResidents),
      users: num(row.users),
      unmet: num(row.unmet),
      spare: num(row.spare),
      self_sufficiency: num(row.selfSufficiency),
      dependency: num(row.dependency),
      attraction: num(row.attraction),
      access_2sfca: num(result.accessibility.access[i]),
      class: row.class,
      graph: nodeJson(result.graph, i),
    })),
    cooperation: result.cooperation ? cooperationJson(analysis, result.cooperation) : null,
    flow_list: flowList(analysis, result),
  };
}

/** `{"origin", "destination", "users", "km", "estimated", "inferred"}` per flow, written as text: there are hundreds of thousands. */
function flowList(analysis: Analysis, result: ServiceAnalysis): JsonRows {
  const ids = analysis.dataset.municipalities.map((m) => JSON.stringify(m.id));
  const { flows } = result;
  const estimated = flows.estimated ? ',"estimated":true' : ',"estimated":false';
  return new JsonRows(flows.length, (out, k) => {
    out.add('{"origin":');
    out.add(ids[flows.origin[k]]);
    out.add(',"destination":');
    out.add(ids[flows.destination[k]]);
    out.add(',"users":');
    out.addJsonNumber(flows.users[k]);
    out.add(',"km":');
    out.addJsonNumber(flows.km[k]);
    out.add(estimated);
    out.add(flows.inferred[k] === 1 ? ',"inferred":true}' : ',"inferred":false}');
  });
}

/** The whole document as UTF-8; `warnings` carry file names relative to the dataset folder. */
export function summaryJson(analysis: Analysis, warnings: readonly Issue[]): Uint8Array {
  const { dataset } = analysis;
  const parameters: Record<string, Json> = {};
  for (const [name, field] of Object.entries(PARAMETER_NAMES)) {
    const value = analysis.parameters[field];
    parameters[name] = typeof value === 'number' ? num(value) : value;
  }
  const document: Json = {
    schema: SCHEMA,
    dataset: {
      name: dataset.name,
      year: dataset.year ?? null,
      municipalities: dataset.municipalities.length,
      partners: dataset.municipalities.filter((m) => m.partner).length,
      services: analysis.services.map((result) => result.service.id),
    },
    parameters,
    warnings: warnings.map((issue) => ({ severity: issue.severity, file: issue.file, line: issue.line, column: issue.column, code: issue.code, message: issue.message })),
    municipalities: dataset.municipalities.map((m, i) => ({
      id: m.id,
      name: m.name,
      kind: m.kind ?? null,
      county: m.county ?? null,
      population: m.population,
      lat: num(m.lat),
      lon: num(m.lon),
      area_km2: num(m.areaKm2),
      partner: m.partner,
      candidate: m.candidate,
      area: analysis.areas.area[i],
    })),
    services: analysis.services.map((result) => serviceJson(analysis, result)),
    combined_graph: {
      ...(graphJson(analysis.combined) as Record<string, Json>),
      modularity: num(analysis.areas.modularity),
      areas: Array.from({ length: analysis.areas.count }, (_, a) => ({
        area: a + 1,
        core: dataset.municipalities[analysis.areas.core[a]].id,
        members: dataset.municipalities.filter((_, i) => analysis.areas.area[i] === a + 1).map((m) => m.id),
      })),
      municipalities: dataset.municipalities.map((m, i) => ({ id: m.id, ...(nodeJson(analysis.combined, i) as Record<string, Json>) })),
    },
  };
  // About 140 bytes a flow and 700 a municipality per service.
  const flows = analysis.services.reduce((total, result) => total + result.flows.length, 0);
  return jsonText(document, 150 * flows + 800 * dataset.municipalities.length * (analysis.services.length + 2) + 65_536);
}
