import { describe, expect, it } from '@jest/globals';
import { InvalidInputError } from '../errors.js';
import { transitionForStatus } from './status-request.js';

describe('a requested status as the transition it means', () => {
  it('should reopen a resolved ticket and release one pending release when asked to open it', () => {
    expect(transitionForStatus('resolved', { status: 'open', reason: 'sigue fallando' })).toEqual({ kind: 'reopen', reason: 'sigue fallando' });
    expect(transitionForStatus('pending_release', { status: 'open', note: 'en producción' })).toEqual({ kind: 'release', note: 'en producción' });
    expect(transitionForStatus('waiting_customer', { status: 'open' })).toEqual({ kind: 'set_status', status: 'open' });
  });

  it('should take pending release as L3’s fix ready and waiting as a plain status', () => {
    expect(transitionForStatus('open', { status: 'pending_release', note: 'listo' })).toEqual({ kind: 'mark_fix_ready', note: 'listo' });
    expect(transitionForStatus('open', { status: 'waiting_customer' })).toEqual({ kind: 'set_status', status: 'waiting_customer' });
  });

  it('should refuse a resolution without the text the customer will read, and a missing status', () => {
    expect(() => transitionForStatus('open', { status: 'resolved', resolution: '  ' })).toThrow(InvalidInputError);
    expect(transitionForStatus('open', { status: 'resolved', resolution: 'Listo' })).toEqual({ kind: 'resolve', resolution: 'Listo' });
    expect(() => transitionForStatus('open', {})).toThrow(/El estado \(status\) debe ser/);
  });
});
