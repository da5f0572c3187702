import { describe, expect, it } from '@jest/globals';
import { sharedFileUrl, sharedLinkState } from './file-link-signature.js';

const KEY = 'k'.repeat(43);
const ID = '6f1c2a4e-0000-4000-8000-000000000001';
const NOW = new Date('2026-12-05T00:00:00Z');

function partsOf(url: string): { id: string; exp: string; sig: string } {
  const parsed = new URL(url);
  return { id: parsed.pathname.split('/').pop()!, exp: parsed.searchParams.get('exp')!, sig: parsed.searchParams.get('sig')! };
}

describe('shared file links', () => {
  const link = partsOf(sharedFileUrl('https://soporte.example.mx', KEY, ID, new Date(NOW.getTime() + 3_600_000)));

  it('should open the file it was made for until it expires', () => {
    expect(link.id).toBe(ID);
    expect(sharedLinkState(KEY, ID, link.exp, link.sig, NOW)).toBe('valid');
    expect(sharedLinkState(KEY, ID, link.exp, link.sig, new Date(NOW.getTime() + 3_600_001))).toBe('expired');
  });

  it('should open no other file, no later expiry and nothing under another key', () => {
    expect(sharedLinkState(KEY, ID.replace(/1$/, '2'), link.exp, link.sig, NOW)).toBe('invalid');
    expect(sharedLinkState(KEY, ID, String(Number(link.exp) + 86_400), link.sig, NOW)).toBe('invalid');
    expect(sharedLinkState('o'.repeat(43), ID, link.exp, link.sig, NOW)).toBe('invalid');
  });

  it('should refuse malformed parameters without comparing anything', () => {
    expect(sharedLinkState(KEY, ID, undefined, link.sig, NOW)).toBe('invalid');
    expect(sharedLinkState(KEY, ID, '1e9', link.sig, NOW)).toBe('invalid');
    expect(sharedLinkState(KEY, ID, link.exp, ['a'], NOW)).toBe('invalid');
    expect(sharedLinkState(KEY, ID, link.exp, 'short', NOW)).toBe('invalid');
  });
});
