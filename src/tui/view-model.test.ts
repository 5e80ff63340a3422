import { describe, expect, it } from 'vitest';
import { analyzeAsLoaded } from '../testing/analysis.js';
import { loadDataset } from '../io/load-dataset.js';
import { loadSolver } from '../cli/solver.js';
import { playerInCore } from '../analysis/cost-sharing/cost-sharing-result.js';
import { cooperationOf, type ServiceCooperation } from './cooperation.js';
import { lineText, type Line } from './line.js';
import { balanceBar, tableLayout, tableOrder } from './municipality-table.js';
import { INITIAL_STATE, SORTS, type UiState } from './state.js';
import { cells } from './text.js';
import { explorerData, screenModel, type Body, type ScreenModel } from './view-model.js';

// Alfa, Beta, Gamma, Delta (partners) and Epsilon (a neighbour): METHODS §1 worked by hand in WORKED.md
const analysis = analyzeAsLoaded(loadDataset('fixtures/analysis/hand-imbalance').dataset);
const data = explorerData(analysis);
const nursery = analysis.services.findIndex((result) => result.service.id === 'nursery');
const byName = (name: string): number => analysis.dataset.municipalities.findIndex((m) => m.name === name);

function bodyLines(body: Body): readonly Line[] {
  switch (body.kind) {
    case 'overview':
      return [body.model.header, ...body.model.services, ...body.model.panel];
    case 'municipalities':
      return [body.model.header, ...body.model.rows, body.model.status];
    case 'detail':
    case 'investments':
      return [...body.lines, ...(body.status ? [body.status] : [])];
    case 'text':
      return body.lines;
  }
}

const screenText = (screen: ScreenModel): string[] => [...screen.header, ...bodyLines(screen.body), screen.footer].map(lineText);

describe('tableOrder', () => {
  const rows = data.rows[nursery];
  const names = (order: readonly number[]): string[] => order.map((i) => analysis.dataset.municipalities[i].name);

  it('sorts by every column, ties by name', () => {
    // nursery balances: Alfa +10, Beta −20, Gamma −15, Delta 0, Epsilon +15
    expect(names(tableOrder(rows, { column: 'name', descending: false }, ''))).toEqual(['Alfa', 'Beta', 'Delta', 'Epsilon', 'Gamma']);
    expect(names(tableOrder(rows, { column: 'balance', descending: false }, ''))).toEqual(['Beta', 'Gamma', 'Delta', 'Alfa', 'Epsilon']);
    expect(names(tableOrder(rows, { column: 'supply', descending: true }, ''))).toEqual(['Alfa', 'Delta', 'Epsilon', 'Gamma', 'Beta']);
    expect(names(tableOrder(rows, { column: 'class', descending: false }, ''))).toEqual(['Beta', 'Epsilon', 'Alfa', 'Gamma', 'Delta']);
    for (const sort of SORTS) expect(tableOrder(rows, sort, '').sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it('filters by name or id, ignoring case and diacritics', () => {
    expect(names(tableOrder(rows, SORTS[0], 'AL'))).toEqual(['Alfa']);
    expect(names(tableOrder(rows, SORTS[0], '0402013'))).toEqual(['Epsilon']);
    expect(names(tableOrder(rows, SORTS[0], 'ą'))).toEqual(['Alfa', 'Beta', 'Delta', 'Gamma']);
    expect(tableOrder(rows, SORTS[0], 'zz')).toEqual([]);
  });

  it('does not change the rows', () => {
    const before = rows.map((row) => row.index);
    tableOrder(rows, { column: 'balance', descending: true }, 'a');
    expect(rows.map((row) => row.index)).toEqual(before);
  });
});

describe('table layout', () => {
  it('draws the balance around an axis, deficit left and surplus right', () => {
    const text = (balance: number): string =>
      balanceBar(balance, 20, 4)
        .map((part) => part.text)
        .join('');
    expect(text(-20)).toBe('████│    ');
    expect(text(10)).toBe('    │██  ');
    expect(text(0)).toBe('    │    ');
    expect(text(0.6)).toBe('    │█   ');
  });

  it('keeps a bar down to the narrowest terminal that has room for one', () => {
    expect(tableLayout(80, 19)).toEqual({ name: 16, barHalf: 2, classWidth: 10 });
    expect(tableLayout(80, 7)).toEqual({ name: 14, barHalf: 3, classWidth: 10 });
    expect(tableLayout(100, 19)).toEqual({ name: 19, barHalf: 8, classWidth: 15 });
    expect(tableLayout(200, 19)).toEqual({ name: 32, barHalf: 12, classWidth: 15 });
    expect(tableLayout(40, 19).barHalf).toBe(0);
  });
});

describe('screenModel', () => {
  const views: UiState[] = [
    INITIAL_STATE,
    { ...INITIAL_STATE, view: 'municipalities', service: nursery },
    { ...INITIAL_STATE, view: 'municipalities', filter: 'zz' },
    { ...INITIAL_STATE, view: 'detail', detail: byName('Gamma') },
    { ...INITIAL_STATE, view: 'detail', detail: byName('Epsilon'), scroll: 99 },
    { ...INITIAL_STATE, help: true },
    { ...INITIAL_STATE, view: 'municipalities', typing: true, filter: 'ga' },
  ];
  const sizes = [
    { columns: 40, rows: 10 },
    { columns: 80, rows: 24 },
    { columns: 99, rows: 17 },
    { columns: 100, rows: 30 },
    { columns: 200, rows: 50 },
  ];

  it('fits every view into every size: no line wider than the terminal, no more lines than its rows less one', () => {
    for (const size of sizes) {
      for (const state of views) {
        const screen = screenModel(data, state, size);
        const lines = screenText(screen);
        expect(screen.height).toBe(size.rows - 1);
        expect(lines.length, `${JSON.stringify(state)} at ${size.columns}×${size.rows}`).toBeLessThanOrEqual(screen.height);
        for (const text of lines) expect(cells(text), text).toBeLessThanOrEqual(size.columns);
      }
    }
  });

  it('says when the terminal is too small', () => {
    const screen = screenModel(data, INITIAL_STATE, { columns: 30, rows: 8 });
    expect(screenText(screen).join(' ')).toContain('terminal too small: 30×8, need 40×10 (q quits)');
    for (const text of screenText(screen)) expect(cells(text)).toBeLessThanOrEqual(30);
  });

  it('scrolls a long detail and reports where', () => {
    const state: UiState = { ...INITIAL_STATE, view: 'detail', detail: byName('Alfa'), scroll: 2 };
    const screen = screenModel(data, state, { columns: 80, rows: 16 });
    expect(screen.bounds.scrollMax).toBeGreaterThan(0);
    expect(lineText(bodyLines(screen.body).at(-1)!)).toMatch(/^lines 3–13 of \d+ · ↑↓ scroll$/);
  });

  it('shows inflows and outflows from the flows of the service', () => {
    const alfa = screenText(
      screenModel(data, { ...INITIAL_STATE, view: 'detail', detail: byName('Alfa'), service: analysis.services.findIndex((r) => r.service.id === 'preschool') }, { columns: 80, rows: 60 }),
    );
    // preschool flows into Alfa: Beta 25, Gamma 20 (fixtures/analysis/hand-imbalance/flows.csv)
    expect(alfa).toContain('Inflows: 45 users from 2 municipalities');
    expect(alfa.find((text) => text.includes('Beta'))).toMatch(/^• Beta\s+25\s+[\d.]+ km$/);
    expect(alfa.find((text) => text.includes('Gamma'))).toMatch(/^• Gamma\s+20\s+[\d.]+ km$/);
    expect(alfa).toContain('Outflows');
    expect(alfa).toContain('no residents served elsewhere');
  });

  it('leaves out the cooperation sections without cooperation results', () => {
    for (const size of sizes) {
      const text = screenText(screenModel(data, { ...INITIAL_STATE, view: 'detail', detail: byName('Beta') }, { ...size, rows: 80 })).join('\n');
      expect(text).not.toMatch(/Agreements|Facilities serving it|Cost shares/);
    }
  });

  it('shows each cooperation section only with its data, for the municipalities it concerns', () => {
    const beta = byName('Beta');
    const alfa = byName('Alfa');
    const gamma = byName('Gamma');
    const cooperation: ServiceCooperation = {
      agreements: [{ buyer: beta, provider: alfa, places: 12, km: 7.5, yearlyCost: 192000 }],
      facilities: [{ municipality: gamma, kind: 'new', count: 1, places: 30, capex: 2850000, opexPerYear: 600000, serves: [{ municipality: beta, residents: 8, km: 6.2 }], meanKm: 3.1, maxKm: 6.2 }],
    };
    const withData = explorerData(
      analysis,
      analysis.services.map((_, s) => (s === nursery ? cooperation : undefined)),
    );
    const text = (municipality: number, columns: number): string =>
      screenText(screenModel(withData, { ...INITIAL_STATE, view: 'detail', detail: municipality, service: nursery }, { columns, rows: 80 })).join('\n');
    for (const columns of [80, 200]) {
      expect(text(beta, columns)).toContain('Agreements');
      expect(text(beta, columns)).toContain('buys  12 places from Alfa (7.5 km), 192,000 PLN a year');
      expect(text(alfa, columns)).toContain('sells 12 places to Beta (7.5 km), 192,000 PLN a year');
      expect(text(beta, columns)).toContain('new in Gamma: 30 places, capex 2,850,000 PLN, 600,000 PLN a year');
      expect(text(beta, columns)).toContain('  8 residents from here at 6.2 km');
      expect(text(beta, columns)).toContain('  serves 1 municipality, mean 3.1 km, max 6.2 km');
      expect(text(byName('Delta'), columns)).not.toMatch(/Agreements|Facilities serving it/);
      expect(text(beta, columns)).not.toContain('Cost shares');
    }
    const shares = explorerData(
      analysis,
      analysis.services.map(() => ({ costShares: [{ municipality: beta, standalone: 900000, byUse: 500000, byPopulation: 450000, shapley: 480000, shapleySE: 0 }] })),
    );
    const betaShares = screenText(screenModel(shares, { ...INITIAL_STATE, view: 'detail', detail: beta }, { columns: 80, rows: 80 }));
    expect(betaShares).toContain('Cost shares');
    expect(betaShares).toContain('Shapley value   480,000 PLN (SE 0)');
    expect(betaShares.join('\n')).not.toMatch(/saving|in the core/);
  });
});

describe('cooperationOf', () => {
  it('finds nothing in an analysis run without a solver', () => {
    expect(cooperationOf(analysis)).toEqual([undefined, undefined]);
  });

  it('takes agreements, facilities and cost shares from an analysis run with a solver, as the CSV reports do', async () => {
    const withCooperation = analyzeAsLoaded(loadDataset('fixtures/analysis/hand-imbalance').dataset, { solver: await loadSolver() });
    const views = cooperationOf(withCooperation);
    withCooperation.services.forEach((result, s) => {
      const c = result.cooperation!;
      expect(views[s]!.agreements).toEqual(c.agreements.map(({ buyer, provider, places, km, yearlyCost }) => ({ buyer, provider, places, km, yearlyCost })));
      expect(views[s]!.facilities).toBe(c.investment.facilities);
      expect(views[s]!.costShares).toEqual(
        c.costSharing.players.map((municipality, k) => ({
          municipality,
          standalone: c.costSharing.standalone[k],
          byUse: c.costSharing.byUse[k],
          byPopulation: c.costSharing.byPopulation[k],
          shapley: c.costSharing.shapley[k],
          shapleySE: c.costSharing.shapleySE[k],
          saving: c.costSharing.standalone[k] - c.costSharing.shapley[k],
          coreOk: playerInCore(c.costSharing, 'shapley', k),
        })),
      );
    });
    // the detail of a partner that buys places shows the agreement
    const preschool = withCooperation.services.findIndex((result) => result.service.id === 'preschool');
    const agreement = withCooperation.services[preschool].cooperation!.agreements[0];
    const names = explorerData(withCooperation).names;
    const text = screenText(screenModel(explorerData(withCooperation), { ...INITIAL_STATE, view: 'detail', service: preschool, detail: agreement.buyer }, { columns: 80, rows: 80 }));
    expect(text).toContain('Agreements');
    expect(text.some((line) => line.startsWith(`buys  ${agreement.places} places from ${names[agreement.provider]}`))).toBe(true);
  });
});
