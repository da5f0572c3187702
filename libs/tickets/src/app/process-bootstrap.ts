import { existsSync } from 'node:fs';
import { ConsoleLogger, type LogLevel, type LoggerService } from '@nestjs/common';
import { ConfigError } from '../errors.js';
import type { EnvReader } from '../config/env-reader.js';

/** Reads `.env` from the working directory when there is one (values already set win). */
export function loadDotEnv(): void {
  if (existsSync('.env')) process.loadEnvFile('.env');
}

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

/** Exit code of a process stopped by a bad setting (EX_CONFIG of sysexits.h): restarting it is pointless. */
export const CONFIG_ERROR_EXIT_CODE = 78;

/** The line supervisors and tests wait for; written whatever the log level. */
export function announceReady(appName: string, detail = ''): void {
  console.log(`Ventanilla ${appName} ready${detail}`);
}
