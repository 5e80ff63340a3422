/**
 * A cost game from coalition cost estimates (`servflow share`): coalitions
 * not listed cost the cheapest way to split them into listed ones, c(S) =
 * min over partitions of S into given coalitions of Σ c(part) — and a listed
 * coalition whose parts together cost less gets that lower cost (a group can
 * always act as its parts). Then stand-alone costs, proportional shares, the
 * Shapley value, SCRB, the nucleolus and the core check for every rule.
 */
import type { CoalitionCosts } from '../../model/coalition-costs.js';
import type { Solver } from '../../engines/linear-program.js';
import { nucleolus } from './nucleolus.js';
import type { Random } from '../../engines/random.js';
import { scrb, type ScrbResult } from './scrb.js';
import { coreCheck, proportional, shapley, type CoreCheck, type ShapleyResult } from './shapley.js';

export interface SharedBill {
  readonly players: readonly string[];
  readonly grandCost: number;
  readonly standalone: Float64Array;
  readonly byStandalone: Float64Array;
  readonly byWeight?: Float64Array;
  readonly shapley: ShapleyResult;
  readonly scrb: ScrbResult;
  /** Undefined when not computed (more than NUCLEOLUS_PLAYERS players, or no imputation). */
  readonly nucleolus?: Float64Array;
  readonly core: { readonly shapley: CoreCheck; readonly scrb: CoreCheck; readonly nucleolus?: CoreCheck; readonly by_standalone: CoreCheck; readonly by_weight?: CoreCheck };
  /** Listed coalitions whose parts together cost less (the lower cost is used). */
  readonly lowered: readonly { readonly mask: number; readonly given: number; readonly used: number }[];
}

/** c(S) for every S ⊆ N, by dynamic programming over the given coalitions. */
export function completeCosts(costs: CoalitionCosts): Float64Array {
  const n = costs.players.length;
  const total = 1 << n;
  const cost = new Float64Array(total).fill(Infinity);
  cost[0] = 0;
  const given = [...costs.given].sort((a, b) => a[0] - b[0]);
  for (let mask = 1; mask < total; mask++) {
    const lowest = mask & -mask;
    let best = Infinity;
    for (const [part, value] of given) {
      if ((part & lowest) === 0 || (part & mask) !== part) continue;
      const rest = cost[mask ^ part];
      if (value + rest < best) best = value + rest;
    }
    cost[mask] = best;
  }
  return cost;
}

export function shareBill(costs: CoalitionCosts, random: Random, solver: Solver, weights?: readonly number[]): SharedBill {
  const n = costs.players.length;
  const table = completeCosts(costs);
  const c = (coalition: readonly number[]): number => table[coalition.reduce((mask, k) => mask | (1 << k), 0)];
  const grand = table[(1 << n) - 1];
  const standalone = Float64Array.from({ length: n }, (_, k) => table[1 << k]);
  const value = shapley(n, c, random, 2000);
  const separable = scrb(n, c);
  const nucleolusValue = nucleolus(n, c, solver)?.value;
  const byStandalone = proportional(grand, Array.from(standalone));
  const byWeight = weights ? proportional(grand, weights) : undefined;
  const lowered = [...costs.given].filter(([mask, given]) => table[mask] < given - 1e-9 * Math.max(1, given)).map(([mask, given]) => ({ mask, given, used: table[mask] }));
  return {
    players: costs.players,
    grandCost: grand,
    standalone,
    byStandalone,
    ...(byWeight ? { byWeight } : {}),
    shapley: value,
    scrb: separable,
    ...(nucleolusValue ? { nucleolus: nucleolusValue } : {}),
    core: {
      shapley: coreCheck(n, value.value, c),
      scrb: coreCheck(n, separable.value, c),
      ...(nucleolusValue ? { nucleolus: coreCheck(n, nucleolusValue, c) } : {}),
      by_standalone: coreCheck(n, byStandalone, c),
      ...(byWeight ? { by_weight: coreCheck(n, byWeight, c) } : {}),
    },
    lowered,
  };
}
