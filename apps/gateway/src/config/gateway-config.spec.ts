import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '@app/tickets';
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
