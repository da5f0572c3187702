import { describe, expect, it } from '@jest/globals';
import twilio from 'twilio';
import { TwilioSignatureVerifier } from './twilio-signature.js';

const TOKEN = 'f3b1c0ffee0123456789abcdef012345';
const BASE = 'https://soporte.example.mx';
const PARAMS = { CallSid: `CA${'a'.repeat(32)}`, From: '+528112345678', Digits: '2' };

describe('TwilioSignatureVerifier', () => {
  const verifier = new TwilioSignatureVerifier(TOKEN, BASE);
  const sign = (path: string, params: Record<string, string>, token = TOKEN) => twilio.getExpectedTwilioSignature(token, `${BASE}${path}`, params);

  it('should accept a request signed by Twilio over the public URL, path and fields', () => {
    expect(verifier.isValid('/webhooks/twilio/menu?attempt=1', PARAMS, sign('/webhooks/twilio/menu?attempt=1', PARAMS))).toBe(true);
  });

  it('should refuse a missing signature', () => {
    expect(verifier.isValid('/webhooks/twilio/menu', PARAMS, undefined)).toBe(false);
    expect(verifier.isValid('/webhooks/twilio/menu', PARAMS, '')).toBe(false);
  });

  it('should refuse a signature made with another auth token', () => {
    expect(verifier.isValid('/webhooks/twilio/menu', PARAMS, sign('/webhooks/twilio/menu', PARAMS, 'another-token'))).toBe(false);
  });

  it('should refuse a request whose fields or query were changed after signing', () => {
    const signature = sign('/webhooks/twilio/recorded?severity=3', PARAMS);
    expect(verifier.isValid('/webhooks/twilio/recorded?severity=3', { ...PARAMS, Digits: '0' }, signature)).toBe(false);
    expect(verifier.isValid('/webhooks/twilio/recorded?severity=0', PARAMS, signature)).toBe(false);
  });

  it('should refuse a signature computed for another host', () => {
    const signature = twilio.getExpectedTwilioSignature(TOKEN, 'https://attacker.example/webhooks/twilio/menu', PARAMS);
    expect(verifier.isValid('/webhooks/twilio/menu', PARAMS, signature)).toBe(false);
  });
});
