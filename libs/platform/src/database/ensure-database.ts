import pg from 'pg';

/** SQLSTATE of a connection to a database that does not exist. */
const NO_SUCH_DATABASE = '3D000';

/**
 * Creates the database named in the URL when it does not exist yet (INTERFACE.md promises this).
 * The database itself is tried first: behind a pooler, or for a user who may not open the `postgres`
 * maintenance database, an existing database needs nothing more. A failure names the setting and the
 * server it tried (never the password).
 */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!name) throw new Error('DATABASE_URL names no database (…/ventanilla at its end)');
  try {
    await withClient(databaseUrl, async () => undefined);
    return;
  } catch (error) {
    if ((error as { code?: string }).code !== NO_SUCH_DATABASE) throw namingTheSetting(url, error);
  }
  url.pathname = '/postgres';
  await withClient(url.toString(), async (admin) => {
    try {
      await admin.query(`CREATE DATABASE ${quotedIdentifier(name)}`);
    } catch (error) {
      // Two processes may race to create it; the loser's "already exists" is fine.
      if ((error as { code?: string }).code !== '42P04') throw error;
    }
  }).catch((error: unknown) => {
    throw namingTheSetting(url, error, `could not create database "${name}"`);
  });
}

async function withClient(connectionString: string, work: (client: pg.Client) => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

function quotedIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function namingTheSetting(url: URL, error: unknown, what = 'could not connect'): Error {
  const reason = error instanceof Error ? error.message : String(error);
  return new Error(`DATABASE_URL (${url.hostname}:${url.port || '5432'}): ${what}: ${reason}`);
}
