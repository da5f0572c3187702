import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createAppLogger, loadDotEnv } from '@app/tickets';
import { loadWorkerConfig } from './config/worker-config.js';
import { WorkerModule } from './worker.module.js';

async function bootstrap(): Promise<void> {
  loadDotEnv();
  const config = loadWorkerConfig(process.env);
  const app = await NestFactory.createApplicationContext(WorkerModule.register(config), {
    logger: createAppLogger('worker', process.env.LOG_FORMAT),
  });
  // SIGTERM: stop taking jobs, let the ones in flight finish, close connections.
  app.enableShutdownHooks();
  await app.init();
  new Logger('Worker').log('Ventanilla worker ready');
}

bootstrap().catch((error: unknown) => {
  console.error(`Ventanilla worker failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
