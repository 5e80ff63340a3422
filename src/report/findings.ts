/**
 * Findings in sentences, the part of a report an adviser pastes into a
 * partnership document: who lacks what, who depends on whom, how unequal
 * the partners are. Pure: analysis in, sentences in the catalogue's
 * language out (renderers add markup and escaping).
 */
import type { Analysis, ServiceAnalysis } from '../analysis/analyze.js';
import { largestInflow } from '../analysis/gravity/sensitivity.js';
import { gravityReachKm } from '../analysis/gravity/service-gravity.js';
import type { Messages } from './i18n/messages.js';

/** Dependent partners given a sentence each; beyond this (a national analysis) the most dependent and a count. */
export const MAX_DEPENDENT_SENTENCES = 10;

export function serviceFindings(analysis: Analysis, result: ServiceAnalysis, names: readonly string[], m: Messages): string[] {
  const { municipalities } = analysis.dataset;
  const rows = result.municipalities;
  const partners = rows.map((_, i) => i).filter((i) => municipalities[i].partner);
  const unit = result.service.unit;
  const sentences: string[] = [];
  const p = result.partners;
  sentences.push(m.partnersHave(p.supply, unit, p.demand, p.coverage, p.unmet, result.flowsEstimated));
  // The largest first: a national list names only the first few.
  const underserved = partners.filter((i) => rows[i].class === 'underserved').sort((a, b) => rows[b].unmet - rows[a].unmet || a - b);
  if (underserved.length > 0) sentences.push(m.underserved(underserved.map((i) => ({ name: names[i], unmet: rows[i].unmet, share: rows[i].unmet / rows[i].demand }))));
  const deficit = partners.filter((i) => rows[i].balance < 0).sort((a, b) => rows[a].balance - rows[b].balance);
  sentences.push(
    deficit.length > 0
      ? m.deficit(
          unit,
          deficit.map((i) => ({ name: names[i], short: -rows[i].balance })),
        )
      : m.noDeficit(unit),
  );
  const provider = mainProvider(result);
  if (provider !== undefined && rows[provider].inflow > 0) {
    const { flows } = result;
    let fromPartners = 0;
    for (let k = 0; k < flows.length; k++) if (flows.destination[k] === provider && flows.origin[k] !== provider && municipalities[flows.origin[k]].partner) fromPartners += flows.users[k];
    sentences.push(m.mainProvider(names[provider], municipalities[provider].partner, rows[provider].inflow, rows[provider].attraction, fromPartners));
  }
  const dependent = partners.filter((i) => (rows[i].dependency ?? 0) >= analysis.parameters.dependentShare || rows[i].class === 'dependent');
  if (dependent.length > 0) {
    const top = largestOutflows(result);
    // A sentence each for a partnership's dependent partners; nationally, the most dependent few and a count.
    const named =
      dependent.length > MAX_DEPENDENT_SENTENCES ? [...dependent].sort((a, b) => (rows[b].dependency ?? 0) - (rows[a].dependency ?? 0) || a - b).slice(0, MAX_DEPENDENT_SENTENCES) : dependent;
    for (const i of named) {
      const flow = top.get(i);
      sentences.push(m.dependsOn(names[i], rows[i].dependency, unit, flow ? { name: names[flow.destination], users: flow.users } : undefined));
    }
    if (named.length < dependent.length) sentences.push(m.moreDependent(dependent.length - named.length));
  }
  const { gravity } = result;
  if (gravity.fit) {
    const fit = gravity.fit;
    sentences.push(m.gravityCalibrated(gravity.form, gravity.beta, fit.betaSE, gravity.alpha, fit.sorensen, fit.pseudoR2, fit.meanTripObserved));
  } else if (result.flowsEstimated) sentences.push(m.gravityEstimated(gravity.form, gravity.beta, gravity.source, donorName(analysis, gravity.borrowedFrom, m), gravityReachKm(result.service)));
  else sentences.push(m.gravityFailed(gravity.note));
  if (result.flowsEstimated) {
    sentences.push(m.noPlaceWithinReach(result.all.unmet, result.partners.unmet, gravityReachKm(result.service)));
    const { sensitivity } = result;
    if (sensitivity) sentences.push(m.decaySensitivity(gravity.form, sensitivity.points, sensitivity.provider === undefined ? undefined : names[sensitivity.provider]));
  } else {
    const inferred = partners.filter((i) => rows[i].localInferred);
    if (inferred.length > 0) sentences.push(m.inferredLocal(inferred.map((i) => names[i])));
  }
  const inequality = result.inequality;
  if (inequality.municipalities >= 2 && inequality.gini !== null) sentences.push(m.inequality(inequality.gini, inequality.theil, inequality.cv, inequality.maxMinRatio));
  return sentences;
}

/** The largest flow to another municipality, per origin (one pass over the flows). */
function largestOutflows(result: ServiceAnalysis): Map<number, { destination: number; users: number }> {
  const top = new Map<number, { destination: number; users: number }>();
  const { origin, destination, users } = result.flows;
  for (let k = 0; k < result.flows.length; k++) {
    if (origin[k] === destination[k]) continue;
    const best = top.get(origin[k]);
    if (!best || users[k] > best.users) top.set(origin[k], { destination: destination[k], users: users[k] });
  }
  return top;
}

/** The municipality with the largest inflow (ties: first by id); undefined without flows. */
export function mainProvider(result: ServiceAnalysis): number | undefined {
  return largestInflow(result.municipalities);
}

/** The functional service areas of the combined graph: an intro sentence and one item per area. */
export function areaFindings(analysis: Analysis, names: readonly string[], m: Messages): { intro: string; items: string[] } {
  const { areas, dataset } = analysis;
  if (areas.modularity === null) return { intro: m.noAreas, items: [] };
  const groups = Array.from({ length: areas.count }, (_, a) => dataset.municipalities.map((_, i) => i).filter((i) => areas.area[i] === a + 1));
  const shared = groups.filter((members) => members.length > 1);
  const items = shared.map((members) => {
    const core = areas.core[areas.area[members[0]] - 1];
    return m.areaAround(
      names[core],
      members.filter((i) => i !== core).map((i) => names[i]),
    );
  });
  const alone = groups.filter((members) => members.length === 1).map((members) => names[members[0]]);
  if (alone.length > 0) items.push(m.areasAlone(alone));
  return { intro: m.areasIntro(shared.length, areas.modularity), items };
}

/** The name, in the report's language, of the service whose β was borrowed. */
function donorName(analysis: Analysis, id: string | undefined, m: Messages): string | undefined {
  const service = id === undefined ? undefined : analysis.dataset.services.find((candidate) => candidate.id === id);
  return service ? m.serviceName(service) : id;
}
