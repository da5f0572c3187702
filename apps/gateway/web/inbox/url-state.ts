/**
 * What the inbox shows, kept in the address's fragment (`#status=open&q=factura&ticket=IF-000003`):
 * a reload keeps it, a link shares it, and the fragment never reaches the server or its logs.
 */
export const FILTER_KEYS = ['q', 'status', 'severity', 'tier', 'channel', 'sla', 'assignee', 'review', 'sort'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Record<FilterKey, string>;

export const PAGES = ['tickets', 'incidents', 'calls', 'reports', 'maintenance', 'agents', 'canned'] as const;
export type Page = (typeof PAGES)[number];

export const DEFAULT_FILTERS: Filters = { q: '', status: '', severity: '', tier: '', channel: '', sla: '', assignee: '', review: '', sort: 'urgent' };

export interface InboxLocation {
  page: Page;
  ticket: string | null;
  filters: Filters;
  /** The incident open on the incidents page (its id); absent on the list. */
  incident?: string;
}

const TICKET = /^[A-Z]{2,4}-\d{4,12}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function readLocation(hash: string): InboxLocation {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const filters = { ...DEFAULT_FILTERS };
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value !== null) filters[key] = value.slice(0, 200);
  }
  const page = params.get('page');
  const ticket = params.get('ticket')?.toUpperCase() ?? null;
  const incident = params.get('incident')?.toLowerCase();
  return {
    page: (PAGES as readonly string[]).includes(page ?? '') ? (page as Page) : 'tickets',
    ticket: ticket && TICKET.test(ticket) ? ticket : null,
    filters,
    ...(incident && UUID.test(incident) ? { incident } : {}),
  };
}

/** The fragment for a location: only what differs from the defaults, in a stable order. */
export function writeLocation(location: InboxLocation): string {
  const params = new URLSearchParams();
  if (location.page !== 'tickets') params.set('page', location.page);
  for (const key of FILTER_KEYS) if (location.filters[key] !== DEFAULT_FILTERS[key]) params.set(key, location.filters[key]);
  if (location.ticket) params.set('ticket', location.ticket);
  if (location.incident) params.set('incident', location.incident);
  const text = params.toString();
  return text ? `#${text}` : '';
}

/** The filters of a fragment only (a saved view), whatever else it holds. */
export function filtersOf(fragment: string): Filters {
  return readLocation(fragment).filters;
}

/** How many filters differ from the defaults (the search and the order aside): shown on the collapsed filters. */
export function activeFilterCount(filters: Filters): number {
  return FILTER_KEYS.filter((key) => key !== 'q' && key !== 'sort' && filters[key] !== DEFAULT_FILTERS[key]).length;
}
