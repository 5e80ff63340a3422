/**
 * The explorer's UI state and how actions change it. Pure: the App keeps
 * the state, turns keys into actions (keys.ts) and calls `update` with the
 * bounds of the screen it last drew (view-model.ts).
 */

/**
 * Views and where `back` leads from each (the investments view goes back to
 * the view it was opened from, its parent otherwise). A new view is one
 * entry here, one body in the view model and one component.
 */
export const VIEWS = {
  overview: { parent: undefined },
  municipalities: { parent: 'overview' },
  detail: { parent: 'municipalities' },
  investments: { parent: 'overview' },
  warnings: { parent: 'overview' },
} as const satisfies Record<string, { parent: string | undefined }>;

export type ViewName = keyof typeof VIEWS;

export type SortColumn = 'name' | 'supply' | 'demand' | 'balance' | 'netFlow' | 'class' | 'access';

/** The order `s` cycles through, each column with the direction it starts in. */
export const SORTS: readonly { readonly column: SortColumn; readonly descending: boolean }[] = [
  { column: 'name', descending: false },
  { column: 'supply', descending: true },
  { column: 'demand', descending: true },
  { column: 'balance', descending: false },
  { column: 'netFlow', descending: true },
  { column: 'class', descending: false },
  { column: 'access', descending: false },
];

export interface Sort {
  readonly column: SortColumn;
  readonly descending: boolean;
}

export interface UiState {
  readonly view: ViewName;
  /** Index into `analysis.services`. */
  readonly service: number;
  /** Municipality (dataset index) under the table cursor; the first row when not shown. */
  readonly selected?: number;
  /** Municipality (dataset index) of the detail view. */
  readonly detail?: number;
  /** The view the investments or warnings view was opened from; `back` returns there. */
  readonly from?: ViewName;
  /** First line of the detail or investments view shown. */
  readonly scroll: number;
  readonly sort: Sort;
  /** Part of a name or id; '' shows every municipality. */
  readonly filter: string;
  /** Keys go to the filter text. */
  readonly typing: boolean;
  readonly help: boolean;
}

export const INITIAL_STATE: UiState = { view: 'overview', service: 0, scroll: 0, sort: SORTS[0], filter: '', typing: false, help: false };

export type Action =
  | { readonly type: 'move'; readonly by: number }
  | { readonly type: 'page'; readonly by: number }
  | { readonly type: 'service'; readonly by: number }
  | { readonly type: 'open' }
  | { readonly type: 'investments' }
  | { readonly type: 'warnings' }
  | { readonly type: 'back' }
  | { readonly type: 'sort' }
  | { readonly type: 'reverse' }
  | { readonly type: 'filter-start' }
  | { readonly type: 'filter-type'; readonly text: string }
  | { readonly type: 'filter-erase' }
  | { readonly type: 'filter-done' }
  | { readonly type: 'filter-cancel' }
  | { readonly type: 'help' }
  | { readonly type: 'quit' };

/** What the last drawn screen showed, for moving within it. */
export interface Bounds {
  readonly services: number;
  /** Municipalities of the table, in the order shown (filtered and sorted). */
  readonly order: readonly number[];
  /** Largest first line of the detail or investments view. */
  readonly scrollMax: number;
  /** Lines one page moves. */
  readonly page: number;
}

const clamp = (value: number, low: number, high: number): number => Math.max(low, Math.min(high, value));

/** Position of the cursor in `order`: the selected municipality, else the first row. */
export function cursorIndex(order: readonly number[], selected: number | undefined): number {
  const at = selected === undefined ? -1 : order.indexOf(selected);
  return at < 0 ? 0 : at;
}

function move(state: UiState, by: number, bounds: Bounds): UiState {
  if (state.view === 'overview') return bounds.services === 0 ? state : { ...state, service: clamp(state.service + by, 0, bounds.services - 1) };
  if (state.view === 'detail' || state.view === 'investments' || state.view === 'warnings') return { ...state, scroll: clamp(state.scroll + by, 0, bounds.scrollMax) };
  if (bounds.order.length === 0) return state;
  return { ...state, selected: bounds.order[clamp(cursorIndex(bounds.order, state.selected) + by, 0, bounds.order.length - 1)] };
}

export function update(state: UiState, action: Action, bounds: Bounds): UiState {
  switch (action.type) {
    case 'move':
      return move(state, action.by, bounds);
    case 'page':
      return move(state, action.by * Math.max(1, bounds.page), bounds);
    case 'service':
      if (bounds.services === 0) return state;
      return { ...state, service: (state.service + action.by + bounds.services * Math.abs(action.by)) % bounds.services, scroll: 0 };
    case 'open':
      if (state.view === 'overview') return bounds.services === 0 ? state : { ...state, view: 'municipalities' };
      if (state.view === 'municipalities' && bounds.order.length > 0) {
        const municipality = bounds.order[cursorIndex(bounds.order, state.selected)];
        return { ...state, view: 'detail', selected: municipality, detail: municipality, scroll: 0, typing: false };
      }
      return state;
    case 'investments':
      if (bounds.services === 0 || (state.view !== 'overview' && state.view !== 'municipalities')) return state;
      return { ...state, view: 'investments', from: state.view, scroll: 0, help: false };
    case 'warnings':
      if (state.view === 'detail' || state.view === 'warnings') return state;
      return { ...state, view: 'warnings', from: state.view === 'investments' ? (state.from ?? 'overview') : state.view, scroll: 0, help: false };
    case 'back':
      if (state.help) return { ...state, help: false };
      if (state.view === 'municipalities' && state.filter !== '') return { ...state, filter: '' };
      if (state.view === 'investments' || state.view === 'warnings') return { ...state, view: state.from ?? VIEWS[state.view].parent, from: undefined, scroll: 0 };
      return { ...state, view: VIEWS[state.view].parent ?? state.view, scroll: 0 };
    case 'sort': {
      if (state.view !== 'municipalities') return state;
      const at = SORTS.findIndex((sort) => sort.column === state.sort.column);
      return { ...state, sort: SORTS[(at + 1) % SORTS.length] };
    }
    case 'reverse':
      return state.view === 'municipalities' ? { ...state, sort: { ...state.sort, descending: !state.sort.descending } } : state;
    case 'filter-start':
      return bounds.services === 0 ? state : { ...state, view: 'municipalities', typing: true, help: false };
    case 'filter-type':
      return { ...state, filter: state.filter + action.text };
    case 'filter-erase':
      return { ...state, filter: [...state.filter].slice(0, -1).join('') };
    case 'filter-done':
      return { ...state, typing: false };
    case 'filter-cancel':
      return { ...state, typing: false, filter: '' };
    case 'help':
      return { ...state, help: !state.help };
    case 'quit':
      return state;
  }
}
