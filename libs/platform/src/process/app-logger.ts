import { ConsoleLogger, type LogLevel, type LoggerService } from '@nestjs/common';
import { ConfigError } from '../config/config-error.js';
import type { EnvReader } from '../config/env-reader.js';

export interface LoggingSettings {
  /** `json` for log collectors, `text` for people. */
  format: 'json' | 'text';
  /** The least severe level written: error, warn, log (default), debug or verbose. */
  level: LogLevel;
}

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

export function readLoggingSettings(env: EnvReader): LoggingSettings {
  const format = env.string('LOG_FORMAT', 'text');
  const level = env.string('LOG_LEVEL', 'log') as LogLevel;
  if (format !== 'json' && format !== 'text') throw new ConfigError(`LOG_FORMAT must be json or text, got "${format}"`);
  if (!LEVELS.includes(level) || level === 'fatal') throw new ConfigError(`LOG_LEVEL must be one of error, warn, log, debug, verbose, got "${level}"`);
  return { format, level };
}

export function createAppLogger(appName: string, settings: LoggingSettings): LoggerService {
  return new ConsoleLogger(appName, {
    json: settings.format === 'json',
    colors: settings.format === 'text' && Boolean(process.stdout.isTTY),
    logLevels: LEVELS.slice(0, LEVELS.indexOf(settings.level) + 1),
  });
}
