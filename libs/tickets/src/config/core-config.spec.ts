import { describe, expect, it } from '@jest/globals';
import { ConfigError, EnvReader } from '@app/platform';
import { readCoreConfig } from './core-config.js';

const read = (env: Record<string, string>) => readCoreConfig(new EnvReader(env));

describe('readCoreConfig (mail tickets per sender)', () => {
  it('should allow 10 tickets per sender per hour by mail when MAIL_TICKETS_PER_SENDER_PER_HOUR is unset', () => {
    expect(read({}).mailTicketsPerSenderPerHour).toBe(10);
  });

  it('should accept 0 (no limit) and any other whole number', () => {
    expect(read({ MAIL_TICKETS_PER_SENDER_PER_HOUR: '0' }).mailTicketsPerSenderPerHour).toBe(0);
    expect(read({ MAIL_TICKETS_PER_SENDER_PER_HOUR: '3' }).mailTicketsPerSenderPerHour).toBe(3);
  });

  it('should stop with the variable named when the limit is negative or not a whole number', () => {
    expect(() => read({ MAIL_TICKETS_PER_SENDER_PER_HOUR: '-1' })).toThrow(ConfigError);
    expect(() => read({ MAIL_TICKETS_PER_SENDER_PER_HOUR: 'diez' })).toThrow(/MAIL_TICKETS_PER_SENDER_PER_HOUR/);
  });
});

describe('readCoreConfig (public address)', () => {
  it("should follow the gateway's PORT when PUBLIC_BASE_URL is unset, so links and the chat's own page name where it answers", () => {
    expect(read({}).publicBaseUrl).toBe('http://localhost:3000');
    expect(read({ PORT: '3316' }).publicBaseUrl).toBe('http://localhost:3316');
    expect(read({ PORT: '3316', PUBLIC_BASE_URL: 'https://soporte.interfactura.com/' }).publicBaseUrl).toBe('https://soporte.interfactura.com');
  });
});
