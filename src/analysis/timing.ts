/**
 * Phases of the analysis, for the benchmark (`npm run bench`): a timer is a
 * wrapper the analysis calls around each phase's work. The analysis itself
 * never reads a clock; without a timer the work simply runs.
 */
export type Phase = 'distances' | 'imbalance' | 'gravity' | '2sfca' | 'graphs' | 'sharing' | 'location' | 'cost sharing';

export type PhaseTimer = <T>(phase: Phase, work: () => T) => T;

export const untimed: PhaseTimer = (_phase, work) => work();
