import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '../config/config-error.js';
import { EnvReader } from '../config/env-reader.js';
import { readMetricsSettings } from './metrics-settings.js';

describe('readMetricsSettings', () => {
  it('should serve no metrics and bind loopback when METRICS_PORT is unset', () => {
    expect(readMetricsSettings(new EnvReader({}))).toEqual({ port: undefined, host: '127.0.0.1' });
  });

  it('should take the port and host when set', () => {
    expect(readMetricsSettings(new EnvReader({ METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0' }))).toEqual({ port: 9464, host: '0.0.0.0' });
  });

  it('should refuse a port that is not one, naming the variable', () => {
    expect(() => readMetricsSettings(new EnvReader({ METRICS_PORT: 'nueve' }))).toThrow(ConfigError);
    expect(() => readMetricsSettings(new EnvReader({ METRICS_PORT: '70000' }))).toThrow(/METRICS_PORT/);
  });
});
