import { describe, expect, it } from '@jest/globals';
import { mailTicketLimitReached, mailTicketWindowStart } from './mail-ticket-limit.js';

describe('mailTicketLimitReached', () => {
  it('should let a mail open a ticket while the sender is under the limit', () => {
    expect(mailTicketLimitReached(9, 10)).toBe(false);
  });

  it('should make the mail join a ticket when the sender opened as many as the limit', () => {
    expect(mailTicketLimitReached(10, 10)).toBe(true);
    expect(mailTicketLimitReached(25, 10)).toBe(true);
  });

  it('should never limit when the limit is 0 (turned off)', () => {
    expect(mailTicketLimitReached(1_000, 0)).toBe(false);
  });
});

describe('mailTicketWindowStart', () => {
  it('should start the window one hour before the mail arrived', () => {
    expect(mailTicketWindowStart(new Date('2025-06-01T10:30:00Z'))).toEqual(new Date('2025-06-01T09:30:00Z'));
  });
});
