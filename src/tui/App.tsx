/**
 * The explorer's one stateful component: it owns the UI state, reads the
 * keyboard and the terminal size, and draws the screen the view model
 * computes. Everything below it only displays props.
 */
import { useApp, useInput, useStdout } from 'ink';
import { useEffect, useMemo, useRef, useState } from 'react';
import { keyAction, splitKeys } from './keys.js';
import { Screen } from './Screen.js';
import { INITIAL_STATE, update, type UiState } from './state.js';
import { screenModel, type ExplorerData, type ScreenModel, type Size } from './view-model.js';

export interface AppProps {
  readonly data: ExplorerData;
  /** Colours on (false under NO_COLOR or --no-color). */
  readonly color: boolean;
  /** A fixed size instead of the output stream's (tests); otherwise the terminal's, followed on resize. */
  readonly size?: Size;
  readonly initialState?: UiState;
}

export function App({ data, color, size: fixed, initialState = INITIAL_STATE }: AppProps) {
  const { exit } = useApp();
  const { stdout } = useStdout();
  const measure = (): Size => fixed ?? { columns: stdout.columns || 80, rows: stdout.rows || 24 };
  const [size, setSize] = useState(measure);
  const [state, setState] = useState(initialState);
  // Keys can arrive faster than renders: each key works on the latest state, not the last drawn one.
  const latest = useRef({ state, size, screen: undefined as ScreenModel | undefined });
  const screen = useMemo(() => screenModel(data, state, size), [data, state, size]);
  latest.current = { state, size, screen };

  // biome-ignore lint/correctness/useExhaustiveDependencies: measure reads only stdout and the fixed size, set once per mount
  useEffect(() => {
    const resized = (): void => setSize(measure());
    stdout.on('resize', resized);
    return () => {
      stdout.off('resize', resized);
    };
  }, [stdout]);

  /** One key press: returns false after `q`. */
  const press = (input: string, key: Parameters<typeof keyAction>[1]): boolean => {
    const current = latest.current;
    const action = keyAction(input, key, current.state);
    if (!action) return true;
    if (action.type === 'quit') {
      exit();
      return false;
    }
    const bounds = (current.screen ?? screenModel(data, current.state, current.size)).bounds;
    const next = update(current.state, action, bounds);
    latest.current = { ...current, state: next, screen: undefined };
    setState(next);
    return true;
  };

  useInput((input, key) => {
    // Keys typed faster than the terminal is read arrive as one chunk (keys.ts splitKeys);
    // in the filter a pasted name stays one piece of text, but Backspace and Enter in it still act.
    const typing = latest.current.state.typing && !/[\r\n\u007f\b]/.test(input);
    for (const one of typing ? [{ input, key }] : splitKeys(input, key)) if (!press(one.input, one.key)) return;
  });

  return <Screen model={screen} color={color} />;
}
