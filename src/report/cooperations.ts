/** The cooperation results of §5–§7 (docs/methods.md), one per service that has them, in service order: the rows of agreements.csv, investments.csv and cost-sharing.csv. */
import type { Analysis } from '../analysis/analyze.js';
import type { ServiceCooperation } from '../analysis/cooperation.js';

export function cooperations(analysis: Analysis): ServiceCooperation[] {
  return analysis.services.flatMap((result) => (result.cooperation ? [result.cooperation] : []));
}
