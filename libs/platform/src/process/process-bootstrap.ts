import { existsSync } from 'node:fs';

/** Reads `.env` from the working directory when there is one (values already set win). */
export function loadDotEnv(): void {
  if (existsSync('.env')) process.loadEnvFile('.env');
}

/** Exit code of a process stopped by a bad setting (EX_CONFIG of sysexits.h): restarting it is pointless. */
export const CONFIG_ERROR_EXIT_CODE = 78;

/** The line supervisors and tests wait for; written whatever the log level. */
export function announceReady(appName: string, detail = ''): void {
  console.log(`Ventanilla ${appName} ready${detail}`);
}
