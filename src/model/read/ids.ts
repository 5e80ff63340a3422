/**
 * Resolving municipality and service references in supply, demand, flows and
 * distances: TERYT normalisation, aggregate and part rows, unknown ids with a
 * "did you mean" suggestion. Cached per distinct cell, so a million rows with
 * a few thousand distinct ids cost a few thousand normalisations.
 */
import type { IssueLog } from '../issue.js';
import { quote } from '../issue.js';
import { didYouMean, type Candidate } from '../suggest.js';
import { normaliseId } from '../teryt.js';

/** Index of the municipality, or why the row is not used. */
export type Resolved = number | 'skip' | 'unknown';

export interface IdIndex {
  readonly index: ReadonlyMap<string, number>;
  readonly candidates: readonly Candidate[];
  /** False when the list of ids itself could not be read: no unknown-id errors then. */
  readonly known: boolean;
  /**
   * Ids whose own row was invalid and already reported: rows naming them are
   * left out without calling the id unknown.
   */
  readonly rejected?: ReadonlySet<string>;
}

/** Counts skipped or repaired references so that one warning per file says it. */
export class ReferenceNotes {
  padded = 0;
  firstPadded?: { line: number; column: number; from: string; to: string };
  aggregates = 0;
  firstAggregate?: { line: number; column: number; id: string; what: string };
  parts = 0;
  firstPart?: { line: number; column: number; id: string; what: string };

  /** Logs the summary warnings. */
  report(log: IssueLog): void {
    if (this.firstPadded) {
      const { line, column, from, to } = this.firstPadded;
      log.warning(
        line,
        column,
        'padded-id',
        `${count(this.padded, 'TERYT code')} had lost ${this.padded === 1 ? 'its' : 'their'} leading zero and ${this.padded === 1 ? 'was' : 'were'} padded back (first: ${quote(from)} → ${quote(to)})`,
      );
    }
    if (this.firstAggregate) {
      const { line, column, id, what } = this.firstAggregate;
      log.warning(line, column, 'aggregate-row', `skipped ${count(this.aggregates, 'aggregate row')} for Poland, voivodeships or counties (first: ${quote(id)}, ${what}); they are not municipalities`);
    }
    if (this.firstPart) {
      const { line, column, id, what } = this.firstPart;
      log.warning(line, column, 'part-row', `skipped ${count(this.parts, 'row')} for parts of gminy (TERYT type 4, 5, 8 or 9; first: ${quote(id)}, ${what}); the whole gmina has its own row`);
    }
  }
}

export function count(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}

/** What a cell that is not a plain known id turned out to be. */
type Classified = { padded: string } | { aggregate: string; id: string } | { part: string; id: string } | { rejected: string };

export class MunicipalityResolver {
  private readonly cache = new Map<string, Resolved | Classified>();
  readonly notes = new ReferenceNotes();

  constructor(
    private readonly ids: IdIndex,
    private readonly log: IssueLog,
    private readonly unknownPolicy: 'error' | 'skip',
  ) {}

  /** Resolve one cell; logs unknown ids (unless skipped by policy) and counts repairs. */
  resolve(cell: string, line: number, column: number, field: string): Resolved {
    // Rows usually come grouped by origin: the previous answer for the same
    // field (origin or destination) is the likeliest. Only plain hits are
    // remembered, so repaired ids are still counted on every row.
    const slot = field === 'destination' ? 1 : 0;
    if (cell === this.lastCell[slot]) return this.lastResult[slot];
    const result = this.lookup(cell, line, column, field);
    if (typeof this.cache.get(cell) === 'number') {
      this.lastCell[slot] = cell;
      this.lastResult[slot] = result;
    }
    return result;
  }

  private readonly lastCell: (string | undefined)[] = [undefined, undefined];
  private readonly lastResult: Resolved[] = ['unknown', 'unknown'];

  private lookup(cell: string, line: number, column: number, field: string): Resolved {
    let cached = this.cache.get(cell);
    if (cached === undefined) {
      cached = this.classify(cell);
      this.cache.set(cell, cached);
    }
    if (typeof cached === 'number') return cached;
    if (cached === 'skip') return 'skip';
    if (cached === 'unknown') {
      if (this.unknownPolicy === 'skip' || !this.ids.known) return 'skip';
      const value = cell.trim();
      if (value === '') this.log.error(line, column, 'empty-cell', `${field} is empty`);
      else this.log.error(line, column, 'unknown-id', `unknown municipality ${quote(value)}${field === 'municipality' ? '' : ` as ${field}`}${didYouMean(value, this.ids.candidates)}`);
      return 'unknown';
    }
    // The id's own row was invalid and is reported there: the row is not used, the other cells are still checked.
    if ('rejected' in cached) return 'unknown';
    if ('padded' in cached) {
      this.notes.padded++;
      this.notes.firstPadded ??= { line, column, from: cell.trim(), to: cached.padded };
      return this.ids.index.get(cached.padded) ?? this.unknown(cell, line, column, field, cached.padded);
    }
    if ('aggregate' in cached) {
      this.notes.aggregates++;
      this.notes.firstAggregate ??= { line, column, id: cached.id, what: cached.aggregate };
      return 'skip';
    }
    this.notes.parts++;
    this.notes.firstPart ??= { line, column, id: cached.id, what: cached.part };
    return 'skip';
  }

  private unknown(cell: string, line: number, column: number, field: string, id: string): Resolved {
    if (this.unknownPolicy === 'skip' || !this.ids.known) return 'skip';
    if (this.ids.rejected?.has(id)) return 'unknown';
    this.log.error(
      line,
      column,
      'unknown-id',
      `unknown municipality ${quote(cell.trim())} (read as ${quote(id)})${field === 'municipality' ? '' : ` as ${field}`}${didYouMean(id, this.ids.candidates)}`,
    );
    return 'unknown';
  }

  private classify(cell: string): Resolved | Classified {
    const direct = this.ids.index.get(cell) ?? this.ids.index.get(cell.trim());
    if (direct !== undefined) return direct;
    if (this.ids.rejected?.has(cell.trim())) return { rejected: cell.trim() };
    const normalised = normaliseId(cell);
    if (normalised.kind === 'aggregate') return { aggregate: normalised.what ?? 'an aggregate', id: normalised.id };
    if (normalised.kind === 'part') return { part: normalised.what ?? 'a part', id: normalised.id };
    if (normalised.padded) return { padded: normalised.id };
    const found = this.ids.index.get(normalised.id);
    if (found !== undefined) return found;
    return this.ids.rejected?.has(normalised.id) ? { rejected: normalised.id } : 'unknown';
  }
}

/** Service ids: exact after trimming, else an error with a suggestion. */
export class ServiceResolver {
  private readonly cache = new Map<string, number>();

  constructor(
    private readonly ids: IdIndex,
    private readonly log: IssueLog,
  ) {}

  resolve(cell: string, line: number, column: number): number | 'unknown' {
    const cached = this.cache.get(cell);
    if (cached !== undefined) return cached;
    const value = cell.trim();
    const index = this.ids.index.get(value);
    if (index !== undefined) {
      this.cache.set(cell, index);
      return index;
    }
    if (!this.ids.known || this.ids.rejected?.has(value)) return 'unknown';
    if (value === '') this.log.error(line, column, 'empty-cell', 'service is empty');
    else this.log.error(line, column, 'unknown-id', `unknown service ${quote(value)}${didYouMean(value, this.ids.candidates)}`);
    return 'unknown';
  }
}
