import type { DataSourceOptions } from 'typeorm';
import { TICKETS_ENTITIES, TICKETS_MIGRATIONS } from './entities.js';

/** TypeORM options shared by the apps and the migration runner. Schema changes only by migration. */
export function dataSourceOptions(databaseUrl: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: TICKETS_ENTITIES,
    migrations: TICKETS_MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    extra: { max: poolSize, connectionTimeoutMillis: 5_000 },
  };
}
