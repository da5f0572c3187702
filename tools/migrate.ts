import { EnvReader, loadDotEnv } from '@app/platform';
import { describeMigration, migrate, readCoreConfig } from '@app/tickets';

/** Creates the database if needed and applies pending migrations (`npm run migrate`, and `npm start`). */
async function main(): Promise<void> {
  loadDotEnv();
  const { databaseUrl } = readCoreConfig(new EnvReader(process.env));
  for (const line of describeMigration(await migrate(databaseUrl))) console.log(line);
}

main().catch((error: unknown) => {
  console.error(`migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
