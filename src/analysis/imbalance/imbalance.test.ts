/**
 * imbalance() and classify() (METHODS.md §1): edge input first, then tiny
 * cases worked by hand. The full hand-worked dataset is
 * fixtures/analysis/hand-imbalance (see hand-imbalance.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { classify, imbalance, type ServiceFlows, type Thresholds } from './imbalance.js';

const THRESHOLDS: Thresholds = Object.freeze({ underservedShare: 0.05, hubAttraction: 0.1, dependentShare: 0.25 });

/** Flows from [origin, destination, users] triples. */
function flows(...rows: [number, number, number][]): ServiceFlows {
  return Object.freeze({
    length: rows.length,
    origin: Int32Array.from(rows.map((row) => row[0])),
    destination: Int32Array.from(rows.map((row) => row[1])),
    users: Float64Array.from(rows.map((row) => row[2])),
  });
}

const NO_FLOWS = flows();

function run(supply: number[], demand: number[], serviceFlows: ServiceFlows = NO_FLOWS, thresholds: Thresholds = THRESHOLDS) {
  return imbalance(Float64Array.from(supply), Float64Array.from(demand), serviceFlows, thresholds);
}

describe('imbalance: edge input', () => {
  it('no municipalities gives no rows', () => {
    expect(run([], [])).toEqual([]);
  });

  it('zero supply and zero demand: all zeros, every ratio null, self-sufficient', () => {
    expect(run([0], [0])[0]).toEqual({
      supply: 0,
      demand: 0,
      inflow: 0,
      outflow: 0,
      local: 0,
      localInferred: true,
      servedResidents: 0,
      users: 0,
      unmet: 0,
      spare: 0,
      balance: 0,
      coverage: null,
      netFlow: 0,
      selfSufficiency: null,
      dependency: null,
      attraction: null,
      class: 'self-sufficient',
    });
  });

  it('zero demand: coverage null, nothing unmet, the places spare; never underserved', () => {
    const [row] = run([10], [0]);
    expect(row).toMatchObject({
      local: 0,
      servedResidents: 0,
      users: 0,
      unmet: 0,
      spare: 10,
      balance: 10,
      coverage: null,
      selfSufficiency: null,
      dependency: null,
      attraction: null,
      class: 'self-sufficient',
    });
  });

  it('zero supply: coverage 0, all demand unmet, underserved', () => {
    const [row] = run([0], [20]);
    expect(row).toMatchObject({ local: 0, localInferred: true, servedResidents: 0, unmet: 20, spare: 0, balance: -20, coverage: 0, class: 'underserved' });
  });

  it('no flows at all: local use is min(D, S) everywhere, flagged as inferred', () => {
    const rows = run([30, 50], [40, 20]);
    expect(rows.map((row) => [row.local, row.localInferred, row.unmet, row.spare, row.inflow, row.outflow])).toEqual([
      [30, true, 10, 0, 0, 0],
      [20, true, 0, 30, 0, 0],
    ]);
    expect(rows.map((row) => [row.selfSufficiency, row.dependency, row.attraction])).toEqual([
      [1, 0, 0],
      [1, 0, 0],
    ]);
  });

  it('inflow above capacity: inferred local use is clamped to 0, users exceed supply, no spare', () => {
    // 1 has S = 5 and receives 8 from 0: max(0, min(10 − 0, 5 − 8)) = 0
    const [, row] = run([0, 5], [8, 10], flows([0, 1, 8]));
    expect(row).toMatchObject({ inflow: 8, local: 0, localInferred: true, users: 8, spare: 0, servedResidents: 0, unmet: 10, attraction: 1, selfSufficiency: null });
  });

  it('a given local use of 0 is used as given, not inferred', () => {
    const [row] = run([10], [10], flows([0, 0, 0]));
    expect(row).toMatchObject({ local: 0, localInferred: false, unmet: 10, spare: 10, class: 'underserved' });
  });
});

describe('imbalance: tiny cases by hand', () => {
  // 0: S 100, D 80, local 70 given; 1: S 20, D 50, sends 25 to 0, local inferred
  const rows = run([100, 20], [80, 50], flows([1, 0, 25], [0, 0, 70]));

  it('municipality 0: given local use, receives 25', () => {
    // R = 70, U = 95, M = 10 (10/80 = 0.125 ≥ 0.05), C = 5
    expect(rows[0]).toEqual({
      supply: 100,
      demand: 80,
      inflow: 25,
      outflow: 0,
      local: 70,
      localInferred: false,
      servedResidents: 70,
      users: 95,
      unmet: 10,
      spare: 5,
      balance: 20,
      coverage: 1.25,
      netFlow: 25,
      selfSufficiency: 1,
      dependency: 0,
      attraction: 25 / 95,
      class: 'underserved',
    });
  });

  it('municipality 1: local inferred as max(0, min(50 − 25, 20 − 0)) = 20', () => {
    // R = 45, U = 20, M = 5 (5/50 = 0.10), C = 0
    expect(rows[1]).toEqual({
      supply: 20,
      demand: 50,
      inflow: 0,
      outflow: 25,
      local: 20,
      localInferred: true,
      servedResidents: 45,
      users: 20,
      unmet: 5,
      spare: 0,
      balance: -30,
      coverage: 0.4,
      netFlow: -25,
      selfSufficiency: 20 / 45,
      dependency: 25 / 45,
      attraction: 0,
      class: 'underserved',
    });
  });

  it('does not depend on the order of flow rows', () => {
    expect(run([100, 20], [80, 50], flows([0, 0, 70], [1, 0, 25]))).toEqual(rows);
  });

  it('a hub, a dependent and a self-sufficient municipality', () => {
    // 0: S 60, D 40, local 40 given, receives 10 + 2: N 12, α 12/52 → hub
    // 1: S 30, D 40, sends 10, local inferred min(30, 30) = 30: δ 10/40 = 0.25 → dependent
    // 2: S 50, D 50, sends 2, local inferred min(48, 50) = 48: δ 2/50 → self-sufficient
    const result = run([60, 30, 50], [40, 40, 50], flows([0, 0, 40], [1, 0, 10], [2, 0, 2]));
    expect(result.map((row) => [row.local, row.unmet, row.netFlow, row.class])).toEqual([
      [40, 0, 12, 'hub'],
      [30, 0, -10, 'dependent'],
      [48, 0, -2, 'self-sufficient'],
    ]);
    expect(result[0].attraction).toBe(12 / 52);
  });

  it('does not mutate its input', () => {
    const supply = Float64Array.from([100, 20]);
    const demand = Float64Array.from([80, 50]);
    const input = flows([1, 0, 25], [0, 0, 70]);
    const copies = [supply.slice(), demand.slice(), input.origin.slice(), input.destination.slice(), input.users.slice()];
    imbalance(supply, demand, input, THRESHOLDS);
    expect([supply, demand, input.origin, input.destination, input.users]).toEqual(copies);
  });
});

describe('classify: thresholds, tested in order', () => {
  it('underserved when M/D ≥ 0.05, the threshold itself included', () => {
    expect(classify(100, 5, 10, 0.5, 0.5, THRESHOLDS)).toBe('underserved');
    expect(classify(100, 4, 10, 0.5, 0.5, THRESHOLDS)).toBe('hub');
  });

  it('never underserved without demand', () => {
    expect(classify(0, 0, 0, null, null, THRESHOLDS)).toBe('self-sufficient');
  });

  it('hub needs N > 0 and α ≥ 0.10', () => {
    expect(classify(100, 0, 1, 0.1, 0, THRESHOLDS)).toBe('hub');
    expect(classify(100, 0, 1, 0.09, 0, THRESHOLDS)).toBe('self-sufficient');
    expect(classify(100, 0, 0, 0.5, 0, THRESHOLDS)).toBe('self-sufficient');
    expect(classify(100, 0, 1, null, 0, THRESHOLDS)).toBe('self-sufficient');
  });

  it('dependent when δ ≥ 0.25, the threshold itself included', () => {
    expect(classify(100, 0, -25, 0, 0.25, THRESHOLDS)).toBe('dependent');
    expect(classify(100, 0, -24, 0, 0.24, THRESHOLDS)).toBe('self-sufficient');
    expect(classify(100, 0, 0, null, null, THRESHOLDS)).toBe('self-sufficient');
  });

  it('takes the thresholds it is given', () => {
    const strict = { underservedShare: 0.01, hubAttraction: 0.5, dependentShare: 0.1 };
    expect(classify(100, 2, 10, 0.4, 0.2, strict)).toBe('underserved');
    expect(classify(100, 0, 10, 0.4, 0.2, strict)).toBe('dependent');
  });
});
