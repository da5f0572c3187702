import { readPhoneSettings, type PhoneSettings } from '@app/channels';
import { EnvReader, readCoreConfig, type CoreConfig, type Env } from '@app/tickets';

export interface AuthSettings {
  /** Key that signs access tokens; when unset, one is generated once and kept in Postgres. */
  tokenSecret?: string;
  tokenTtlMinutes: number;
  /** The first administrator, created at start when no agent exists. */
  adminEmail?: string;
  adminPassword?: string;
}

export interface GatewayConfig {
  core: CoreConfig;
  phone: PhoneSettings;
  auth: AuthSettings;
  port: number;
  /** /health fails when a queue's oldest waiting job is older than this: no one is consuming it. */
  healthMaxQueueAgeMs: number;
}

/** Reads and validates the gateway's settings once; a bad value stops start-up with its name. */
export function loadGatewayConfig(env: Env): GatewayConfig {
  const reader = new EnvReader(env);
  const core = readCoreConfig(reader);
  return {
    core,
    phone: readPhoneSettings(reader, core.publicBaseUrl),
    auth: {
      tokenSecret: reader.optionalString('AUTH_TOKEN_SECRET'),
      tokenTtlMinutes: reader.int('AUTH_TOKEN_TTL_MINUTES', 720, { min: 1, max: 60 * 24 * 30 }),
      adminEmail: reader.optionalString('ADMIN_EMAIL'),
      adminPassword: reader.optionalString('ADMIN_PASSWORD'),
    },
    port: reader.int('PORT', 3000, { min: 0, max: 65_535 }),
    healthMaxQueueAgeMs: reader.int('HEALTH_MAX_QUEUE_AGE_MS', 60_000, { min: 1_000 }),
  };
}

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
