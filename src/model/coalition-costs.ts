/**
 * Coalition cost estimates for `servflow share --costs FILE` (CLI.md): rows
 * `coalition,cost` with members joined by `+` (`Bobrowo+Brzozie,4200000`),
 * checked like any input (file:line:column, every problem at once), and an
 * optional weights file `player,weight` for a proportional rule.
 */
import { headerKey } from './text.js';
import { type IssueLog, quote } from './issue.js';
import { parseNumber } from './number.js';

export interface CoalitionCosts {
  /** Players in order of first appearance. */
  readonly players: readonly string[];
  /** Given costs by coalition bitmask. */
  readonly given: ReadonlyMap<number, number>;
}

export const MAX_SHARE_PLAYERS = 20;

interface TableLike {
  readonly header: readonly string[];
  readonly headerLine: number;
  readonly delimiter: string;
  readonly rows: readonly { readonly cells: readonly string[]; readonly line: number }[];
}

function column(header: readonly string[], names: readonly string[]): number {
  return header.findIndex((cell) => names.includes(headerKey(cell)));
}

export function parseCoalitionCosts(table: TableLike, log: IssueLog): CoalitionCosts {
  const coalitionColumn = column(table.header, ['coalition', 'koalicja', 'members', 'czlonkowie']);
  const costColumn = column(table.header, ['cost', 'koszt']);
  if (coalitionColumn < 0 || costColumn < 0) {
    log.error(table.headerLine, 0, 'missing-column', `the costs file needs the columns "coalition" and "cost" (found: ${table.header.map((cell) => JSON.stringify(cell)).join(', ')})`);
    return { players: [], given: new Map() };
  }
  const players: string[] = [];
  const index = new Map<string, number>();
  const given = new Map<number, number>();
  const lines = new Map<number, number>();
  for (const { cells, line } of table.rows) {
    const text = (cells[coalitionColumn] ?? '').trim();
    const members = text.split('+').map((member) => member.trim());
    if (text === '' || members.some((member) => member === '')) {
      log.error(line, coalitionColumn + 1, text === '' ? 'empty-cell' : 'bad-value', text === '' ? 'coalition is empty' : `coalition ${quote(text)} has an empty member (members are joined by "+")`);
      continue;
    }
    let mask = 0;
    let valid = true;
    for (const member of members) {
      let k = index.get(member);
      if (k === undefined) {
        if (players.length === MAX_SHARE_PLAYERS) {
          log.error(line, coalitionColumn + 1, 'too-many-players', `more than ${MAX_SHARE_PLAYERS} players: ${quote(member)} is one too many`);
          valid = false;
          break;
        }
        k = players.length;
        players.push(member);
        index.set(member, k);
      }
      if (mask & (1 << k)) {
        log.error(line, coalitionColumn + 1, 'bad-value', `coalition ${quote(text)} names ${quote(member)} twice`);
        valid = false;
      }
      mask |= 1 << k;
    }
    const parsed = parseNumber(cells[costColumn] ?? '', table.delimiter !== ',');
    if (!parsed.ok) {
      log.error(line, costColumn + 1, 'not-a-number', `cost: ${parsed.reason}`);
      continue;
    }
    if (parsed.value < 0) {
      log.error(line, costColumn + 1, 'negative', `cost must not be negative, got ${quote((cells[costColumn] ?? '').trim())}`);
      continue;
    }
    if (!valid) continue;
    const earlier = lines.get(mask);
    if (earlier !== undefined) {
      log.error(line, coalitionColumn + 1, 'duplicate-id', `coalition ${quote(text)} is already given on line ${earlier}`);
      continue;
    }
    lines.set(mask, line);
    given.set(mask, parsed.value);
  }
  if (log.errorCount === 0) {
    if (players.length === 0) log.error(table.headerLine + 1, 0, 'no-rows', 'the costs file has no coalitions');
    const missing = players.filter((_, k) => !given.has(1 << k));
    if (missing.length > 0) log.error(table.headerLine, 0, 'missing-value', `every player needs its stand-alone cost: no row for ${missing.map((m) => quote(m)).join(', ')}`);
  }
  return { players, given };
}

/** Weights per player from a `player,weight` table; every player must have one. */
export function parseWeights(table: TableLike, players: readonly string[], log: IssueLog): number[] {
  const playerColumn = column(table.header, ['player', 'municipality', 'gmina', 'name', 'nazwa']);
  const weightColumn = column(table.header, ['weight', 'waga', 'population', 'ludnosc', 'use', 'demand']);
  const weights = new Array<number>(players.length).fill(NaN);
  if (playerColumn < 0 || weightColumn < 0) {
    log.error(table.headerLine, 0, 'missing-column', `the weights file needs the columns "player" and "weight" (found: ${table.header.map((cell) => JSON.stringify(cell)).join(', ')})`);
    return weights;
  }
  const lines = new Map<number, number>();
  for (const { cells, line } of table.rows) {
    const name = (cells[playerColumn] ?? '').trim();
    const k = players.indexOf(name);
    if (k < 0) {
      log.error(line, playerColumn + 1, 'unknown-id', `unknown player ${quote(name)} (players: ${players.map((p) => quote(p)).join(', ')})`);
      continue;
    }
    const earlier = lines.get(k);
    if (earlier !== undefined) {
      log.error(line, playerColumn + 1, 'duplicate-id', `player ${quote(name)} is already given on line ${earlier}`);
      continue;
    }
    lines.set(k, line);
    const parsed = parseNumber(cells[weightColumn] ?? '', table.delimiter !== ',');
    if (!parsed.ok) log.error(line, weightColumn + 1, 'not-a-number', `weight: ${parsed.reason}`);
    else if (parsed.value < 0) log.error(line, weightColumn + 1, 'negative', `weight must not be negative, got ${quote((cells[weightColumn] ?? '').trim())}`);
    else weights[k] = parsed.value;
  }
  const missing = players.filter((_, k) => Number.isNaN(weights[k]));
  if (log.errorCount === 0 && missing.length > 0) log.error(table.headerLine, 0, 'missing-value', `no weight for ${missing.map((m) => quote(m)).join(', ')}`);
  return weights;
}
