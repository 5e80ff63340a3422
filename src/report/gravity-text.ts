/**
 * The gravity model of a service in words and figures (METHODS.md §4), for
 * `servflow model`, the terminal and report.md.
 */
import type { ServiceGravity } from '../analysis/service-gravity.js';
import type { Service } from '../model/types.js';
import { humanNumber } from './format.js';

export function decayFormula(gravity: ServiceGravity): string {
  return gravity.form === 'exp' ? 'f(d) = exp(−β·d)' : 'f(d) = d^(−β)';
}

function betaText(gravity: ServiceGravity): string {
  return gravity.form === 'exp' ? `β = ${humanNumber(gravity.beta, 4)} per km` : `β = ${humanNumber(gravity.beta, 4)}`;
}

/** Lines describing the model of one service. */
export function gravityLines(service: Service, gravity: ServiceGravity, estimated: boolean): string[] {
  const lines = [`${service.id} — production-constrained gravity model, ${gravity.form === 'exp' ? 'exponential' : 'power'} decay ${decayFormula(gravity)}`];
  const fit = gravity.fit;
  if (fit) {
    lines.push(
      `  calibrated on ${humanNumber(fit.pairs)} pairs from ${humanNumber(fit.origins)} origins (Poisson maximum likelihood with origin fixed effects, ${fit.iterations} iterations)`,
      `  ${betaText(gravity)} (SE ${humanNumber(fit.betaSE, 4)})    α = ${humanNumber(gravity.alpha, 4)}${fit.alphaFixed ? ' (fixed: capacity does not vary within reach)' : ` (SE ${humanNumber(fit.alphaSE, 4)})`}`,
      `  log-likelihood ${humanNumber(fit.logLikelihood, 1)}    deviance ${humanNumber(fit.deviance, 1)} (null ${humanNumber(fit.nullDeviance, 1)})    pseudo-R² ${humanNumber(fit.pseudoR2, 3)}`,
      `  SRMSE ${humanNumber(fit.srmse, 3)}    Sørensen index ${humanNumber(fit.sorensen, 3)}    mean trip ${humanNumber(fit.meanTripObserved, 2)} km observed, ${humanNumber(fit.meanTripModelled, 2)} km modelled`,
    );
  } else {
    const why = gravity.source === 'decay_beta' ? 'decay_beta of services.csv' : 'the default; set decay_beta in services.csv';
    lines.push(`  ${estimated ? 'no observed flows: flows are estimated with' : 'not calibrated'} ${betaText(gravity)} (${why}) and α = 1`);
    if (gravity.note) lines.push(`  ${gravity.note}`);
  }
  if (gravity.flowsOutside > 0) {
    lines.push(
      `  ${humanNumber(gravity.flowsOutside)} observed flow${gravity.flowsOutside === 1 ? '' : 's'} (${humanNumber(gravity.usersOutside)} users) beyond twice the catchment (${humanNumber(2 * service.catchmentKm)} km) or into a municipality without capacity: left out of the calibration`,
    );
  }
  return lines;
}

/** One sentence for report.md findings. */
export function gravitySentence(service: Service, gravity: ServiceGravity, estimated: boolean): string {
  const fit = gravity.fit;
  if (fit) {
    return `Use falls with distance: ${betaText(gravity)} (standard error ${humanNumber(fit.betaSE, 4)}), α = ${humanNumber(gravity.alpha, 2)}; the calibrated gravity model reproduces ${humanNumber(fit.sorensen * 100, 0)} % of the observed flows (Sørensen index), pseudo-R² ${humanNumber(fit.pseudoR2, 2)}, mean trip ${humanNumber(fit.meanTripObserved, 1)} km.`;
  }
  if (estimated) {
    return `No flows between municipalities were observed for this service: they are estimated with a gravity model (${betaText(gravity)}, ${gravity.source === 'decay_beta' ? 'set in services.csv' : 'default'}; α = 1) from demand and capacity within ${humanNumber(2 * service.catchmentKm)} km, so inflows, outflows, local use, dependency and attraction are estimates.`;
  }
  return `The gravity model could not be calibrated on the observed flows${gravity.note ? ` (${gravity.note})` : ''}.`;
}
