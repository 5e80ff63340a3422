/**
 * Core membership stated once (issue 17): playerInCore decides every
 * per-player core flag the reports and the explorer show.
 */
import { describe, expect, it } from 'vitest';
import { allocationInCore, playerInCore, shapleySaving, type CostSharing } from './cost-sharing-result.js';

const check = (violations: { coalition: number[]; excess: number }[]) => ({ complete: true, checked: 7, violations });

/** Three players; the Shapley value not computed for player 2 (NaN); the coalition {0, 1} pays 5 above going alone under SCRB. */
const sharing = {
  standalone: Float64Array.of(10, 20, 30),
  shapley: Float64Array.of(8, 15, NaN),
  scrb: Float64Array.of(9, 16, 25),
  byUse: Float64Array.of(10, 10, 10),
  byPopulation: Float64Array.of(5, 10, 15),
  coreAllocation: Float64Array.of(NaN, NaN, NaN),
  core: { shapley: check([]), scrb: check([{ coalition: [0, 1], excess: 5 }]), by_use: check([]), by_population: check([]), core_allocation: check([]) },
} as unknown as CostSharing;

describe('playerInCore', () => {
  it('is false for a player in a coalition that pays more than going alone, true for the others', () => {
    expect([0, 1, 2].map((k) => playerInCore(sharing, 'scrb', k))).toEqual([false, false, true]);
    expect([0, 1, 2].map((k) => playerInCore(sharing, 'by_use', k))).toEqual([true, true, true]);
  });

  it('is undefined where the rule was not computed for the player (NaN share) or not at all (no nucleolus)', () => {
    expect([0, 1, 2].map((k) => playerInCore(sharing, 'shapley', k))).toEqual([true, true, undefined]);
    expect(playerInCore(sharing, 'nucleolus', 0)).toBeUndefined();
    expect(playerInCore(sharing, 'core_allocation', 0)).toBeUndefined();
  });
});

describe('allocationInCore and shapleySaving', () => {
  it('an allocation is in the core when no coalition checked pays more; the saving is c({k}) − φ_k', () => {
    expect(allocationInCore(sharing.core.shapley)).toBe(true);
    expect(allocationInCore(sharing.core.scrb)).toBe(false);
    expect([0, 1, 2].map((k) => shapleySaving(sharing, k))).toEqual([2, 5, NaN]);
  });
});
