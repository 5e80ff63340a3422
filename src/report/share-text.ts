/**
 * `servflow share` output: a table of shares per rule and the core check in
 * words, or the same as JSON.
 */
import type { SharedBill } from '../analysis/cost-sharing/coalition-game.js';
import { allocationInCore } from '../analysis/cost-sharing/cost-sharing-result.js';
import { NUCLEOLUS_PLAYERS } from '../analysis/cost-sharing/nucleolus.js';
import type { CoreCheck } from '../analysis/cost-sharing/shapley.js';
import { humanNumber } from '../engines/number-format.js';
import { JSON_DECIMALS, round } from '../engines/number-format.js';

const members = (mask: number, players: readonly string[]): string[] => players.filter((_, k) => mask & (1 << k));

function coreLine(rule: string, check: CoreCheck, players: readonly string[]): string {
  if (allocationInCore(check)) return `  ${rule}: in the core — no group pays more than going alone${check.complete ? '' : ' (groups of one, two and all but one checked)'}`;
  const worst = check.violations[0];
  return `  ${rule}: NOT in the core — ${worst.coalition.map((k) => players[k]).join(' + ')} would pay ${humanNumber(worst.excess, 2)} more than going alone (${check.violations.length} group${check.violations.length === 1 ? '' : 's'} would be better off alone)`;
}

export function shareLines(bill: SharedBill, weightLabel = 'by weight'): string[] {
  const { players } = bill;
  const width = Math.max(6, ...players.map((p) => p.length));
  const columns = [
    'stand-alone',
    'by stand-alone',
    ...(bill.byWeight ? [weightLabel] : []),
    'Shapley',
    ...(bill.shapley.exact ? [] : ['± SE']),
    'SCRB',
    ...(bill.nucleolus ? ['nucleolus'] : []),
    'saving',
  ];
  const cell = (value: number) => humanNumber(value, 2).padStart(15);
  const lines = [
    `Cost to share: ${humanNumber(bill.grandCost, 2)} among ${players.length} players (Shapley ${bill.shapley.exact ? 'exact' : `Monte-Carlo, ${bill.shapley.permutations} permutations`})`,
    '',
    `${'player'.padEnd(width)}  ${columns.map((c) => c.padStart(15)).join('')}`,
  ];
  players.forEach((player, k) => {
    const values = [
      bill.standalone[k],
      bill.byStandalone[k],
      ...(bill.byWeight ? [bill.byWeight[k]] : []),
      bill.shapley.value[k],
      ...(bill.shapley.exact ? [] : [bill.shapley.standardError[k]]),
      bill.scrb.value[k],
      ...(bill.nucleolus ? [bill.nucleolus[k]] : []),
      bill.standalone[k] - bill.shapley.value[k],
    ];
    lines.push(`${player.padEnd(width)}  ${values.map(cell).join('')}`);
  });
  lines.push(
    `(saving: stand-alone cost less the Shapley share; SCRB: separable costs – remaining benefits${bill.nucleolus ? '' : `; nucleolus not computed: ${players.length > NUCLEOLUS_PLAYERS ? `more than ${NUCLEOLUS_PLAYERS} players` : 'the stand-alone costs add up to less than the whole'}`})`,
  );
  if (bill.scrb.negative.length > 0)
    lines.push(
      `note: SCRB — ${bill.scrb.negative.map((k) => players[k]).join(', ')} would save less by joining than its separable cost (negative remaining benefit): it pays its separable cost and no share of the rest`,
    );
  lines.push('', 'Core check (does any group pay more than it would by going alone?):');
  lines.push(coreLine('Shapley value', bill.core.shapley, players));
  lines.push(coreLine('SCRB', bill.core.scrb, players));
  if (bill.core.nucleolus) lines.push(coreLine('nucleolus', bill.core.nucleolus, players));
  lines.push(coreLine('proportional to stand-alone cost', bill.core.by_standalone, players));
  if (bill.core.by_weight) lines.push(coreLine(`proportional ${weightLabel}`, bill.core.by_weight, players));
  for (const low of bill.lowered) {
    lines.push(`note: ${members(low.mask, players).join(' + ')} is listed at ${humanNumber(low.given, 2)}, but its parts together cost ${humanNumber(low.used, 2)}: the lower cost is used`);
  }
  return lines;
}

export function shareJson(bill: SharedBill): string {
  const num = (value: number) => round(value, JSON_DECIMALS);
  const core = (check: CoreCheck) => ({
    complete: check.complete,
    violations: check.violations.map((v) => ({ coalition: v.coalition.map((k) => bill.players[k]), excess: num(v.excess) })),
  });
  return `${JSON.stringify(
    {
      schema: 'servflow/1',
      grand_cost: num(bill.grandCost),
      shapley_exact: bill.shapley.exact,
      permutations: bill.shapley.permutations,
      shares: bill.players.map((player, k) => ({
        player,
        standalone: num(bill.standalone[k]),
        by_standalone: num(bill.byStandalone[k]),
        by_weight: bill.byWeight ? num(bill.byWeight[k]) : null,
        shapley: num(bill.shapley.value[k]),
        shapley_se: num(bill.shapley.standardError[k]),
        scrb: num(bill.scrb.value[k]),
        nucleolus: bill.nucleolus ? num(bill.nucleolus[k]) : null,
        saving: num(bill.standalone[k] - bill.shapley.value[k]),
      })),
      nucleolus_computed: bill.nucleolus !== undefined,
      scrb_negative_remaining: bill.scrb.negative.map((k) => bill.players[k]),
      core: {
        shapley: core(bill.core.shapley),
        scrb: core(bill.core.scrb),
        nucleolus: bill.core.nucleolus ? core(bill.core.nucleolus) : null,
        by_standalone: core(bill.core.by_standalone),
        by_weight: bill.core.by_weight ? core(bill.core.by_weight) : null,
      },
      lowered: bill.lowered.map((low) => ({ coalition: members(low.mask, bill.players), given: num(low.given), used: num(low.used) })),
    },
    null,
    2,
  )}\n`;
}
