import { BullModule } from '@nestjs/bullmq';
import { Global, Module, type DynamicModule, type OnApplicationShutdown, Inject } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Redis } from 'ioredis';
import { CORE_CONFIG } from '../config/core-config.token.js';
import type { CoreConfig } from '../config/core-config.js';
import { dataSourceOptions } from '../database/data-source-options.js';
import { closeRedis, createRedisClient, REDIS_CLIENT } from './redis-client.js';
import { StatusBoard } from './status-board.js';

/** What both apps need underneath: the validated config, Postgres (TypeORM), BullMQ and a Redis client. */
@Global()
@Module({})
export class CoreInfrastructureModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis) {}

  static register(config: CoreConfig, processName: string, poolSize = 10): DynamicModule {
    return {
      module: CoreInfrastructureModule,
      imports: [
        TypeOrmModule.forRoot({ ...dataSourceOptions(config.databaseUrl, poolSize), retryAttempts: 3, retryDelay: 1_000 }),
        BullModule.forRoot({
          // Enqueueing fails at once while Redis is down (no offline queue, one retry) instead of
          // waiting for it, so each source can answer "try again" (README, "Reliability").
          connection: { url: config.redisUrl, connectionName: processName, enableOfflineQueue: false, maxRetriesPerRequest: 1 },
          prefix: config.queuePrefix,
        }),
      ],
      providers: [
        { provide: CORE_CONFIG, useValue: config },
        { provide: REDIS_CLIENT, useFactory: () => createRedisClient(config.redisUrl, `${processName}-status`) },
        StatusBoard,
      ],
      exports: [CORE_CONFIG, REDIS_CLIENT, StatusBoard],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await closeRedis(this.redis);
  }
}
