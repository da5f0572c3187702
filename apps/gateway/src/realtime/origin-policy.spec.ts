import { describe, expect, it } from '@jest/globals';
import { isOriginAllowed } from './origin-policy.js';

const PORTAL = new Set(['https://portal.interfactura.com', 'http://localhost:3000']);

describe('isOriginAllowed', () => {
  it('should allow a configured origin', () => {
    expect(isOriginAllowed('https://portal.interfactura.com', 'soporte.interfactura.com', PORTAL)).toBe(true);
  });

  it('should allow a page of the gateway itself when the origin matches the Host header', () => {
    expect(isOriginAllowed('http://127.0.0.1:4321', '127.0.0.1:4321', PORTAL)).toBe(true);
  });

  it('should refuse another site, another port or scheme of an allowed host, and a malformed origin', () => {
    expect(isOriginAllowed('https://evil.example', 'soporte.interfactura.com', PORTAL)).toBe(false);
    expect(isOriginAllowed('https://portal.interfactura.com:8443', 'soporte.interfactura.com', PORTAL)).toBe(false);
    expect(isOriginAllowed('http://portal.interfactura.com', 'soporte.interfactura.com', PORTAL)).toBe(false);
    expect(isOriginAllowed('null', 'soporte.interfactura.com', PORTAL)).toBe(false);
  });

  it('should allow clients that send no Origin (not browsers) and everything when any origin is allowed', () => {
    expect(isOriginAllowed(undefined, 'soporte.interfactura.com', PORTAL)).toBe(true);
    expect(isOriginAllowed('https://evil.example', 'soporte.interfactura.com', 'any')).toBe(true);
  });
});
