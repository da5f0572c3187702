import { dataSourceOptions, ensureDatabase } from '@app/platform';
import { DataSource } from 'typeorm';
import { TICKETS_MIGRATIONS } from './entities.js';

/** Creates the database if needed and applies pending migrations; returns their names. */
export async function migrate(databaseUrl: string): Promise<string[]> {
  await ensureDatabase(databaseUrl);
  // Migrations are plain SQL: they need no entity metadata.
  const dataSource = new DataSource({ ...dataSourceOptions(databaseUrl, { entities: [], migrations: TICKETS_MIGRATIONS }, 2), logging: false });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
