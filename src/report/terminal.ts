/**
 * The short summary `servflow analyze` prints: per service the partners in
 * deficit, the main provider, unmet demand and coverage inequality, in the
 * report's language (the catalogue's `terminal` words and names).
 */
import type { Analysis } from '../analysis/analyze.js';
import { mainProvider } from './findings.js';
import { EN } from './i18n/en.js';
import type { Messages } from './i18n/messages.js';
import { terminalText } from '../model/text.js';
import { displayNames } from './names.js';

export interface TerminalStyle {
  readonly bold: (text: string) => string;
  readonly red: (text: string) => string;
  readonly green: (text: string) => string;
  readonly dim: (text: string) => string;
}

/** Partners in deficit named on the terminal, largest deficits first (a voivodeship has hundreds: the rest are counted). */
export const DEFICITS_SHOWN = 10;

/** Row labels are padded to this many characters. */
const LABEL_WIDTH = 18;
const label = (text: string): string => `  ${text.padEnd(LABEL_WIDTH)}`;

export function terminalSummary(analysis: Analysis, style: TerminalStyle, m: Messages = EN): string[] {
  const { dataset } = analysis;
  const t = m.terminal;
  const names = displayNames(dataset.municipalities, m.kinds).map(terminalText);
  const partners = dataset.municipalities.filter((x) => x.partner).length;
  const lines = [
    style.bold(`${terminalText(dataset.name)}${dataset.year !== undefined ? ` (${dataset.year})` : ''}`) +
      style.dim(` — ${t.overview(dataset.municipalities.length, partners, analysis.services.length)}`),
  ];
  for (const result of analysis.services) {
    const rows = result.municipalities;
    const p = result.partners;
    const deficit = rows
      .map((row, i) => ({ row, i }))
      .filter(({ row, i }) => dataset.municipalities[i].partner && row.balance < 0)
      .sort((a, b) => a.row.balance - b.row.balance);
    const provider = mainProvider(result);
    const inequality = result.inequality;
    const unit = t.unit(result.service.unit);
    lines.push(
      '',
      `${style.bold(terminalText(m.serviceName(result.service)))} ${style.dim(`(${terminalText(unit)}${result.flowsEstimated ? `, ${t.estimated}` : ''})`)}`,
      `${label(t.partners)}${t.supply(p.supply, p.demand, p.coverage, result.service.unit)} ${Math.round(p.unmet) > 0 ? style.red(m.num(p.unmet)) : style.green('0')}${result.flowsEstimated ? style.dim(` ${t.flowsEstimated}`) : ''}`,
      `${label(t.inDeficit)}${
        deficit.length === 0
          ? style.green(t.none)
          : deficitList(
              deficit.slice(0, DEFICITS_SHOWN).map(({ row, i }) => `${names[i]} ${style.red(m.signed(row.balance))}`),
              deficit.length - DEFICITS_SHOWN,
              t,
            )
      }`,
      `${label(t.mainProvider)}${provider === undefined ? style.dim(t.noProvider) : t.provider(names[provider], rows[provider].inflow)}`,
      `${label(t.inequality)}${inequality.gini === null || inequality.municipalities < 2 ? style.dim(t.fewPartners) : t.inequalityValues(inequality.gini, inequality.theil, inequality.cv, inequality.maxMinRatio)}`,
    );
  }
  return lines;
}

function deficitList(shown: readonly string[], more: number, t: Messages['terminal']): string {
  return more > 0 ? `${shown.join(', ')} ${t.moreInDeficit(more)}` : shown.join(', ');
}
