import { describe, expect, it } from '@jest/globals';
import { judgeBounce, mailClearsMark } from './undeliverable-address.js';

const report = (failedRecipients: string[], permanent = true) => ({ originalMessageIds: ['x@y'], failedRecipients, permanent });

describe('judgeBounce', () => {
  it('should mark only the delivery recipient when the report also names other addresses', () => {
    expect(judgeBounce(report(['ana@cliente.mx', 'victima@otra.mx']), 'Ana@Cliente.mx')).toEqual({ mark: true, address: 'ana@cliente.mx' });
  });

  it('should mark the delivery recipient when a free-text bounce names nobody', () => {
    expect(judgeBounce(report([]), 'ana@cliente.mx')).toEqual({ mark: true, address: 'ana@cliente.mx' });
  });

  it('should mark nothing when the report names failed recipients without ours', () => {
    expect(judgeBounce(report(['victima@otra.mx']), 'ana@cliente.mx')).toEqual({
      mark: false,
      address: 'ana@cliente.mx',
      reason: 'recipient_not_in_report',
    });
  });

  it('should mark nothing when the failure is a delay (not permanent)', () => {
    expect(judgeBounce(report(['ana@cliente.mx'], false), 'ana@cliente.mx')).toMatchObject({ mark: false, reason: 'not_permanent' });
  });
});

describe('mailClearsMark', () => {
  const markedAt = new Date('2025-06-01T10:00:00Z');

  it('should clear the mark when the mail arrived after it was set', () => {
    expect(mailClearsMark(markedAt, new Date('2025-06-01T10:00:01Z'))).toBe(true);
  });

  it('should keep the mark when the mail arrived before it was set (processed late)', () => {
    expect(mailClearsMark(markedAt, new Date('2025-06-01T09:59:59Z'))).toBe(false);
  });

  it('should have nothing to clear when the address is not marked', () => {
    expect(mailClearsMark(null, new Date())).toBe(false);
  });
});
