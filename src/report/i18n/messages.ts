/**
 * Everything a report says, per language. A catalogue gives number
 * formatting, names of classes and kinds, headings, column labels and every
 * sentence of the findings. Renderers and the document builder never hold
 * wording of their own.
 */
import type { MunicipalityClass } from '../../analysis/imbalance/imbalance.js';
import type { MunicipalityKind } from '../../model/teryt.js';
import type { Issue } from '../../model/issue.js';
import type { Service } from '../../model/types.js';
import type { Lang } from '../document.js';
import type { HtmlLabels } from '../visuals.js';

/** The words of the summary `servflow analyze` prints on the terminal (src/report/terminal.ts). */
export interface TerminalWords {
  overview(municipalities: number, partners: number, services: number): string;
  /** A service's unit as a name (Polish: plural nominative, `miejsca`). */
  unit(unit: string): string;
  readonly estimated: string;
  /** Row labels. */
  readonly partners: string;
  readonly inDeficit: string;
  readonly mainProvider: string;
  readonly inequality: string;
  /** Supply for demand and coverage, up to the word before the unmet count. */
  supply(supply: number, demand: number, coverage: number | null, unit: string): string;
  readonly flowsEstimated: string;
  /** After the largest deficits: how many more partners are in deficit (all are in imbalance.csv). */
  moreInDeficit(count: number): string;
  readonly none: string;
  readonly noProvider: string;
  provider(name: string, inflow: number): string;
  readonly fewPartners: string;
  inequalityValues(gini: number, theil: number | null, cv: number | null, maxMin: number | null): string;
  wrote(files: readonly string[], folder: string): string;
}

export interface Messages {
  readonly lang: Lang;
  /** The summary printed on the terminal. */
  readonly terminal: TerminalWords;
  /** A count of a service's unit shown whole, declined in Polish: 1 miejsce, 22 miejsca, 412 miejsc. */
  places(count: number, unit: string): string;
  /** Everything report.html's charts and map say. */
  readonly html: HtmlLabels;
  /** The words of report.xlsx's notes sheet, and the fallback name of an untitled sheet. */
  readonly xlsx: { readonly sheet: string; readonly sheetColumn: string; readonly noteColumn: string; readonly table: string };
  // --- numbers -----------------------------------------------------------
  num(value: number | null | undefined, decimals?: number): string;
  pct(value: number | null | undefined, decimals?: number): string;
  signed(value: number): string;
  money(value: number): string;
  list(items: readonly string[]): string;
  yes: string;
  no: string;
  // --- names -------------------------------------------------------------
  /** A service's name in this language (Polish: the optional `name_pl` column). */
  serviceName(service: Service): string;
  classes: Readonly<Record<MunicipalityClass, string>>;
  kinds: Readonly<Record<MunicipalityKind, string>>;
  flowKinds: { observed: string; estimated: string; calibrated: string; notCalibrated: string; newFacility: string; expansion: string };
  decay: { exp: string; pow: string };
  // --- document ----------------------------------------------------------
  title(name: string, year: number | undefined): string;
  partnersLine(partners: readonly string[], others: readonly string[]): string;
  /** The same for more partners than a sentence can list. */
  partnersCount(partners: number, others: number): string;
  headings: {
    findings: string;
    workingTogether: string;
    gravity: string;
    graph: string;
    warnings: string;
    service(name: string, unit: string): string;
    agreements(service: string): string;
    investments(service: string): string;
    costSharing(service: string, total: string): string;
  };
  /** Short titles of report.xlsx's sheets (cut at a word boundary to 31 characters). */
  sheets: {
    agreements(service: string): string;
    investments(service: string): string;
    costSharing(service: string): string;
    readonly gravity: string;
    readonly graph: string;
  };
  columns: Readonly<Record<string, string>>;
  notes: {
    imbalance(catchment: string): string;
    inferred: string;
    notPartner: string;
    estimated: string;
    gravity: string;
    graph(density: string, reciprocity: string): string;
    costSharing(lambda: string, complete: boolean): string;
    /** Under a long agreements table in report.md and report.html: only the largest are listed there. */
    largestAgreements(shown: number, total: number): string;
    /** Under a long municipality table: the rows shown are those with the largest unmet demand, then the largest deficit. */
    largestShortfalls(shown: number, total: number): string;
    /** Under a long flow-graph table: the rows shown are those with the highest PageRank. */
    highestPagerank(shown: number, total: number): string;
    /** Under a long investments table: the rows shown are the largest investments. */
    largestInvestments(shown: number, total: number): string;
    /** Under a long cost-sharing table: the rows shown are the partners with the largest stand-alone costs. */
    largestStandalone(shown: number, total: number): string;
    footer: string;
  };
  // --- findings (§1–§4) ---------------------------------------------------
  partnersHave(supply: number, unit: string, demand: number, coverage: number | null, unmet: number, estimated: boolean): string;
  underserved(items: readonly { name: string; unmet: number; share: number }[]): string;
  deficit(unit: string, items: readonly { name: string; short: number }[]): string;
  noDeficit(unit: string): string;
  mainProvider(name: string, partner: boolean, inflow: number, attraction: number | null, fromPartners: number): string;
  dependsOn(name: string, dependency: number | null, unit: string, top?: { name: string; users: number }): string;
  /** After the most dependent partners: how many more there are. */
  moreDependent(count: number): string;
  /** Estimated flows: residents with no place within reach, all and partners', and how far the model looks. */
  noPlaceWithinReach(all: number, partners: number, reachKm: number): string;
  /** Estimated flows: partners' unmet demand and the main provider's inflow at β/2, β and 2β. */
  decaySensitivity(form: 'exp' | 'pow', points: readonly { beta: number; unmet: number; providerInflow: number }[], provider: string | undefined): string;
  inferredLocal(names: readonly string[]): string;
  inequality(gini: number, theil: number | null, cv: number | null, maxMin: number | null): string;
  gravityCalibrated(form: 'exp' | 'pow', beta: number, betaSE: number | null, alpha: number, sorensen: number, pseudoR2: number, meanTrip: number): string;
  /** `source`: where β came from (decay_beta, parameter, borrowed from `donor`, default). */
  gravityEstimated(form: 'exp' | 'pow', beta: number, source: 'decay_beta' | 'parameter' | 'borrowed' | 'default' | 'calibrated', donor: string | undefined, reachKm: number): string;
  gravityFailed(note: string | undefined): string;
  noAreas: string;
  areasIntro(count: number, modularity: number): string;
  areaAround(core: string, members: readonly string[]): string;
  areasAlone(names: readonly string[]): string;
  // --- cooperation (§5–§7) -------------------------------------------------
  sharingDeals(
    unit: string,
    catchment: number,
    after: number,
    baseline: number,
    estimated: boolean,
    deals: readonly { buyer: string; items: readonly { provider: string; places: number }[] }[],
    yearly: number,
    places: number,
    incremental: boolean,
  ): string;
  sharingBetterUse(unit: string, after: number, baseline: number, estimated: boolean): string;
  sharingNone(unit: string, catchment: number): string;
  plan(
    residents: number,
    optimal: boolean,
    gap: number,
    built: readonly { kind: 'new' | 'expansion'; count?: number; name: string; places: number; unit: string; also: readonly string[] }[],
    investment: number,
    opex: number,
  ): string;
  planBudget(
    budget: number,
    left: number,
    optimal: boolean,
    built: readonly { kind: 'new' | 'expansion'; count?: number; name: string; places: number; unit: string; also: readonly string[] }[],
    served: number,
    investment: number,
    opex: number,
  ): string;
  noInvestment: string;
  unreachable(items: readonly { name: string; residents: number }[], catchment: number): string;
  unservedInBudget(residents: number): string;
  capacityShort(residents: number): string;
  withoutBudget(total: number): string;
  shapleySplit(total: number, exact: boolean, permutations: number, shares: readonly { name: string; share: number; se: number; saving: number }[]): string;
  /** SCRB and (when computed) nucleolus shares; players whose SCRB remaining benefit is negative. */
  /** Players of groups above `limit` players, for whom the Shapley value and SCRB are not computed. */
  largeGroups(players: number, limit: number): string;
  /** Coalition costs of groups above `exact` players come from at most `solves` LP solves each; the largest gap to the bound (percent). */
  coalitionCostGap(percent: number, solves: number, exact: number, provedWithin: number): string;
  /** `nucleolusEverywhere` false: the nucleolus shares are those of the bill groups where it is computed. */
  otherRules(scrb: readonly { name: string; share: number }[], nucleolus: readonly { name: string; share: number }[] | undefined, negative: readonly string[], nucleolusEverywhere?: boolean): string;
  /** Residents a player's stand-alone cost pays at their outside option (its territory cannot serve them). */
  outsideOption(items: readonly { name: string; residents: number }[]): string;
  ruleNotInCore(rule: 'by_use' | 'by_population' | 'scrb' | 'nucleolus', members: readonly string[], excess: number, violations: number): string;
  shapleyNotInCore(violations: number): string;
  /** A data warning for the report. */
  warning(issue: Issue): string;
}
