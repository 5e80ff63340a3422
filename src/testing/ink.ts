/**
 * Test support for driving the explorer through ink-testing-library: the keys
 * as a terminal sends them, a wait for ink and React to draw, key presses and
 * the last frame as lines. Only a type comes from ink-testing-library, so a
 * test that must load ink late (colour.test.tsx, after FORCE_COLOR) can use
 * these too.
 */
import type { render } from 'ink-testing-library';

export type Explorer = ReturnType<typeof render>;

export const KEYS = {
  up: '\u001b[A',
  down: '\u001b[B',
  right: '\u001b[C',
  left: '\u001b[D',
  pageDown: '\u001b[6~',
  pageUp: '\u001b[5~',
  home: '\u001b[H',
  end: '\u001b[F',
  enter: '\r',
  escape: '\u001b',
  backspace: '\u007f',
  ctrlH: '\b',
  tab: '\t',
  shiftTab: '\u001b[Z',
} as const;

/** Let ink read the key and React draw: a short wait, then the immediates queued meanwhile (ink and React schedule with setImmediate). */
export async function tick(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 15));
  for (let round = 0; round < 3; round++) await new Promise((resolve) => setImmediate(resolve));
}

/** Press keys one at a time, each after the previous one is drawn. */
export async function press(app: Explorer, ...keys: string[]): Promise<void> {
  for (const key of keys) {
    app.stdin.write(key);
    await tick();
  }
}

/** The last frame drawn, a line each, trailing blanks removed. */
export const frame = (app: Explorer): string[] => (app.lastFrame() ?? '').split('\n').map((text) => text.trimEnd());

/** ink-testing-library's stdout is 100 columns wide: make it `columns` wide (ink reads the width at each render). */
export function widen(app: Explorer, columns: number): void {
  Object.defineProperty(app.stdout, 'columns', { get: () => columns, configurable: true });
}
