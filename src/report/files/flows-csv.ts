/** flows.csv (CLI.md): one row per flow the analysis used, by service, origin, destination. */
import type { Analysis } from '../../analysis/analyze.js';
import { csvLine, csvText } from '../csv.js';
import { Utf8Writer } from '../../engines/utf8-writer.js';

export const FLOW_COLUMNS = ['service', 'origin', 'destination', 'users', 'estimated', 'km'] as const;

/** The file as UTF-8: nationally a third of a million rows. */
export function flowsCsv(analysis: Analysis): Uint8Array {
  // Each id's cell once: a national file repeats every id about a hundred times per service.
  const ids = analysis.dataset.municipalities.map((m) => csvText(m.id));
  const count = analysis.services.reduce((total, result) => total + result.flows.length, 0);
  // About 50 bytes a row.
  const text = new Utf8Writer(64 * count + 256);
  text.add(csvLine(FLOW_COLUMNS));
  for (const result of analysis.services) {
    const service = `${csvText(result.service.id)},`;
    // Piece by piece: the writer copies short strings faster than it could flatten a joined line.
    const { origin, destination, users, km } = result.flows;
    const estimated = result.flows.estimated ? ',true,' : ',false,';
    for (let k = 0; k < result.flows.length; k++) {
      text.add(service);
      text.add(ids[origin[k]]);
      text.add(',');
      text.add(ids[destination[k]]);
      text.add(',');
      text.addPlainNumber(users[k]);
      text.add(estimated);
      text.addPlainNumber(km[k]);
      text.add('\n');
    }
  }
  return text.toBytes();
}
