import { BullModule } from '@nestjs/bullmq';
import { Global, Module, type DynamicModule, type OnApplicationShutdown, Inject } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Redis } from 'ioredis';
import { dataSourceOptions, type DatabaseSchema } from '../database/data-source-options.js';
import { usePreparedStatements } from '../database/prepared-statements.js';
import { closeRedis, createRedisClient, REDIS_CLIENT } from '../redis/redis-client.js';
import { REDIS_KEY_PREFIX } from '../redis/redis-key-prefix.js';
import { PresenceRegistry } from './presence-registry.js';
import { StatusBoard } from './status-board.js';

export interface InfrastructureOptions {
  /** Names the process's connections (Postgres pool, Redis clients). */
  processName: string;
  databaseUrl: string;
  /** Hot-path statements as named prepared statements (DATABASE_PREPARED_STATEMENTS) [true]. */
  preparedStatements?: boolean;
  redisUrl: string;
  /** Prefix of every Redis key, BullMQ's included (QUEUE_PREFIX). */
  keyPrefix: string;
  schema: DatabaseSchema;
  poolSize?: number;
}

/** What both apps need underneath: Postgres (TypeORM), BullMQ, a Redis client, status and presence in Redis. */
@Global()
@Module({})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis) {}

  static register(options: InfrastructureOptions): DynamicModule {
    usePreparedStatements(options.preparedStatements ?? true);
    return {
      module: InfrastructureModule,
      imports: [
        TypeOrmModule.forRoot({ ...dataSourceOptions(options.databaseUrl, options.schema, options.poolSize), retryAttempts: 3, retryDelay: 1_000 }),
        BullModule.forRoot({
          // Enqueueing fails at once while Redis is down (no offline queue, one retry) instead of
          // waiting for it, so each source can answer "try again" (docs/reliability.md).
          connection: { url: options.redisUrl, connectionName: options.processName, enableOfflineQueue: false, maxRetriesPerRequest: 1 },
          prefix: options.keyPrefix,
        }),
      ],
      providers: [
        { provide: REDIS_KEY_PREFIX, useValue: options.keyPrefix },
        { provide: REDIS_CLIENT, useFactory: () => createRedisClient(options.redisUrl, `${options.processName}-status`) },
        StatusBoard,
        PresenceRegistry,
      ],
      exports: [REDIS_KEY_PREFIX, REDIS_CLIENT, StatusBoard, PresenceRegistry],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await closeRedis(this.redis);
  }
}
