import { EnvReader, readCoreConfig, type CoreConfig, type Env } from '@app/tickets';

export interface GatewayConfig {
  core: CoreConfig;
  port: number;
  /** /health fails when a queue's oldest waiting job is older than this: no one is consuming it. */
  healthMaxQueueAgeMs: number;
}

/** Reads and validates the gateway's settings once; a bad value stops start-up with its name. */
export function loadGatewayConfig(env: Env): GatewayConfig {
  const reader = new EnvReader(env);
  return {
    core: readCoreConfig(reader),
    port: reader.int('PORT', 3000, { min: 0, max: 65_535 }),
    healthMaxQueueAgeMs: reader.int('HEALTH_MAX_QUEUE_AGE_MS', 60_000, { min: 1_000 }),
  };
}

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
