import { describe, expect, it } from '@jest/globals';
import { normalizePhoneNumber, splitTicketNumber } from './phone-number.js';

describe('normalizePhoneNumber', () => {
  it('should keep a Mexican number already in E.164', () => {
    expect(normalizePhoneNumber('+528112345678')).toBe('+528112345678');
  });

  it('should drop the legacy mobile "1" after +52 so both forms are one contact', () => {
    expect(normalizePhoneNumber('+5218112345678')).toBe('+528112345678');
    expect(normalizePhoneNumber('+52 1 81 1234 5678')).toBe('+528112345678');
  });

  it('should keep numbers of other countries, including the US "+1"', () => {
    expect(normalizePhoneNumber('+12125550123')).toBe('+12125550123');
    expect(normalizePhoneNumber('+34 91 123 45 67')).toBe('+34911234567');
  });

  it('should give nothing for withheld or non-telephone callers', () => {
    for (const raw of [undefined, '', 'anonymous', 'client:agente', 'sip:ana@example.com', '8112345678', '+0123']) {
      expect(normalizePhoneNumber(raw)).toBeUndefined();
    }
  });
});

describe('splitTicketNumber', () => {
  it('should split a ticket number into the letters and digits that are read out', () => {
    expect(splitTicketNumber('IF-000123')).toEqual({ letters: 'IF', digits: '000123' });
  });
});

describe('normalizePhoneNumber (libphonenumber metadata)', () => {
  it('should refuse numbers too short or too long to be possible in their country', () => {
    expect(normalizePhoneNumber('+52811')).toBeUndefined();
    expect(normalizePhoneNumber('+5281123456789012')).toBeUndefined();
  });
});
