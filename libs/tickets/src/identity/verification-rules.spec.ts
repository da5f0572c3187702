import { describe, expect, it } from '@jest/globals';
import {
  contactGaps,
  deriveVerificationToken,
  hashVerificationToken,
  isWellFormedVerificationToken,
  verificationState,
  verificationUrl,
} from './verification-rules.js';

const KEY = 'k'.repeat(43);
const ID = '0b7c2f0e-1d1a-4c55-9f0e-2a7d1c3b4e5f';

describe('verification tokens', () => {
  it('should derive the same well-formed token every time when the key and id are the same', () => {
    const token = deriveVerificationToken(KEY, ID);
    expect(deriveVerificationToken(KEY, ID)).toBe(token);
    expect(isWellFormedVerificationToken(token)).toBe(true);
  });

  it('should derive a different token when the key or the id differs', () => {
    const token = deriveVerificationToken(KEY, ID);
    expect(deriveVerificationToken(`${KEY}x`, ID)).not.toBe(token);
    expect(deriveVerificationToken(KEY, ID.replace('0b7c', '0b7d'))).not.toBe(token);
  });

  it('should store a hash that does not contain the token when hashing it', () => {
    const token = deriveVerificationToken(KEY, ID);
    const hash = hashVerificationToken(token);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(token);
  });

  it('should refuse a token when it is not what we issue', () => {
    for (const bad of [undefined, null, 42, '', 'corto', `${'a'.repeat(43)}=`, 'a'.repeat(44), `${'a'.repeat(42)}/`, ['x']]) {
      expect(isWellFormedVerificationToken(bad)).toBe(false);
    }
  });

  it('should build the link on the public base URL when given a token', () => {
    expect(verificationUrl('https://soporte.example', 'abc')).toBe('https://soporte.example/verificar?token=abc');
  });
});

describe('verificationState', () => {
  const now = new Date('2026-12-04T12:00:00Z');

  it('should be valid when unused and before it expires', () => {
    expect(verificationState({ usedAt: null, expiresAt: new Date('2026-12-04T12:00:01Z') }, now)).toBe('valid');
  });

  it('should be expired when the expiry has been reached', () => {
    expect(verificationState({ usedAt: null, expiresAt: now }, now)).toBe('expired');
  });

  it('should be used when it was used, even before it expires', () => {
    expect(verificationState({ usedAt: new Date('2026-12-04T11:00:00Z'), expiresAt: new Date('2026-12-05T00:00:00Z') }, now)).toBe('used');
  });
});

describe('contactGaps', () => {
  it('should fill only the name and RFC the contact does not have when given other details', () => {
    expect(contactGaps({ name: null, rfc: null }, { name: 'Rosa', rfc: 'XAXX010101000' })).toEqual({ name: 'Rosa', rfc: 'XAXX010101000' });
    expect(contactGaps({ name: 'Rosa Ibarra', rfc: null }, { name: 'Impostor', rfc: 'XAXX010101000' })).toEqual({ rfc: 'XAXX010101000' });
  });

  it('should change nothing when the contact already has a name and an RFC', () => {
    expect(contactGaps({ name: 'Rosa Ibarra', rfc: 'IACR800101AB1' }, { name: 'Impostor', rfc: 'XAXX010101000' })).toEqual({});
  });

  it('should add nothing when the other source has nothing', () => {
    expect(contactGaps({ name: null, rfc: null }, {})).toEqual({});
  });
});
