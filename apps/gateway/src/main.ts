import 'reflect-metadata';
import type { Server } from 'node:http';
import { Logger } from '@nestjs/common';
import { announceReady, CONFIG_ERROR_EXIT_CODE, ConfigError, loadDotEnv } from '@app/platform';
import { loadGatewayConfig } from './config/gateway-config.js';
import { createGatewayApp } from './gateway-app.js';
import { applyConnectionSettings, listenOptions } from './http/connection-settings.js';

async function bootstrap(): Promise<void> {
  loadDotEnv();
  const config = loadGatewayConfig(process.env);
  const app = await createGatewayApp(config);
  // SIGTERM: stop accepting, answer what is in flight (HttpDraining, ChatGateway), close the
  // stores, then exit with 0 (not by re-raising the signal), so supervisors see a clean stop.
  app.enableShutdownHooks(undefined, { useProcessExit: true });
  // A request that never ends (a store that stopped answering) must not keep the process alive.
  process.once('SIGTERM', () => {
    setTimeout(() => {
      new Logger('Gateway').error(`shutdown still draining after ${config.shutdownTimeoutMs} ms (SHUTDOWN_TIMEOUT_MS); exiting`);
      process.exit(1);
    }, config.shutdownTimeoutMs).unref();
  });
  applyConnectionSettings(app.getHttpServer() as Server);
  // Nest's typings name a port and a host only; it hands its arguments to Node's server.listen as they are.
  await app.listen(listenOptions(config.port) as unknown as number);
  const address = app.getHttpServer().address() as { port: number };
  announceReady('gateway', ` on port ${address.port}`);
}

bootstrap().catch((error: unknown) => {
  console.error(`Ventanilla gateway failed to start: ${error instanceof Error ? error.message : String(error)}`);
  // A bad setting will not fix itself: say so to a supervisor (npm start does not restart it).
  process.exit(error instanceof ConfigError ? CONFIG_ERROR_EXIT_CODE : 1);
});
