/**
 * Demand from age groups: the rule per service that data/README.md
 * documents for the bundled datasets, so a starter dataset's demand is
 * derived exactly as the sample's. Age groups are 5-year groups at 31 Dec
 * 2020 (GUS BDL LUDN_2137); one-year ages are assumed evenly spread within
 * a group, so a group contributes a fifth per year of age served.
 */
import type { AgeGroups } from './gmina.js';

export interface DemandRule {
  readonly service: string;
  /** Who needs the service, for the README. */
  readonly who: string;
  /** The formula as written in the README. */
  readonly formula: string;
  /** Where the rule is an approximation. */
  readonly caveat: string;
  readonly demand: (ages: AgeGroups) => number;
}

/** Share of children aged 0–2 in formal childcare: the EU Barcelona target of 33 %. */
export const NURSERY_SHARE = 0.33;

export const DEMAND_RULES: readonly DemandRule[] = [
  {
    service: 'preschool',
    who: 'children aged 3–6',
    formula: '2/5 · (0–4) + 2/5 · (5–9)',
    caveat: 'ages 3–4 and 5–6 taken as two fifths of their 5-year groups (one-year ages assumed evenly spread)',
    demand: (ages) => Math.round(0.4 * ages.age0to4 + 0.4 * ages.age5to9),
  },
  {
    service: 'nursery',
    who: `a third of children aged 0–2 (the EU Barcelona target of ${NURSERY_SHARE * 100} % of under-3s in formal childcare)`,
    formula: `3/5 · (0–4) · ${NURSERY_SHARE}`,
    caveat: 'the 33 % is a policy target, not the local take-up; ages 0–2 taken as three fifths of the 0–4 group',
    demand: (ages) => Math.round(0.6 * NURSERY_SHARE * ages.age0to4),
  },
  {
    service: 'primary_school',
    who: 'children aged 7–14',
    formula: '3/5 · (5–9) + (10–14)',
    caveat: 'ages 7–9 taken as three fifths of the 5–9 group; all of 10–14 counted although 14-year-olds may have left primary school',
    demand: (ages) => Math.round(0.6 * ages.age5to9 + ages.age10to14),
  },
];

export const STARTER_SERVICES: readonly string[] = DEMAND_RULES.map((rule) => rule.service);

export function demandRule(service: string): DemandRule | undefined {
  return DEMAND_RULES.find((rule) => rule.service === service);
}
