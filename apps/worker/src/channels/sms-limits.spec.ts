import { describe, expect, it } from '@jest/globals';
import { SMS_MAX_CHARS } from '@app/channels';
import { NOTICE_SMS_MAX_CHARS } from '@app/tickets';

/**
 * The ticket side refuses what would not fit one SMS before queueing it; the phone channel's sender
 * cuts what does not. The two limits are wired here, where both libraries meet: if they drifted, an
 * accepted reply could again reach the caller cut short.
 */
describe('SMS limits of the ticket side and the phone channel', () => {
  it('should be the same number', () => {
    expect(NOTICE_SMS_MAX_CHARS).toBe(SMS_MAX_CHARS);
  });
});
