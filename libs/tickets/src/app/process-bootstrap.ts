import { existsSync } from 'node:fs';
import { ConsoleLogger, type LoggerService } from '@nestjs/common';

/** Reads `.env` from the working directory when there is one (values already set win). */
export function loadDotEnv(): void {
  if (existsSync('.env')) process.loadEnvFile('.env');
}

/** JSON logs when LOG_FORMAT=json (for log collectors), readable text otherwise. */
export function createAppLogger(appName: string, format: string | undefined): LoggerService {
  return new ConsoleLogger(appName, { json: format === 'json', colors: format !== 'json' && Boolean(process.stdout.isTTY) });
}
