import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '@app/platform';
import { loadGatewayConfig } from './gateway-config.js';

describe('loadGatewayConfig (chat)', () => {
  it('should allow the public base URL by default and add the configured origins', () => {
    expect(loadGatewayConfig({}).chat.allowedOrigins).toEqual(new Set(['http://localhost:3000']));
    const config = loadGatewayConfig({ PUBLIC_BASE_URL: 'https://soporte.interfactura.com/', CHAT_ALLOWED_ORIGINS: 'https://portal.interfactura.com/facturas, http://localhost:8080' });
    expect(config.chat.allowedOrigins).toEqual(new Set(['https://soporte.interfactura.com', 'https://portal.interfactura.com', 'http://localhost:8080']));
  });

  it('should allow any origin with *', () => {
    expect(loadGatewayConfig({ CHAT_ALLOWED_ORIGINS: '*' }).chat.allowedOrigins).toBe('any');
  });

  it('should stop with the variable named when an origin or a limit is malformed', () => {
    expect(() => loadGatewayConfig({ CHAT_ALLOWED_ORIGINS: 'portal.interfactura.com' })).toThrow(ConfigError);
    expect(() => loadGatewayConfig({ CHAT_ALLOWED_ORIGINS: 'ftp://portal.interfactura.com' })).toThrow(/CHAT_ALLOWED_ORIGINS/);
    expect(() => loadGatewayConfig({ CHAT_MAX_TEXT_CHARS: '0' })).toThrow(/CHAT_MAX_TEXT_CHARS/);
  });
});

describe('loadGatewayConfig (shutdown)', () => {
  it('should give a SIGTERM 25 s to drain by default and refuse a limit under a second', () => {
    expect(loadGatewayConfig({}).shutdownTimeoutMs).toBe(25_000);
    expect(loadGatewayConfig({ SHUTDOWN_TIMEOUT_MS: '5000' }).shutdownTimeoutMs).toBe(5_000);
    expect(() => loadGatewayConfig({ SHUTDOWN_TIMEOUT_MS: '10' })).toThrow(/SHUTDOWN_TIMEOUT_MS/);
  });
});

describe('loadGatewayConfig (security)', () => {
  it('should refuse a token secret shorter than 32 characters, naming it', () => {
    expect(() => loadGatewayConfig({ AUTH_TOKEN_SECRET: 'secreto' })).toThrow(/AUTH_TOKEN_SECRET must have at least 32/);
    expect(loadGatewayConfig({ AUTH_TOKEN_SECRET: 'x'.repeat(32) }).auth.tokenSecret).toBe('x'.repeat(32));
  });

  it('should stop on a first administrator it could not create, naming the setting, and keep a password as written', () => {
    expect(() => loadGatewayConfig({ ADMIN_EMAIL: 'not-an-email', ADMIN_PASSWORD: 'una clave larga' })).toThrow(/ADMIN_EMAIL must be an email address/);
    expect(() => loadGatewayConfig({ ADMIN_EMAIL: 'admin@ejemplo.mx', ADMIN_PASSWORD: '1234567890' })).toThrow(/ADMIN_PASSWORD is one that guessing lists try first/);
    const config = loadGatewayConfig({ ADMIN_EMAIL: ' Admin@Ejemplo.mx ', ADMIN_PASSWORD: ' una clave larga ' });
    expect(config.auth).toMatchObject({ adminEmail: 'admin@ejemplo.mx', adminPassword: ' una clave larga ' });
  });

  it('should refuse a metrics port that is the gateway’s own', () => {
    expect(() => loadGatewayConfig({ PORT: '3105', METRICS_PORT: '3105' })).toThrow(/METRICS_PORT must differ from PORT/);
    expect(loadGatewayConfig({ PORT: '3105', METRICS_PORT: '3110' }).metrics.port).toBe(3110);
  });

  it('should read whose address counts and the abuse limits, with the documented defaults', () => {
    const defaults = loadGatewayConfig({});
    expect(defaults.trustProxy).toBe(0);
    expect(defaults.chat.startsPerAddressPerHour).toBe(20);
    expect(defaults.limits.apiRequestsPerMinute).toBe(1_200);
    const set = loadGatewayConfig({ TRUST_PROXY: '2', CHAT_STARTS_PER_IP_PER_HOUR: '0', API_REQUESTS_PER_MINUTE: '60' });
    expect([set.trustProxy, set.chat.startsPerAddressPerHour, set.limits.apiRequestsPerMinute]).toEqual([2, 0, 60]);
    expect(() => loadGatewayConfig({ TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY/);
  });
});
