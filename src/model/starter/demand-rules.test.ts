/**
 * The demand rules of data/README.md: the worked example by hand, and the
 * rules over all 2,477 gminy against data/poland/demand.csv, which
 * scripts/build-data.mjs derived with its own implementation.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readNationalData } from '../../io/national-data.js';
import { DEMAND_RULES, demandRule, STARTER_SERVICES } from './demand-rules.js';

describe('demand rules', () => {
  it('gives the worked example of data/README.md (Brzozie: 0–4 218, 5–9 221, 10–14 262)', () => {
    const ages = Object.freeze({ age0to4: 218, age5to9: 221, age10to14: 262 });
    // 0.4·218 + 0.4·221 = 175.6 → 176; 0.198·218 = 43.164 → 43; 0.6·221 + 262 = 394.6 → 395
    expect(STARTER_SERVICES.map((service) => demandRule(service)!.demand(ages))).toEqual([176, 43, 395]);
  });

  it('agree with data/poland/demand.csv for every gmina and service', () => {
    const { gminy } = readNationalData('data/poland');
    const byId = new Map(gminy.map((gmina) => [gmina.id, gmina]));
    const rows = readFileSync('data/poland/demand.csv', 'utf8').trim().split('\n').slice(1);
    expect(rows).toHaveLength(2477 * 3);
    const differ = rows.filter((row) => {
      const [id, service, demand] = row.split(',');
      return demandRule(service)!.demand(byId.get(id)!.ages) !== Number(demand);
    });
    expect(differ).toEqual([]);
  });

  it('document each service with its ages, formula and approximation', () => {
    for (const rule of DEMAND_RULES) expect([rule.who, rule.formula, rule.caveat].every((text) => text.length > 10)).toBe(true);
  });
});
