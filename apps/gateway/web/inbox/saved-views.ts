import { DEFAULT_FILTERS, FILTER_KEYS, type Filters } from './url-state.js';

/** A named set of filters an agent keeps (in this browser, per agent: localStorage holds only filters). */
export interface SavedView {
  name: string;
  filters: Filters;
}

const key = (agentId: string): string => `ventanilla.views.${agentId}`;
const MAX_VIEWS = 30;

export function loadViews(storage: Pick<Storage, 'getItem'>, agentId: string): SavedView[] {
  try {
    const stored = JSON.parse(storage.getItem(key(agentId)) ?? '[]') as unknown;
    if (!Array.isArray(stored)) return [];
    return stored.flatMap((item: { name?: unknown; filters?: Record<string, unknown> }) => {
      if (typeof item?.name !== 'string' || typeof item.filters !== 'object' || item.filters === null) return [];
      const filters = { ...DEFAULT_FILTERS };
      for (const name of FILTER_KEYS) if (typeof item.filters[name] === 'string') filters[name] = item.filters[name] as string;
      return [{ name: item.name, filters }];
    });
  } catch {
    return [];
  }
}

/** Adds or replaces (same name) a view; the newest first, at most 30. */
export function withView(views: SavedView[], view: SavedView): SavedView[] {
  return [view, ...views.filter((other) => other.name.toLowerCase() !== view.name.toLowerCase())].slice(0, MAX_VIEWS);
}

export function saveViews(storage: Pick<Storage, 'setItem'>, agentId: string, views: SavedView[]): void {
  storage.setItem(key(agentId), JSON.stringify(views));
}
