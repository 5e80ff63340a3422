/**
 * The terminal summary names at most DEFICITS_SHOWN partners in deficit,
 * the largest deficits first, and counts the rest: on a voivodeship the
 * line listed hundreds of gminy. The 30-gmina Siedlce scenario has more
 * than ten partners in deficit for nurseries.
 */
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../io/load-dataset.js';
import { makeStyle } from '../cli/output.js';
import { analyzeAsLoaded } from '../testing/analysis.js';
import { PL } from './i18n/pl.js';
import { DEFICITS_SHOWN, terminalSummary } from './terminal.js';

const analysis = analyzeAsLoaded(loadDataset('data/scenarios/siedlce-30-nursery').dataset);
const nursery = analysis.services.find((s) => s.service.id === 'nursery')!;
const deficits = nursery.municipalities
  .map((row, i) => ({ balance: row.balance, i }))
  .filter(({ balance, i }) => analysis.dataset.municipalities[i].partner && balance < 0)
  .sort((a, b) => a.balance - b.balance);

describe('terminal summary: partners in deficit', () => {
  it(`names the ${DEFICITS_SHOWN} largest deficits and counts the others`, () => {
    expect(deficits.length).toBeGreaterThan(DEFICITS_SHOWN);
    const line = terminalSummary(analysis, makeStyle(false)).find((text) => text.trimStart().startsWith('in deficit'))!;
    const names = deficits.slice(0, DEFICITS_SHOWN + 1).map(({ i }) => analysis.dataset.municipalities[i].name);
    // The tenth is named, the eleventh is not (names are unique among these gminy); the count closes the line.
    expect(line).toContain(`${names[DEFICITS_SHOWN - 1]} −`);
    expect(line).not.toContain(`${names[DEFICITS_SHOWN]} −`);
    expect(line.endsWith(` and ${deficits.length - DEFICITS_SHOWN} more (imbalance.csv)`)).toBe(true);
  });

  it('in Polish too', () => {
    const line = terminalSummary(analysis, makeStyle(false), PL).find((text) => text.trimStart().startsWith('niedobór'))!;
    const more = deficits.length - DEFICITS_SHOWN;
    expect(line).toMatch(new RegExp(` i ${more} (inna|inne|innych) \\(imbalance\\.csv\\)$`));
  });
});
