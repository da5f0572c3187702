import { describe, expect, it } from '@jest/globals';
import { activeFilterCount, DEFAULT_FILTERS, readLocation, writeLocation } from './url-state.js';

describe('inbox location in the fragment', () => {
  it('should read filters, the page and the open ticket when the fragment has them', () => {
    expect(readLocation('#status=open&severity=0&q=timbrado%20n%C3%B3mina&ticket=if-000003')).toEqual({
      page: 'tickets',
      ticket: 'IF-000003',
      filters: { ...DEFAULT_FILTERS, status: 'open', severity: '0', q: 'timbrado nómina' },
    });
  });

  it('should fall back to the defaults when the fragment is empty or holds nonsense', () => {
    expect(readLocation('')).toEqual({ page: 'tickets', ticket: null, filters: DEFAULT_FILTERS });
    expect(readLocation('#page=nada&ticket=<script>&other=1')).toEqual({ page: 'tickets', ticket: null, filters: DEFAULT_FILTERS });
  });

  it('should write only what differs from the defaults when a location is saved', () => {
    expect(writeLocation({ page: 'tickets', ticket: null, filters: DEFAULT_FILTERS })).toBe('');
    expect(writeLocation({ page: 'reports', ticket: 'IF-000007', filters: { ...DEFAULT_FILTERS, channel: 'chat', sort: 'newest' } })).toBe(
      '#page=reports&channel=chat&sort=newest&ticket=IF-000007',
    );
  });

  it('should read back what it wrote when a link is shared', () => {
    const location = { page: 'tickets' as const, ticket: 'IF-000010', filters: { ...DEFAULT_FILTERS, q: 'a&b=c #d', assignee: 'me' } };
    expect(readLocation(writeLocation(location))).toEqual(location);
  });

  it('should keep the open incident when the fragment names one, and drop an id that is not one', () => {
    const id = '0b5cad00-1d27-4333-a0b1-256b29b3261e';
    expect(readLocation(`#page=incidents&incident=${id.toUpperCase()}`)).toEqual({ page: 'incidents', ticket: null, filters: DEFAULT_FILTERS, incident: id });
    expect(writeLocation({ page: 'incidents', ticket: null, filters: DEFAULT_FILTERS, incident: id })).toBe(`#page=incidents&incident=${id}`);
    expect(readLocation('#page=incidents&incident=1%20OR%201=1')).toEqual({ page: 'incidents', ticket: null, filters: DEFAULT_FILTERS });
  });

  it('should count the filters that narrow the list when the search and order are set too', () => {
    expect(activeFilterCount({ ...DEFAULT_FILTERS, q: 'x', sort: 'newest', status: 'open', tier: 'L2' })).toBe(2);
  });
});
