import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { announceReady, CONFIG_ERROR_EXIT_CODE, ConfigError, createAppLogger, loadDotEnv } from '@app/platform';
import { loadWorkerConfig } from './config/worker-config.js';
import { WorkerModule } from './worker.module.js';

async function bootstrap(): Promise<void> {
  loadDotEnv();
  const config = loadWorkerConfig(process.env);
  const app = await NestFactory.createApplicationContext(WorkerModule.register(config), {
    logger: createAppLogger('worker', config.core.logging),
  });
  // SIGTERM: stop taking jobs, let the ones in flight finish, close connections.
  app.enableShutdownHooks();
  await app.init();
  announceReady('worker');
}

bootstrap().catch((error: unknown) => {
  console.error(`Ventanilla worker failed to start: ${error instanceof Error ? error.message : String(error)}`);
  // A bad setting will not fix itself: say so to a supervisor (npm start does not restart it).
  process.exit(error instanceof ConfigError ? CONFIG_ERROR_EXIT_CODE : 1);
});
