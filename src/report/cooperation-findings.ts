/**
 * The cooperation part of a report (METHODS.md §5–§7) in sentences: what to
 * share, what to build, who pays — and when a simple rule would charge a
 * group more than going alone. Wording from the language catalogue.
 */
import type { ServiceCooperation } from '../analysis/cooperation.js';
import { SAMPLED_GAP, SAMPLED_PLAYERS, SAMPLED_SOLVES } from '../analysis/cost-sharing/bill-groups.js';
import { allocationInCore, shapleySaving } from '../analysis/cost-sharing/cost-sharing-result.js';
import { EXACT_PLAYERS } from '../analysis/cost-sharing/shapley.js';
import type { Messages } from './i18n/messages.js';

export function cooperationSentences(c: ServiceCooperation, names: readonly string[], estimated: boolean, m: Messages): string[] {
  const sentences: string[] = [];
  const unit = c.service.unit;
  // Incremental sharing starts from today (estimated or observed); full reallocation from self-reliance when flows are estimated.
  const incremental = c.mode === 'incremental';
  const baselineEstimated = estimated && !incremental;
  const baseline = baselineEstimated ? c.unmetSelfReliant : c.unmetBefore;
  if (c.agreements.length > 0) {
    const byBuyer = new Map<number, { provider: string; places: number }[]>();
    for (const a of c.agreements) {
      const items = byBuyer.get(a.buyer) ?? [];
      items.push({ provider: names[a.provider], places: a.places });
      byBuyer.set(a.buyer, items);
    }
    // The buyers of most places first (a national list names only the first few).
    const bought = (items: readonly { places: number }[]): number => items.reduce((sum, item) => sum + item.places, 0);
    const deals = [...byBuyer].sort(([a, x], [b, y]) => bought(y) - bought(x) || a - b);
    sentences.push(
      m.sharingDeals(
        unit,
        c.service.catchmentKm,
        c.unmetAfter,
        baseline,
        baselineEstimated,
        deals.map(([buyer, items]) => ({ buyer: names[buyer], items })),
        c.agreedYearlyCost,
        c.agreedPlaces,
        incremental,
      ),
    );
  } else if (c.unmetAfter < baseline - 0.5) sentences.push(m.sharingBetterUse(unit, c.unmetAfter, baseline, baselineEstimated));
  else if (!(incremental && baseline <= 0.5)) sentences.push(m.sharingNone(unit, c.service.catchmentKm));
  const plan = c.investment;
  if (plan.facilities.length > 0) {
    const built = plan.facilities.map((f) => ({
      kind: f.kind,
      count: f.count,
      name: names[f.municipality],
      places: f.places,
      unit,
      also: f.serves.filter((s) => s.municipality !== f.municipality).map((s) => names[s.municipality]),
    }));
    sentences.push(
      plan.budget !== undefined
        ? m.planBudget(plan.budget, plan.served + plan.unservedInBudget, plan.optimal, built, plan.served, plan.investment, plan.opexPerYear)
        : m.plan(plan.served, plan.optimal, plan.gap, built, plan.investment, plan.opexPerYear),
    );
  } else if (c.unmetAfter <= 0.5) sentences.push(m.noInvestment);
  if (plan.unreachable.length > 0)
    sentences.push(
      m.unreachable(
        plan.unreachable.map((u) => ({ name: names[u.municipality], residents: u.residents })),
        c.service.catchmentKm,
      ),
    );
  if (plan.unservedInBudget > 0.5) sentences.push(m.unservedInBudget(plan.unservedInBudget));
  if (plan.unservedCapacity > 0.5) sentences.push(m.capacityShort(plan.unservedCapacity));
  const s = c.costSharing;
  if (s.players.length > 1 && s.grandCost > 0) {
    if (plan.budget !== undefined) sentences.push(m.withoutBudget(s.grandCost));
    // Players of groups above SAMPLED_PLAYERS have no Shapley value or SCRB (NaN): said once, left out of the lists.
    const computed = s.players.flatMap((_, k) => (Number.isNaN(s.shapley[k]) ? [] : [k]));
    if (computed.length > 0)
      sentences.push(
        m.shapleySplit(
          s.grandCost,
          s.exact,
          s.permutations,
          computed.map((k) => ({ name: names[s.players[k]], share: s.shapley[k], se: s.shapleySE[k], saving: shapleySaving(s, k) })),
        ),
      );
    if (computed.length < s.players.length) sentences.push(m.largeGroups(s.players.length - computed.length, SAMPLED_PLAYERS));
    const gap = s.groups.reduce((most, group) => Math.max(most, group.costGap), 0);
    if (gap > 0) sentences.push(m.coalitionCostGap(gap * 100, SAMPLED_SOLVES, EXACT_PLAYERS, SAMPLED_GAP));
    const outside = s.players.flatMap((i, k) => (s.outsideResidents[k] > 0.5 ? [{ name: names[i], residents: s.outsideResidents[k] }] : []));
    if (outside.length > 0) sentences.push(m.outsideOption(outside));
    const shares = (values: ArrayLike<number>) => s.players.flatMap((i, k) => (Number.isNaN(values[k]) ? [] : [{ name: names[i], share: values[k] }]));
    if (computed.length > 0)
      sentences.push(
        m.otherRules(
          shares(s.scrb),
          s.nucleolus ? shares(s.nucleolus) : undefined,
          s.scrbNegative.map((k) => names[s.players[k]]),
          s.nucleolusComplete,
        ),
      );
    for (const rule of ['scrb', 'nucleolus', 'by_use', 'by_population'] as const) {
      const check = s.core[rule];
      if (!check || allocationInCore(check)) continue;
      const worst = check.violations[0];
      sentences.push(
        m.ruleNotInCore(
          rule,
          worst.coalition.map((k) => names[s.players[k]]),
          worst.excess,
          check.violations.length,
        ),
      );
    }
    if (!allocationInCore(s.core.shapley)) sentences.push(m.shapleyNotInCore(s.core.shapley.violations.length));
  }
  return sentences;
}
