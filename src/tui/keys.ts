/**
 * Keys to actions (docs/explore.md lists them). While the filter is being
 * typed, letters are text; otherwise they are commands.
 */
import type { Action, UiState } from './state.js';

/** The parts of ink's `Key` the explorer reads. */
export interface KeyPress {
  readonly upArrow?: boolean;
  readonly downArrow?: boolean;
  readonly leftArrow?: boolean;
  readonly rightArrow?: boolean;
  readonly pageUp?: boolean;
  readonly pageDown?: boolean;
  readonly home?: boolean;
  readonly end?: boolean;
  readonly return?: boolean;
  readonly escape?: boolean;
  readonly tab?: boolean;
  readonly shift?: boolean;
  readonly backspace?: boolean;
  readonly delete?: boolean;
  readonly ctrl?: boolean;
  readonly meta?: boolean;
}

// Control characters never enter the filter (a pasted newline or escape sequence stays out).
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * A chunk of input as single key presses. Keys typed faster than the
 * terminal is read (or sent by a script) arrive together, e.g. "jjj",
 * "/brz\r" or "ab\x7f": each character is its own press, with Backspace as
 * real terminals send it (DEL, 0x7f) or as Ctrl-H (0x08), and Enter (CR or
 * LF). A chunk with an escape sequence is one key (ink parsed it).
 */
export function splitKeys(input: string, key: KeyPress): { input: string; key: KeyPress }[] {
  if (input.length <= 1 || input.includes('\u001b')) return [{ input, key }];
  return [...input].map((char) => {
    if (char === '\r' || char === '\n') return { input: '', key: { ...key, return: true } };
    if (char === '\u007f' || char === '\b') return { input: '', key: { ...key, return: false, backspace: true } };
    return { input: char, key: { ...key, return: false } };
  });
}

export function keyAction(input: string, key: KeyPress, state: Pick<UiState, 'typing' | 'help'>): Action | undefined {
  if (state.typing) {
    if (key.return) return { type: 'filter-done' };
    if (key.escape) return { type: 'filter-cancel' };
    if (key.backspace || key.delete) return { type: 'filter-erase' };
    if (key.upArrow) return { type: 'move', by: -1 };
    if (key.downArrow) return { type: 'move', by: 1 };
    const text = key.ctrl || key.meta ? '' : input.replace(CONTROL, '');
    return text === '' ? undefined : { type: 'filter-type', text };
  }
  if (state.help) {
    if (input === 'q') return { type: 'quit' };
    if (input === '?' || key.escape || key.backspace || key.delete || key.return) return { type: 'help' };
    return undefined;
  }
  if (key.upArrow || input === 'k') return { type: 'move', by: -1 };
  if (key.downArrow || input === 'j') return { type: 'move', by: 1 };
  if (key.pageUp) return { type: 'page', by: -1 };
  if (key.pageDown || input === ' ') return { type: 'page', by: 1 };
  if (key.home || input === 'g') return { type: 'move', by: -Infinity };
  if (key.end || input === 'G') return { type: 'move', by: Infinity };
  if (key.tab) return { type: 'service', by: key.shift ? -1 : 1 };
  if (key.leftArrow) return { type: 'service', by: -1 };
  if (key.rightArrow) return { type: 'service', by: 1 };
  if (key.return) return { type: 'open' };
  if (key.escape || key.backspace || key.delete) return { type: 'back' };
  if (input === 'i') return { type: 'investments' };
  if (input === 'w') return { type: 'warnings' };
  if (input === 's') return { type: 'sort' };
  if (input === 'S') return { type: 'reverse' };
  if (input === '/') return { type: 'filter-start' };
  if (input === '?') return { type: 'help' };
  if (input === 'q') return { type: 'quit' };
  return undefined;
}
