/**
 * The gravity model of a service in words and figures (METHODS.md §4), for
 * `servflow model`, the terminal and report.md.
 */
import type { Constraint } from '../analysis/gravity/gravity-constraints.js';
import { gravityReachKm, type ServiceGravity } from '../analysis/gravity/service-gravity.js';
import type { Service } from '../model/types.js';
import { humanNumber } from '../engines/number-format.js';

export function decayFormula(gravity: ServiceGravity): string {
  return gravity.form === 'exp' ? 'f(d) = exp(−β·d)' : 'f(d) = d^(−β)';
}

function betaText(gravity: ServiceGravity): string {
  return gravity.form === 'exp' ? `β = ${humanNumber(gravity.beta, 4)} per km` : `β = ${humanNumber(gravity.beta, 4)}`;
}

const CONSTRAINT_NAMES: Readonly<Record<Constraint, string>> = { production: 'production-constrained', attraction: 'attraction-constrained', doubly: 'doubly constrained' };
const FIXED_EFFECTS: Readonly<Record<Constraint, string>> = { production: 'origin', attraction: 'destination', doubly: 'origin and destination' };

/** Where the β of a service that was not calibrated came from. */
export function decaySourceText(gravity: ServiceGravity): string {
  switch (gravity.source) {
    case 'decay_beta':
      return 'decay_beta of services.csv';
    case 'parameter':
      return 'the default_decay_beta parameter';
    case 'borrowed':
      return `calibrated on the observed flows of ${gravity.borrowedFrom}; set decay_beta in services.csv to choose another`;
    default:
      return 'the built-in default; set decay_beta in services.csv';
  }
}

/** Lines describing the model of one service. */
export function gravityLines(service: Service, gravity: ServiceGravity, estimated: boolean): string[] {
  const constraint = gravity.constraint ?? 'production';
  const model = estimated ? 'capacity-aware gravity model (production-constrained, at most the places of each destination)' : `${CONSTRAINT_NAMES[constraint]} gravity model`;
  const lines = [`${service.id} — ${model}, ${gravity.form === 'exp' ? 'exponential' : 'power'} decay ${decayFormula(gravity)}`];
  const fit = gravity.fit;
  if (fit) {
    const alpha =
      constraint === 'doubly'
        ? 'α: none (both ends have fixed effects)'
        : `α = ${humanNumber(gravity.alpha, 4)}${fit.alphaFixed ? ` (fixed: ${constraint === 'attraction' ? 'demand' : 'capacity'} does not vary within reach)` : ` (SE ${humanNumber(fit.alphaSE, 4)})`}${constraint === 'attraction' ? ' on demand at the origin' : ''}`;
    lines.push(
      `  calibrated on ${humanNumber(fit.pairs)} pairs from ${humanNumber(fit.origins)} ${constraint === 'attraction' ? 'destinations' : 'origins'} (Poisson maximum likelihood with ${FIXED_EFFECTS[constraint]} fixed effects, ${fit.iterations} iterations)`,
      `  ${betaText(gravity)} (SE ${humanNumber(fit.betaSE, 4)})    ${alpha}`,
      `  log-likelihood ${humanNumber(fit.logLikelihood, 1)}    deviance ${humanNumber(fit.deviance, 1)} (null ${humanNumber(fit.nullDeviance, 1)})    pseudo-R² ${humanNumber(fit.pseudoR2, 3)}`,
      `  SRMSE ${humanNumber(fit.srmse, 3)}    Sørensen index ${humanNumber(fit.sorensen, 3)}    mean trip ${humanNumber(fit.meanTripObserved, 2)} km observed, ${humanNumber(fit.meanTripModelled, 2)} km modelled`,
    );
  } else {
    lines.push(`  ${estimated ? 'no observed flows: flows are estimated with' : 'not calibrated'} ${betaText(gravity)} (${decaySourceText(gravity)}) and α = 1`);
    if (gravity.note) lines.push(`  ${gravity.note}`);
    if (estimated && gravity.capacity) {
      lines.push(
        gravity.capacity.binds
          ? `  capacity binds: flows corrected so that no destination receives more than its places (${humanNumber(gravity.capacity.shortOrigins)} origin${gravity.capacity.shortOrigins === 1 ? '' : 's'} where places run out; ${humanNumber(gravity.capacity.iterations)} balancing sweeps${gravity.capacity.converged ? '' : ', not converged'})`
          : '  capacity never binds: the estimate is the production-constrained model itself',
      );
    }
  }
  if (gravity.flowsOutside > 0) {
    lines.push(
      `  ${humanNumber(gravity.flowsOutside)} observed flow${gravity.flowsOutside === 1 ? '' : 's'} (${humanNumber(gravity.usersOutside)} users) beyond twice the catchment (${humanNumber(gravityReachKm(service))} km) or into a municipality without capacity: left out of the calibration`,
    );
  }
  return lines;
}
