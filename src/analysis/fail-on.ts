/**
 * `--fail-on RULE` for CI (CLI.md): a rule is `metric op number`, e.g.
 * `unmet>0.05` — exit 1 when a partner's unmet share of demand exceeds 5 %.
 * Metrics (per partner and service unless said otherwise):
 *   unmet       unmet demand / demand (§1)
 *   coverage    supply / demand
 *   deficit     demand − supply (residents)
 *   gini        Gini of coverage between partners (per service)
 *   unreachable residual demand no candidate reaches (per service, §6)
 *   residual    unmet demand after sharing existing capacity (per service, §5)
 */
import type { Analysis } from './analyze.js';

export type Metric = 'unmet' | 'coverage' | 'deficit' | 'gini' | 'unreachable' | 'residual';
export type Operator = '>' | '>=' | '<' | '<=';

export interface FailRule {
  readonly text: string;
  readonly metric: Metric;
  readonly operator: Operator;
  readonly threshold: number;
}

const METRICS: readonly Metric[] = ['unmet', 'coverage', 'deficit', 'gini', 'unreachable', 'residual'];
const PATTERN = /^\s*([a-z_]+)\s*(>=|<=|>|<)\s*([0-9]*\.?[0-9]+)\s*(%?)\s*$/;

/** Parse a rule; returns the reason when it cannot. */
export function parseFailRule(text: string): FailRule | string {
  const match = PATTERN.exec(text);
  if (!match) return `a rule is metric, comparison and number, e.g. "unmet>0.05" (metrics: ${METRICS.join(', ')})`;
  const metric = match[1] as Metric;
  if (!METRICS.includes(metric)) return `unknown metric ${JSON.stringify(match[1])} (metrics: ${METRICS.join(', ')})`;
  const threshold = Number(match[3]) / (match[4] === '%' ? 100 : 1);
  return { text: text.trim(), metric, operator: match[2] as Operator, threshold };
}

function compare(value: number, operator: Operator, threshold: number): boolean {
  switch (operator) {
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
  }
}

export interface RuleHit {
  readonly rule: FailRule;
  readonly service: string;
  /** Municipality id, for per-partner metrics. */
  readonly municipality?: string;
  readonly value: number;
}

/** Every place a rule is met, in service then municipality order. */
export function failHits(analysis: Analysis, rules: readonly FailRule[]): RuleHit[] {
  const hits: RuleHit[] = [];
  const { municipalities } = analysis.dataset;
  for (const rule of rules) {
    for (const result of analysis.services) {
      const service = result.service.id;
      const perService = (value: number | null | undefined): void => {
        if (value !== null && value !== undefined && compare(value, rule.operator, rule.threshold)) hits.push({ rule, service, value });
      };
      if (rule.metric === 'gini') perService(result.inequality.municipalities >= 2 ? result.inequality.gini : null);
      else if (rule.metric === 'unreachable') perService(result.cooperation ? result.cooperation.investment.unreachable.reduce((sum, u) => sum + u.residents, 0) : null);
      else if (rule.metric === 'residual') perService(result.cooperation?.unmetAfter);
      else {
        result.municipalities.forEach((row, i) => {
          if (!municipalities[i].partner) return;
          const value = rule.metric === 'unmet' ? (row.demand > 0 ? row.unmet / row.demand : null) : rule.metric === 'coverage' ? row.coverage : row.demand - row.supply;
          if (value !== null && compare(value, rule.operator, rule.threshold)) hits.push({ rule, service, municipality: municipalities[i].id, value });
        });
      }
    }
  }
  return hits;
}
