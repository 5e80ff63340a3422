/**
 * The short summary `servflow analyze` prints: per service the partners in
 * deficit, the main provider, unmet demand and coverage inequality.
 */
import type { Analysis } from '../analysis/analyze.js';
import { mainProvider } from './findings.js';
import { humanNumber, percent, signed } from './format.js';
import { terminalText } from '../model/text.js';
import { displayNames } from './names.js';

export interface TerminalStyle {
  readonly bold: (text: string) => string;
  readonly red: (text: string) => string;
  readonly green: (text: string) => string;
  readonly dim: (text: string) => string;
}

export function terminalSummary(analysis: Analysis, style: TerminalStyle): string[] {
  const { dataset } = analysis;
  const names = displayNames(dataset.municipalities).map(terminalText);
  const partners = dataset.municipalities.filter((m) => m.partner).length;
  const lines = [style.bold(`${terminalText(dataset.name)}${dataset.year !== undefined ? ` (${dataset.year})` : ''}`) + style.dim(` — ${dataset.municipalities.length} municipalities (${partners} partners), ${analysis.services.length} service${analysis.services.length === 1 ? '' : 's'}`)];
  for (const result of analysis.services) {
    const rows = result.municipalities;
    const p = result.partners;
    const deficit = rows
      .map((row, i) => ({ row, i }))
      .filter(({ row, i }) => dataset.municipalities[i].partner && row.balance < 0)
      .sort((a, b) => a.row.balance - b.row.balance);
    const provider = mainProvider(result);
    const inequality = result.inequality;
    lines.push(
      '',
      `${style.bold(terminalText(result.service.id))} ${style.dim(`(${terminalText(result.service.unit)}${result.flowsEstimated ? ', no flows given: gravity estimate' : ''})`)}`,
      `  partners          ${humanNumber(p.supply)} for ${humanNumber(p.demand)} in need, coverage ${percent(p.coverage)}, unmet ${Math.round(p.unmet) > 0 ? style.red(humanNumber(p.unmet)) : style.green('0')}${result.flowsEstimated ? style.dim(' (flows estimated)') : ''}`,
      `  in deficit        ${deficit.length === 0 ? style.green('none') : deficit.map(({ row, i }) => `${names[i]} ${style.red(signed(row.balance))}`).join(', ')}`,
      `  main provider     ${provider === undefined ? style.dim('none (no flows between municipalities)') : `${names[provider]}, ${humanNumber(rows[provider].inflow)} users from elsewhere`}`,
      `  inequality        ${inequality.gini === null || inequality.municipalities < 2 ? style.dim('fewer than two partners with demand') : `Gini ${humanNumber(inequality.gini, 2)} · Theil ${humanNumber(inequality.theil, 3)} · CV ${humanNumber(inequality.cv, 2)} · max/min ${inequality.maxMinRatio === null ? '–' : humanNumber(inequality.maxMinRatio, 2)}`}`,
    );
  }
  return lines;
}
