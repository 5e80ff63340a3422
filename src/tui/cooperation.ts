/**
 * Cooperation results of a service as the explorer shows them: capacity
 * sharing agreements (METHODS §5), proposed facilities (§6) and cost shares
 * (§7), field for field the columns of agreements.csv, investments.csv and
 * cost-sharing.csv in CLI.md. They are in the analysis only when it was run
 * with a solver (`servflow explore` does, unless `--no-cooperation`); without them the detail
 * view leaves their sections out (it never shows a section without data).
 */
import type { Analysis } from '../analysis/analyze.js';
import type { PlannedFacility, ServiceCooperation as AnalysisCooperation } from '../analysis/cooperation.js';
import { playerInCore, shapleySaving, type CostSharing } from '../analysis/cost-sharing/cost-sharing-result.js';
import { humanNumber } from '../engines/number-format.js';
import { line, segment, type Line } from './line.js';

/** A recommended agreement (§5), as the analysis gives it: buyer and provider are dataset indices, the cost PLN per year. */
export type Agreement = AnalysisCooperation['agreements'][number];

/** A proposed facility or expansion (§6), as the analysis gives it. */
export type Facility = PlannedFacility;

export interface CostShare {
  readonly municipality: number;
  readonly standalone: number;
  readonly byUse: number;
  readonly byPopulation: number;
  readonly shapley: number;
  readonly shapleySE: number;
  /** Separable costs – remaining benefits. */
  readonly scrb?: number;
  /** The nucleolus, when computed. */
  readonly nucleolus?: number;
  /** Stand-alone cost minus the Shapley value, when computed. */
  readonly saving?: number;
  /** The Shapley allocation is in the core, when checked. */
  readonly coreOk?: boolean;
  /** Per rule, whether this municipality is in the core under the rule's shares (playerInCore), when checked. */
  readonly inCore?: Readonly<Partial<Record<RuleCore['rule'], boolean>>>;
}

/** A cost-sharing rule's core check (METHODS §7): coalitions that would pay more than on their own. */
export interface RuleCore {
  readonly rule: 'shapley' | 'scrb' | 'nucleolus' | 'by_use' | 'by_population';
  /** Every coalition was checked; else singletons, complements and pairs only. */
  readonly complete: boolean;
  readonly checked: number;
  /** Each coalition as municipalities (dataset indices), with what it pays above going alone. */
  readonly violations: readonly { readonly coalition: readonly number[]; readonly excess: number }[];
}

export interface ServiceCooperation {
  readonly agreements?: readonly Agreement[];
  readonly facilities?: readonly Facility[];
  readonly costShares?: readonly CostShare[];
  /** Investment plan totals (§6). */
  readonly investment?: { readonly capex: number; readonly opexPerYear: number };
  /** Shapley values are exact (else Monte-Carlo, with standard errors). */
  readonly exact?: boolean;
  /** Cost of the grand coalition (§7). */
  readonly grandCost?: number;
  /** The core check of each rule, in the order Shapley, SCRB, nucleolus (when computed), by use, by population. */
  readonly core?: readonly RuleCore[];
  /** The nucleolus was computed (at most 12 players per group, and an imputation exists). */
  readonly nucleolusComputed?: boolean;
}

/** The rules whose core checks the explorer shows, in its order. */
const CORE_RULES: readonly RuleCore['rule'][] = ['shapley', 'scrb', 'nucleolus', 'by_use', 'by_population'];

/** Player k's core membership under each rule checked for its group. */
function inCoreByRule(sharing: CostSharing, k: number): Partial<Record<RuleCore['rule'], boolean>> {
  const found: Partial<Record<RuleCore['rule'], boolean>> = {};
  for (const rule of CORE_RULES) {
    const inCore = playerInCore(sharing, rule, k);
    if (inCore !== undefined) found[rule] = inCore;
  }
  return found;
}

/** Per analysed service, its cooperation results; undefined where the analysis has none. */
export function cooperationOf(analysis: Analysis): readonly (ServiceCooperation | undefined)[] {
  return analysis.services.map(({ cooperation: c }) => {
    if (!c) return undefined;
    const s = c.costSharing;
    return {
      agreements: c.agreements,
      facilities: c.investment.facilities,
      costShares: s.players.map((municipality, k) => ({
        municipality,
        standalone: s.standalone[k],
        byUse: s.byUse[k],
        byPopulation: s.byPopulation[k],
        shapley: s.shapley[k],
        shapleySE: s.shapleySE[k],
        scrb: s.scrb[k],
        ...(s.nucleolus && !Number.isNaN(s.nucleolus[k]) ? { nucleolus: s.nucleolus[k] } : {}),
        // as in cost-sharing.csv
        saving: shapleySaving(s, k),
        coreOk: playerInCore(s, 'shapley', k),
        inCore: inCoreByRule(s, k),
      })),
      investment: { capex: c.investment.investment, opexPerYear: c.investment.opexPerYear },
      exact: s.exact,
      grandCost: s.grandCost,
      nucleolusComputed: s.nucleolusComplete,
      core: CORE_RULES.flatMap((rule) => {
        const check = s.core[rule];
        return check
          ? [{ rule, complete: check.complete, checked: check.checked, violations: check.violations.map((v) => ({ coalition: v.coalition.map((k) => s.players[k]), excess: v.excess })) }]
          : [];
      }),
    };
  });
}

export interface Section {
  readonly title: string;
  readonly lines: readonly Line[];
}

const pln = (value: number): string => `${humanNumber(value)} PLN`;

/** Agreements the municipality buys or provides places under; undefined when there are none. */
export function agreementSection(cooperation: ServiceCooperation | undefined, municipality: number, names: readonly string[], unit: string): Section | undefined {
  const mine = (cooperation?.agreements ?? []).filter((a) => a.buyer === municipality || a.provider === municipality);
  if (mine.length === 0) return undefined;
  return {
    title: 'Agreements',
    lines: mine.map((a) =>
      a.buyer === municipality
        ? line(segment('buys  ', 'bad'), `${humanNumber(a.places)} ${unit} from ${names[a.provider]} (${humanNumber(a.km, 1)} km), ${pln(a.yearlyCost)} a year`)
        : line(segment('sells ', 'good'), `${humanNumber(a.places)} ${unit} to ${names[a.buyer]} (${humanNumber(a.km, 1)} km), ${pln(a.yearlyCost)} a year`),
    ),
  };
}

/** Proposed facilities that serve the municipality's residents; undefined when none does. */
export function facilitySection(cooperation: ServiceCooperation | undefined, municipality: number, names: readonly string[], unit: string): Section | undefined {
  const serving = (cooperation?.facilities ?? []).filter((f) => f.municipality === municipality || f.serves.some((s) => s.municipality === municipality));
  if (serving.length === 0) return undefined;
  return {
    title: 'Facilities serving it',
    lines: serving.flatMap((f) => {
      const here = f.serves.find((s) => s.municipality === municipality);
      return [
        line(
          segment(`${f.count > 1 ? `${f.count} × ${f.kind}` : f.kind} in ${names[f.municipality]}`, 'bold'),
          `: ${humanNumber(f.places)} ${unit}, capex ${pln(f.capex)}, ${pln(f.opexPerYear)} a year`,
        ),
        ...(here ? [line(`  ${humanNumber(here.residents)} residents from here at ${humanNumber(here.km, 1)} km`)] : []),
        line(segment(`  serves ${f.serves.length} municipalit${f.serves.length === 1 ? 'y' : 'ies'}, mean ${humanNumber(f.meanKm, 1)} km, max ${humanNumber(f.maxKm, 1)} km`, 'dim')),
      ];
    }),
  };
}

/** The municipality's share of the costs under each rule; undefined without cost shares. */
export function costShareSection(cooperation: ServiceCooperation | undefined, municipality: number): Section | undefined {
  const share = (cooperation?.costShares ?? []).find((s) => s.municipality === municipality);
  if (!share) return undefined;
  const row = (label: string, value: string, tone: 'plain' | 'good' | 'bad' = 'plain'): Line => line(label.padEnd(16), segment(value, tone));
  return {
    title: 'Cost shares',
    lines: [
      row('stand-alone', pln(share.standalone)),
      row('by use', pln(share.byUse)),
      row('by population', pln(share.byPopulation)),
      row('Shapley value', `${pln(share.shapley)} (SE ${humanNumber(share.shapleySE)})`),
      ...(share.scrb === undefined ? [] : [row('SCRB', pln(share.scrb))]),
      row('nucleolus', share.nucleolus === undefined ? 'not computed' : pln(share.nucleolus)),
      ...(share.saving === undefined ? [] : [row('saving', pln(share.saving), share.saving > 0 ? 'good' : share.saving < 0 ? 'bad' : 'plain')]),
      ...(share.coreOk === undefined ? [] : [row('in the core', share.coreOk ? 'yes' : 'no', share.coreOk ? 'good' : 'bad')]),
    ],
  };
}
