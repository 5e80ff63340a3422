/**
 * The LP-dual core allocation of a bill group (docs/methods.md §8; Owen
 * 1975, Goemans & Skutella 2004), from the dual prices of the group's §6
 * relaxation.
 */
import type { Dataset, Service } from '../../model/types.js';
import type { Solver } from '../../engines/linear-program.js';
import type { Neighbours } from '../accessibility/neighbours.js';
import { buildInstance } from '../location/investment-plan.js';
import { relaxationPrices } from '../location/location.js';
import type { RuleOutcome } from './bill-groups.js';

/**
 * The LP-dual core allocation of one group (Owen 1975; Goemans & Skutella
 * 2004): the relaxation of the group's §6 program (its e_i residents, every
 * candidate site in reach), each member charged its points' dual prices
 * less the credit of its own sites whose bound binds (y ≤ 1 of a new site,
 * the cap of an expansion); credits of sites outside the group lower the
 * members' charges in proportion to their residents. Computed when the
 * relaxation is integral, its optimum is the bill and the prices add up to
 * it (then no coalition pays more than its relaxed, hence its integer,
 * cost); otherwise not, with the reason.
 */
export function lpDualAllocation(
  dataset: Dataset,
  lambda: number,
  service: Service,
  index: number,
  residents: Float64Array,
  pairs: Neighbours,
  solver: Solver,
  members: readonly number[],
  bill: number,
): RuleOutcome {
  // One player pays its bill: the only efficient allocation.
  if (members.length === 1) return { computed: true, shares: Float64Array.of(bill) };
  const reach = new Set<number>();
  for (const i of members) for (let e = pairs.start[i]; e < pairs.start[i + 1]; e++) if (dataset.municipalities[pairs.neighbour[e]].candidate) reach.add(pairs.neighbour[e]);
  const { instance } = buildInstance(dataset, service, index, residents, pairs, { points: members, sites: [...reach].sort((a, b) => a - b) }, lambda);
  if (instance.points.length !== members.length) return { computed: false, reason: 'not computed: a member no site reaches' };
  const prices = relaxationPrices(instance, solver);
  if (!prices) return { computed: false, reason: 'not computed: the sites in reach cannot hold the demand' };
  if (!prices.integral)
    return { computed: false, reason: `not computed: the LP relaxation is fractional (bound ${Math.round(prices.objective)} below the cost ${Math.round(bill)}; the core may be empty)` };
  const tolerance = 1e-6 * Math.max(1, Math.abs(bill));
  if (Math.abs(prices.objective - bill) > tolerance)
    return { computed: false, reason: `not computed: the relaxation's optimum ${Math.round(prices.objective)} differs from the bill ${Math.round(bill)}` };
  const memberOf = new Map(members.map((m, k) => [m, k]));
  const shares = Float64Array.from(prices.charge);
  let outsideCredit = 0;
  instance.sites.forEach((site, j) => {
    const owner = memberOf.get(site.municipality);
    if (owner !== undefined) shares[owner] -= prices.credit[j];
    else outsideCredit += prices.credit[j];
  });
  const weight = members.reduce((sum, m) => sum + residents[m], 0);
  members.forEach((m, k) => (shares[k] -= weight > 0 ? (outsideCredit * residents[m]) / weight : outsideCredit / members.length));
  const sum = shares.reduce((a, b) => a + b, 0);
  if (Math.abs(sum - bill) > tolerance) return { computed: false, reason: `not computed: the relaxation's prices add up to ${Math.round(sum)}, not the bill ${Math.round(bill)}` };
  return { computed: true, shares };
}
