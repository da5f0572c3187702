import { dataSourceOptions, ensureDatabase } from '@app/platform';
import { DataSource } from 'typeorm';
import { TICKETS_MIGRATIONS } from './entities.js';
import { serverSettingWarnings } from './server-settings.repository.js';

export interface MigrationReport {
  /** Names of the migrations this run applied. */
  applied: string[];
  /** What is wrong with the Postgres server's settings, for the operator. */
  warnings: string[];
}

/** Creates the database if needed, applies pending migrations and checks the server's settings. */
export async function migrate(databaseUrl: string): Promise<MigrationReport> {
  await ensureDatabase(databaseUrl);
  // Migrations are plain SQL: they need no entity metadata.
  const dataSource = new DataSource({ ...dataSourceOptions(databaseUrl, { entities: [], migrations: TICKETS_MIGRATIONS }, 2), logging: false });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return { applied: applied.map((migration) => migration.name), warnings: await serverSettingWarnings(dataSource) };
  } finally {
    await dataSource.destroy();
  }
}

/** What `npm start` and `npm run migrate` print of a migration run. */
export function describeMigration(report: MigrationReport): string[] {
  return [
    report.applied.length ? `applied migrations: ${report.applied.join(', ')}` : 'database schema is up to date',
    ...report.warnings.map((warning) => `warning: ${warning}`),
  ];
}
