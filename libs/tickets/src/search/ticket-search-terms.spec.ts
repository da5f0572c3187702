import { describe, expect, it } from '@jest/globals';
import { phoneFromQuery, ticketNumberFromQuery } from './ticket-search-terms.js';

describe('ticketNumberFromQuery', () => {
  it.each(['3', '000003', 'IF-3', 'if-3', 'IF 3', 'IF#3', '#3', 'IF-000003', ' if-000003 ', 'IF3'])('should read %p as IF-000003 when it is a short form', (text) => {
    expect(ticketNumberFromQuery(text)).toBe('IF-000003');
  });

  it('should keep numbers longer than six digits whole when they are typed in full', () => {
    expect(ticketNumberFromQuery('1234567')).toBe('IF-1234567');
  });

  it.each(['', 'factura 3', 'IF-', 'AB-3', '8112345678', '3.5', 'RFC XAXX010101000'])('should not read %p as a ticket number when it is not one', (text) => {
    expect(ticketNumberFromQuery(text)).toBeUndefined();
  });
});

describe('phoneFromQuery', () => {
  it.each(['8112345678', '81 1234 5678', '(81) 1234-5678', '81-1234-5678', '+52 81 1234 5678', '+5218112345678', '528112345678'])(
    'should read %p as +528112345678 when it is a Mexican number',
    (text) => {
      expect(phoneFromQuery(text)).toBe('+528112345678');
    },
  );

  it.each(['3', '811234567', '81123456789', '+1 212 555 0100', 'IF-000003'])('should not read %p as a phone number when it is not a 10-digit Mexican one', (text) => {
    expect(phoneFromQuery(text)).toBeUndefined();
  });
});
