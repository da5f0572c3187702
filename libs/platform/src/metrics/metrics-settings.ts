import type { EnvReader } from '../config/env-reader.js';

export interface MetricsSettings {
  /** Port of the process's own /metrics server; undefined: no server (0: any free port, logged). */
  port?: number;
  /** Address it binds to; loopback by default, so only the host (or a sidecar) can scrape. */
  host: string;
}

export function readMetricsSettings(env: EnvReader): MetricsSettings {
  const port = env.optionalString('METRICS_PORT') === undefined ? undefined : env.int('METRICS_PORT', 0, { min: 0, max: 65_535 });
  return { port, host: env.string('METRICS_HOST', '127.0.0.1') };
}
