import { describe, expect, it } from 'vitest';
import { keyAction } from './keys.js';
import { INITIAL_STATE, SORTS, update, type Bounds, type UiState } from './state.js';

const bounds: Bounds = { services: 3, order: [4, 2, 0, 1, 3], scrollMax: 5, page: 2 };
const table: UiState = { ...INITIAL_STATE, view: 'municipalities' };

describe('keyAction', () => {
  it('maps command keys outside the filter', () => {
    const state = INITIAL_STATE;
    expect(keyAction('j', {}, state)).toEqual({ type: 'move', by: 1 });
    expect(keyAction('', { upArrow: true }, state)).toEqual({ type: 'move', by: -1 });
    expect(keyAction('', { tab: true, shift: true }, state)).toEqual({ type: 'service', by: -1 });
    expect(keyAction('', { rightArrow: true }, state)).toEqual({ type: 'service', by: 1 });
    expect(keyAction('', { delete: true }, state)).toEqual({ type: 'back' });
    expect(keyAction('x', {}, state)).toBeUndefined();
  });

  it('sends letters to the filter while typing', () => {
    const typing = { ...table, typing: true };
    expect(keyAction('q', {}, typing)).toEqual({ type: 'filter-type', text: 'q' });
    expect(keyAction('j', {}, typing)).toEqual({ type: 'filter-type', text: 'j' });
    expect(keyAction('', { backspace: true }, typing)).toEqual({ type: 'filter-erase' });
    expect(keyAction('', { return: true }, typing)).toEqual({ type: 'filter-done' });
    expect(keyAction('', { escape: true }, typing)).toEqual({ type: 'filter-cancel' });
    expect(keyAction('a\u001b[Bb', {}, typing)).toEqual({ type: 'filter-type', text: 'a[Bb' });
    expect(keyAction('c', { ctrl: true }, typing)).toBeUndefined();
  });

  it('only closes or quits from the help', () => {
    const help = { ...INITIAL_STATE, help: true };
    expect(keyAction('j', {}, help)).toBeUndefined();
    expect(keyAction('?', {}, help)).toEqual({ type: 'help' });
    expect(keyAction('', { escape: true }, help)).toEqual({ type: 'help' });
    expect(keyAction('q', {}, help)).toEqual({ type: 'quit' });
  });
});

describe('update', () => {
  it('moves the table cursor within the shown order and keeps the municipality, not the position', () => {
    const down = update(table, { type: 'move', by: 1 }, bounds);
    expect(down.selected).toBe(2);
    expect(update(down, { type: 'move', by: 99 }, bounds).selected).toBe(3);
    expect(update(down, { type: 'move', by: -Infinity }, bounds).selected).toBe(4);
    expect(update(down, { type: 'page', by: 1 }, bounds).selected).toBe(1);
    // the same municipality after the order changed
    expect(update(down, { type: 'move', by: 1 }, { ...bounds, order: [2, 3, 4] }).selected).toBe(3);
  });

  it('switches service with wrap-around and resets the detail scroll', () => {
    expect(update(INITIAL_STATE, { type: 'service', by: -1 }, bounds).service).toBe(2);
    expect(update({ ...INITIAL_STATE, service: 2, scroll: 4 }, { type: 'service', by: 1 }, bounds)).toMatchObject({ service: 0, scroll: 0 });
  });

  it('opens and goes back along the view list', () => {
    const opened = update(INITIAL_STATE, { type: 'open' }, bounds);
    expect(opened.view).toBe('municipalities');
    const detail = update(opened, { type: 'open' }, bounds);
    expect(detail).toMatchObject({ view: 'detail', detail: 4, selected: 4, scroll: 0 });
    expect(update(detail, { type: 'back' }, bounds).view).toBe('municipalities');
    expect(update(opened, { type: 'back' }, bounds).view).toBe('overview');
    expect(update(INITIAL_STATE, { type: 'back' }, bounds).view).toBe('overview');
    expect(update(opened, { type: 'open' }, { ...bounds, order: [] }).view).toBe('municipalities');
  });

  it('clears a filter before leaving the table', () => {
    const filtered = { ...table, filter: 'al' };
    expect(update(filtered, { type: 'back' }, bounds)).toMatchObject({ view: 'municipalities', filter: '' });
  });

  it('cycles every sort column and reverses', () => {
    let state = table;
    const seen = [];
    for (let k = 0; k < SORTS.length; k++) {
      state = update(state, { type: 'sort' }, bounds);
      seen.push(state.sort.column);
    }
    expect(seen).toEqual([...SORTS.slice(1), SORTS[0]].map((sort) => sort.column));
    expect(update(table, { type: 'reverse' }, bounds).sort).toEqual({ column: 'name', descending: true });
    expect(update(INITIAL_STATE, { type: 'sort' }, bounds)).toBe(INITIAL_STATE);
  });

  it('edits the filter', () => {
    let state = update(INITIAL_STATE, { type: 'filter-start' }, bounds);
    expect(state).toMatchObject({ view: 'municipalities', typing: true });
    state = update(update(state, { type: 'filter-type', text: 'Łó' }, bounds), { type: 'filter-erase' }, bounds);
    expect(state.filter).toBe('Ł');
    expect(update(state, { type: 'filter-done' }, bounds)).toMatchObject({ typing: false, filter: 'Ł' });
    expect(update(state, { type: 'filter-cancel' }, bounds)).toMatchObject({ typing: false, filter: '' });
  });

  it('scrolls the detail within its bounds', () => {
    const detail: UiState = { ...INITIAL_STATE, view: 'detail', detail: 0 };
    expect(update(detail, { type: 'move', by: 3 }, bounds).scroll).toBe(3);
    expect(update(detail, { type: 'move', by: Infinity }, bounds).scroll).toBe(5);
    expect(update(detail, { type: 'move', by: -1 }, bounds).scroll).toBe(0);
  });
});
