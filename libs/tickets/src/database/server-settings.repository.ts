import type { DataSource } from 'typeorm';

/**
 * Postgres settings the system relies on but cannot set itself, each with what goes wrong without
 * it; read once at migration time so `npm start` and `npm run migrate` say so.
 */
export async function serverSettingWarnings(dataSource: DataSource): Promise<string[]> {
  const [row] = (await dataSource.query(`SELECT current_setting('autovacuum') AS autovacuum`)) as Array<{ autovacuum: string }>;
  const warnings: string[] = [];
  // Plans the apps prepare while tables are small are only replanned when ANALYZE updates the
  // tables' statistics: without autovacuum, lookups that use indexes on a grown table can stay
  // sequential scans of it for as long as the apps run (docs/operations.md, "Postgres").
  if (row?.autovacuum !== 'on') {
    warnings.push('Postgres runs with autovacuum off: table statistics go stale and queries planned on small tables keep scanning them whole as they grow; turn it on (or run ANALYZE regularly)');
  }
  return warnings;
}
