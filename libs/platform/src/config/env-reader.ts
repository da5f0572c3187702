import { ConfigError } from './config-error.js';

export type Env = Record<string, string | undefined>;

/**
 * Reads typed settings from an environment map, failing with a message that names the
 * variable. Apps call it once at start-up; nothing else reads `process.env`.
 */
export class EnvReader {
  constructor(private readonly env: Env) {}

  string(name: string, fallback: string): string {
    return this.optionalString(name) ?? fallback;
  }

  optionalString(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  /** A secret as written, spaces included (a password's spaces are part of it); unset or empty: undefined. */
  optionalSecret(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value === '' ? undefined : value;
  }

  int(name: string, fallback: number, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}): number {
    const raw = this.optionalString(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
    }
    return value;
  }

  /** A number above zero, fractions allowed (e.g. a length of time in milliseconds). */
  positive(name: string, fallback: number): number {
    const raw = this.optionalString(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0) throw new ConfigError(`${name} must be a positive number, got "${raw}"`);
    return value;
  }

  bool(name: string, fallback: boolean): boolean {
    const raw = this.optionalString(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
    if (['0', 'false', 'no', 'off'].includes(raw)) return false;
    throw new ConfigError(`${name} must be true or false, got "${raw}"`);
  }

  url(name: string, fallback: string, protocols: string[]): string {
    const raw = this.string(name, fallback);
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      throw new ConfigError(`${name} must be a URL, got "${withoutCredentials(raw)}" (a password with characters such as # / ? @ : must be percent-encoded)`);
    }
    if (!protocols.includes(parsed.protocol)) {
      throw new ConfigError(`${name} must use ${protocols.join(' or ')}, got "${parsed.protocol}"`);
    }
    return raw;
  }

  optionalUrl(name: string, protocols: string[]): string | undefined {
    return this.optionalString(name) === undefined ? undefined : this.url(name, '', protocols);
  }

  email(name: string, fallback: string): string {
    const value = this.string(name, fallback).toLowerCase();
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value)) {
      throw new ConfigError(`${name} must be an email address, got "${value}"`);
    }
    return value;
  }

  optionalEmail(name: string): string | undefined {
    return this.optionalString(name) === undefined ? undefined : this.email(name, '');
  }

  list(name: string, fallback: string[]): string[] {
    const raw = this.optionalString(name);
    return raw === undefined ? fallback : raw.split(',').map((item) => item.trim()).filter(Boolean);
  }
}

/** A URL as a log may show it: whatever sits between `//` and the last `@` (user and password) masked. */
function withoutCredentials(raw: string): string {
  return raw.replace(/^([a-z][a-z0-9+.-]*:\/\/)(.*)@/i, '$1***@');
}
