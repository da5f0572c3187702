import { describe, expect, it } from '@jest/globals';
import { renderReply } from '../notifications/reply.template.js';
import { assertFitsSms, SMS_MAX_CHARS } from './sms-fit.js';

const reply = (channel: 'phone' | 'email', body: string) => renderReply({ channel, ticketNumber: 'IF-000123', subject: 'Llamada', body, agentName: 'Ana Help Desk' });

describe('assertFitsSms', () => {
  it('should let a phone reply through up to one SMS with its signature, and refuse one character more, saying by how much', () => {
    const signature = reply('phone', '').text.length;
    expect(() => assertFitsSms('phone', reply('phone', 'x'.repeat(SMS_MAX_CHARS - signature)), 'el mensaje (body)')).not.toThrow();
    expect(() => assertFitsSms('phone', reply('phone', 'x'.repeat(SMS_MAX_CHARS - signature + 1)), 'el mensaje (body)')).toThrow(
      expect.objectContaining({ code: 'sms_too_long', message: expect.stringContaining('el mensaje (body) tiene 1 de más') }),
    );
  });

  it('should leave other channels alone', () => {
    expect(() => assertFitsSms('email', reply('email', 'x'.repeat(5_000)), 'el mensaje (body)')).not.toThrow();
  });
});
