/**
 * The cooperation part of a report (METHODS.md §5–§7) in sentences: what to
 * share, what to build, who pays — and when a simple rule would charge a
 * group more than going alone.
 */
import type { ServiceCooperation, ShareRule } from '../analysis/cooperation.js';
import { humanNumber } from './format.js';

/** Money for people: `9.08 M PLN`, `640 k PLN`, `950 PLN`. */
export function money(value: number): string {
  const magnitude = Math.abs(value);
  if (magnitude >= 1e6) return `${humanNumber(value / 1e6, 2)} M PLN`;
  if (magnitude >= 1e4) return `${humanNumber(value / 1e3, 0)} k PLN`;
  return `${humanNumber(value, 0)} PLN`;
}

function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export const RULE_NAMES: Readonly<Record<ShareRule, string>> = {
  shapley: 'the Shapley value',
  by_use: 'shares proportional to places used',
  by_population: 'shares proportional to population',
};

export function cooperationSentences(c: ServiceCooperation, names: readonly string[], estimated: boolean): string[] {
  const sentences: string[] = [];
  const unit = c.service.unit;
  const baseline = estimated ? c.unmetSelfReliant : c.unmetBefore;
  const baselineText = estimated ? 'if each partner served only its own residents' : 'today';
  if (c.agreements.length > 0) {
    const byBuyer = new Map<number, string[]>();
    for (const a of c.agreements) {
      const list = byBuyer.get(a.buyer) ?? [];
      list.push(`${humanNumber(a.places)} in ${names[a.provider]}`);
      byBuyer.set(a.buyer, list);
    }
    const deals = [...byBuyer].map(([buyer, items]) => `${names[buyer]} buys ${list(items)}`);
    const yearly = c.agreements.reduce((sum, a) => sum + a.yearlyCost, 0);
    sentences.push(
      `Sharing existing ${unit} within ${humanNumber(c.service.catchmentKm)} km leaves ${humanNumber(c.unmetAfter)} partner residents without a place, against ${humanNumber(baseline)} ${baselineText}: ${list(deals)} (${money(yearly)} a year at the running cost of a place).`,
    );
  } else if (c.unmetAfter < baseline - 0.5) {
    sentences.push(`Using existing ${unit} better within each municipality leaves ${humanNumber(c.unmetAfter)} partner residents without a place, against ${humanNumber(baseline)} ${baselineText}.`);
  } else {
    sentences.push(`Sharing existing ${unit} cannot serve more partner residents: no partner with spare capacity is within ${humanNumber(c.service.catchmentKm)} km of one in need.`);
  }
  const plan = c.investment;
  if (plan.facilities.length > 0) {
    const built = plan.facilities.map((f) => {
      const whom = f.serves.filter((s) => s.municipality !== f.municipality).map((s) => names[s.municipality]);
      return `${f.kind === 'new' ? 'a new facility in' : 'an expansion in'} ${names[f.municipality]} (${humanNumber(f.places)} ${unit}${whom.length > 0 ? `, also for ${list(whom)}` : ''})`;
    });
    const quality = plan.optimal ? 'the least-cost plan (proved optimal)' : `a plan found by greedy search and vertex substitution, at most ${humanNumber(plan.gap * 100, 1)} % above the best possible`;
    if (plan.budget !== undefined) {
      sentences.push(
        `With a budget of ${money(plan.budget)}, the plan that serves the most of the ${humanNumber(plan.served + plan.unservedInBudget)} residents left${plan.optimal ? ' (proved optimal)' : ''} is ${list(built)}: it serves ${humanNumber(plan.served)}, costs ${money(plan.investment)} to build and ${money(plan.opexPerYear)} a year to run.`,
      );
    } else sentences.push(`For the ${humanNumber(plan.served)} residents left, ${quality} is ${list(built)}: ${money(plan.investment)} to build and ${money(plan.opexPerYear)} a year to run.`);
  } else if (c.unmetAfter <= 0.5) {
    sentences.push('No investment is needed: sharing serves every partner resident in need.');
  }
  if (plan.unreachable.length > 0) {
    sentences.push(`${list(plan.unreachable.map((u) => `${humanNumber(u.residents)} residents of ${names[u.municipality]}`))} cannot reach any candidate site within ${humanNumber(c.service.catchmentKm)} km: no facility of the partnership could serve them.`);
  }
  if (plan.unservedInBudget > 0.5) sentences.push(`Within the budget, ${humanNumber(plan.unservedInBudget)} residents remain unserved.`);
  const s = c.costSharing;
  if (s.players.length > 1 && s.grandCost > 0) {
    const shares = s.players.map((i, k) => `${names[i]} ${money(s.shapley[k])}${s.exact ? '' : ` (± ${money(s.shapleySE[k])})`}${s.standalone[k] - s.shapley[k] > 0.5 ? `, saving ${money(s.standalone[k] - s.shapley[k])} against going alone` : ''}`);
    sentences.push(`${plan.budget !== undefined ? 'Without the budget limit, the least-cost plan for all of them costs ' + money(s.grandCost) + '. ' : ''}Splitting the ${money(s.grandCost)} by ${RULE_NAMES.shapley}${s.exact ? '' : ` (Monte-Carlo, ${s.permutations} permutations)`}: ${list(shares)}.`);
    for (const rule of ['by_use', 'by_population'] as const) {
      const check = s.core[rule];
      if (check.violations.length === 0) continue;
      const worst = check.violations[0];
      const members = worst.coalition.map((k) => names[s.players[k]]);
      sentences.push(
        `Warning: ${RULE_NAMES[rule]} would charge ${list(members)} ${money(worst.excess)} more than ${worst.coalition.length === 1 ? 'going alone' : 'they would pay by going alone together'} — that rule is not in the core (${check.violations.length} coalition${check.violations.length === 1 ? '' : 's'} would be better off alone), so it is not a stable agreement.`,
      );
    }
    if (s.core.shapley.violations.length > 0) {
      sentences.push(`Even the Shapley value leaves ${s.core.shapley.violations.length} coalition${s.core.shapley.violations.length === 1 ? '' : 's'} paying more than going alone: the core may be empty here, and the split needs negotiation.`);
    }
  }

  return sentences;
}
