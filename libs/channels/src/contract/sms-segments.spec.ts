import { describe, expect, it } from '@jest/globals';
import { smsSegments } from './sms-segments.js';

describe('smsSegments', () => {
  it('should count 160 plain characters as one SMS and 161 as two', () => {
    expect(smsSegments('a'.repeat(160))).toEqual({ segments: 1, encoding: 'GSM-7' });
    expect(smsSegments('a'.repeat(161))).toEqual({ segments: 2, encoding: 'GSM-7' });
    expect(smsSegments('ñ¿¡é'.repeat(40))).toEqual({ segments: 1, encoding: 'GSM-7' });
  });

  it('should send the whole text as UCS-2 when one character is outside GSM, as Spanish accents on a, i, o and u are', () => {
    expect(smsSegments(`Número ${'a'.repeat(63)}`)).toEqual({ segments: 1, encoding: 'UCS-2' });
    expect(smsSegments(`Número ${'a'.repeat(64)}`)).toEqual({ segments: 2, encoding: 'UCS-2' });
    expect(smsSegments('Falla – resuelta')).toEqual({ segments: 1, encoding: 'UCS-2' });
  });

  it('should count an extension character as two places', () => {
    expect(smsSegments('€'.repeat(80))).toEqual({ segments: 1, encoding: 'GSM-7' });
    expect(smsSegments('€'.repeat(81))).toEqual({ segments: 2, encoding: 'GSM-7' });
  });
});
