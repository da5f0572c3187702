import type { DataSourceOptions } from 'typeorm';

/** The tables a process maps and the migrations that build them; the app lists its libraries' own. */
export interface DatabaseSchema {
  entities: NonNullable<DataSourceOptions['entities']>;
  migrations: NonNullable<DataSourceOptions['migrations']>;
}

/** TypeORM options shared by the apps and the migration runner. Schema changes only by migration. */
export function dataSourceOptions(databaseUrl: string, schema: DatabaseSchema, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: schema.entities,
    migrations: schema.migrations,
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    extra: { max: poolSize, connectionTimeoutMillis: 5_000 },
  };
}
