/**
 * Findings in sentences, the part of a report an adviser pastes into a
 * partnership document: who lacks what, who depends on whom, how unequal
 * the partners are. Pure: analysis in, plain sentences out (the format adds
 * markup and escaping).
 */
import type { Analysis, ServiceAnalysis } from '../analysis/analyze.js';
import { humanNumber, percent } from './format.js';
import { gravitySentence } from './gravity-text.js';

export interface ServiceFindings {
  readonly service: string;
  readonly sentences: readonly string[];
}

/** How much coverage differs, from the Gini coefficient (below 0.1 slight, below 0.25 moderate). */
export function giniWord(gini: number): string {
  if (gini < 0.1) return 'slightly';
  if (gini < 0.25) return 'moderately';
  return 'strongly';
}

function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function serviceFindings(analysis: Analysis, result: ServiceAnalysis, names: readonly string[]): ServiceFindings {
  const { municipalities } = analysis.dataset;
  const rows = result.municipalities;
  const partners = rows.map((_, i) => i).filter((i) => municipalities[i].partner);
  const unit = result.service.unit;
  const sentences: string[] = [];
  const p = result.partners;
  sentences.push(
    `The partners have ${humanNumber(p.supply)} ${unit} for ${humanNumber(p.demand)} residents in need (coverage ${percent(p.coverage)}); ${
      Math.round(p.unmet) > 0 ? `${humanNumber(p.unmet)} of their residents have no place anywhere` : result.flowsEstimated ? 'the estimated flows place every resident in need somewhere' : 'every resident in need is served'
    }.`,
  );
  const underserved = partners.filter((i) => rows[i].class === 'underserved');
  if (underserved.length > 0) {
    sentences.push(`Underserved: ${list(underserved.map((i) => `${names[i]} (${humanNumber(rows[i].unmet)} unserved, ${percent(rows[i].unmet / rows[i].demand)} of demand)`))}.`);
  }
  const deficit = partners.filter((i) => rows[i].balance < 0).sort((a, b) => rows[a].balance - rows[b].balance);
  if (deficit.length > 0) {
    sentences.push(`${deficit.length === 1 ? 'One partner has' : `${deficit.length} partners have`} fewer ${unit} than residents in need: ${list(deficit.map((i) => `${names[i]} (${humanNumber(-rows[i].balance)} short)`))}.`);
  } else sentences.push(`No partner has fewer ${unit} than residents in need.`);
  const provider = mainProvider(result);
  if (provider !== undefined && rows[provider].inflow > 0) {
    const fromPartners = result.flows.filter((f) => f.destination === provider && f.origin !== provider && municipalities[f.origin].partner).reduce((sum, f) => sum + f.users, 0);
    sentences.push(
      `${names[provider]}${municipalities[provider].partner ? '' : ', not a partner,'} is the main provider: ${humanNumber(rows[provider].inflow)} of its users come from other municipalities (${percent(rows[provider].attraction)} of its users), ${humanNumber(fromPartners)} of them from partners.`,
    );
  }
  const dependent = partners.filter((i) => (rows[i].dependency ?? 0) >= analysis.dataset.parameters.dependentShare || rows[i].class === 'dependent');
  if (dependent.length > 0) {
    const top = largestOutflows(result);
    for (const i of dependent) {
      const flow = top.get(i);
      sentences.push(`${names[i]} depends on others: ${percent(rows[i].dependency)} of its served residents use ${unit} elsewhere${flow ? `, mostly in ${names[flow.destination]} (${humanNumber(flow.users)})` : ''}.`);
    }
  }
  sentences.push(gravitySentence(result.service, result.gravity, result.flowsEstimated));
  if (result.flowsEstimated) {
    const over = rows.reduce((sum, row) => sum + Math.max(0, row.users - row.supply), 0);
    if (Math.round(over) > 0) {
      sentences.push(`A production-constrained model sends every resident in need somewhere and ignores capacity: the estimate puts ${humanNumber(over)} users above the places available, which is where the shortage shows.`);
    }
  }
  if (result.flowsObserved) {
    const inferred = partners.filter((i) => rows[i].localInferred);
    if (inferred.length > 0) sentences.push(`Local use of ${list(inferred.map((i) => names[i]))} was not given and is inferred (local-first rule).`);
  }
  const inequality = result.inequality;
  if (inequality.municipalities >= 2 && inequality.gini !== null) {
    sentences.push(
      `Coverage differs ${giniWord(inequality.gini)} between the partners (weighted by demand): Gini ${humanNumber(inequality.gini, 2)}, Theil ${humanNumber(inequality.theil, 3)}, coefficient of variation ${humanNumber(inequality.cv, 2)}, max/min ratio ${inequality.maxMinRatio === null ? 'undefined (a partner has no places)' : humanNumber(inequality.maxMinRatio, 2)}.`,
    );
  }
  return { service: result.service.name, sentences };
}

/** The largest flow to another municipality, per origin (one pass over the flows). */
function largestOutflows(result: ServiceAnalysis): Map<number, { destination: number; users: number }> {
  const top = new Map<number, { destination: number; users: number }>();
  for (const flow of result.flows) {
    if (flow.origin === flow.destination) continue;
    const best = top.get(flow.origin);
    if (!best || flow.users > best.users) top.set(flow.origin, { destination: flow.destination, users: flow.users });
  }
  return top;
}

/** The municipality with the largest inflow (ties: first by id); undefined without flows. */
export function mainProvider(result: ServiceAnalysis): number | undefined {
  let best: number | undefined;
  result.municipalities.forEach((row, i) => {
    if (row.inflow > 0 && (best === undefined || row.inflow > result.municipalities[best].inflow)) best = i;
  });
  return best;
}

/** Sentences about the functional service areas of the combined graph. */
export function areaFindings(analysis: Analysis, names: readonly string[]): string[] {
  const { areas, dataset } = analysis;
  if (areas.modularity === null) return ['No flows between municipalities were given, so there are no functional service areas to find.'];
  const groups = Array.from({ length: areas.count }, (_, a) => dataset.municipalities.map((_, i) => i).filter((i) => areas.area[i] === a + 1));
  const shared = groups.filter((members) => members.length > 1);
  const sentences = [
    `The flows form ${shared.length} functional service area${shared.length === 1 ? '' : 's'} (Louvain communities of all flows, modularity ${humanNumber(areas.modularity, 2)}):`,
  ];
  shared.forEach((members) => {
    const core = areas.core[areas.area[members[0]] - 1];
    sentences.push(`around ${names[core]}: ${list(members.filter((i) => i !== core).map((i) => names[i]))}`);
  });
  const alone = groups.filter((members) => members.length === 1).map((members) => names[members[0]]);
  if (alone.length > 0) sentences.push(`on their own: ${list(alone)}`);
  return sentences;
}
