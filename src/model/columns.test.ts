import { describe, expect, it } from 'vitest';
import { resolveColumns } from './columns.js';
import { IssueLog } from './issue.js';
import type { FileRole } from './types.js';

/** Field → 1-based column found for `header`, and the problems logged. */
function resolve(role: FileRole, header: string[], mapping: Record<string, string | number | Record<string, number>> = {}) {
  const log = new IssueLog(`${role}.csv`);
  const columns = resolveColumns(header, role, mapping, new Set(), log, 1);
  return { found: Object.fromEntries([...columns].map(([field, at]) => [field, at.columns.map((c) => c + 1)])), problems: log.issues.map((i) => i.message) };
}

describe('resolveColumns: the Polish aliases of DATA.md', () => {
  it.each([[['kod', 'nazwa', 'ludnosc']], [['Kod', 'Nazwa', 'Ludność']], [['TERYT', 'NAZWA', 'LUDNOŚĆ']], [['teryt', 'nazwa', 'LUDNOSC']]])('municipalities %j → id, name, population', (header) => {
    expect(resolve('municipalities', header)).toEqual({ found: { id: [1], name: [2], population: [3] }, problems: [] });
  });

  it.each([[['gmina', 'usluga', 'capacity']], [['Gmina', 'Usługa', 'capacity']], [['GMINA', 'USŁUGA', 'CAPACITY']]])('supply %j → municipality, service, capacity', (header) => {
    expect(resolve('supply', header)).toEqual({ found: { municipality: [1], service: [2], capacity: [3] }, problems: [] });
  });

  it.each([[['skad', 'dokad', 'usluga', 'liczba']], [['Skąd', 'Dokąd', 'Usługa', 'Liczba']], [['SKĄD', 'DOKAD', 'USŁUGA', 'LICZBA']]])('flows %j → origin, destination, service, users', (header) => {
    expect(resolve('flows', header)).toEqual({ found: { origin: [1], destination: [2], service: [3], users: [4] }, problems: [] });
  });

  it('matches English names loosely: "Area km2" is area_km2', () => {
    expect(resolve('municipalities', ['id', 'name', 'population', 'Area km2']).found.area_km2).toEqual([4]);
  });
});

describe('resolveColumns: manifest mappings', () => {
  it('by header name (case, diacritics and line breaks ignored) and by number', () => {
    const { found, problems } = resolve('demand', ['Lp.', 'Kod terytorialny', 'Rodzaj', 'Dzieci\nw wieku 3-5'], { municipality: 'KOD TERYTORIALNY', service: 3, demand: 'Dzieci w wieku 3-5' });
    expect(problems).toEqual([]);
    expect(found).toEqual({ municipality: [2], service: [3], demand: [4] });
  });

  it('a weighted sum of columns for a summable field', () => {
    const log = new IssueLog('demand.csv');
    const columns = resolveColumns(['kod', 'usluga', '0-4', '5-9'], 'demand', { demand: { '0-4': 0.4, '5-9': 0.4 } }, new Set(), log, 1);
    expect(columns.get('demand')).toEqual({ columns: [2, 3], weights: [0.4, 0.4] });
    expect(log.issues).toEqual([]);
  });

  it('reports a mapped column that is not there, or out of range', () => {
    const { problems } = resolve('supply', ['kod', 'usluga', 'miejsca'], { capacity: 'pojemność', service: 7 });
    expect(problems).toEqual(["service: column number 7 is outside the header's 3 columns (mapped in the manifest)", 'capacity: no column "pojemność" in the header (mapped in the manifest)']);
  });

  it('reports a missing required column, naming what was found', () => {
    expect(resolve('demand', ['municipality', 'service', 'value']).problems).toEqual([
      'missing required column "demand" (found: "municipality", "service", "value"); map it in servflow.json "columns" if it has another name',
    ]);
  });
});
