import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { ADMIN, ApiClient } from '../../../test/support/api-client.js';
import { APP_ENTRY, AppProcess } from '../../../test/support/app-process.js';
import { freePort } from '../../../test/support/ports.js';
import { repoRoot } from '../../../test/support/repo-root.js';
import { TestEnvironment } from '../../../test/support/test-environment.js';

const START = join(repoRoot(), 'dist/tools/start.js');
const MIGRATE = join(repoRoot(), 'dist/tools/migrate.js');
const run = (entry: string, env: Record<string, string>) =>
  spawnSync(process.execPath, [entry], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 20_000 });

describe('start-up with a bad setting', () => {
  it.each([
    ['CHAT_RATE_LIMIT', 'abc'],
    ['IMAP_PORT', 'abc'],
    ['SLA_ATTENTION_MINUTES', 'abc'],
    ['ADMIN_PASSWORD', 'corta'],
    ['ADMIN_PASSWORD', 'Contraseña123'],
    ['AUTH_TOKEN_SECRET', 'corta'],
    ['TRUST_PROXY', 'todos'],
  ])('should make npm start stop at once naming %s instead of restarting forever', (name, value) => {
    const result = run(START, { [name]: value, DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/ventanilla_never_created', IMAP_HOST: '127.0.0.1' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(name);
    expect(result.stdout).not.toContain('ready');
  });

  it('should exit a gateway with code 78 (configuration error) so a supervisor does not restart it', () => {
    const result = run(APP_ENTRY.gateway, { CHAT_RATE_LIMIT: 'abc' });
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('CHAT_RATE_LIMIT');
  });
});

describe('npm run migrate', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    env = await TestEnvironment.create('startup');
  });
  afterAll(() => env.close());

  it("should say the schema is up to date, and warn when the server's autovacuum is off", async () => {
    // The server's own setting (one per server, not per database): the test follows it.
    const [{ autovacuum }] = await env.query<{ autovacuum: string }>(`SELECT current_setting('autovacuum') AS autovacuum`);
    const result = run(MIGRATE, { DATABASE_URL: env.databaseUrl });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('database schema is up to date');
    if (autovacuum === 'on') expect(result.stdout).not.toContain('autovacuum');
    else expect(result.stdout).toContain('warning: Postgres runs with autovacuum off');
  });

  it('should build a new database whole, the indexes built concurrently (outside a transaction) included and valid', async () => {
    const fresh = `${env.databaseUrl}_fresh`;
    const name = new URL(fresh).pathname.slice(1);
    await env.query(`DROP DATABASE IF EXISTS "${name}"`);
    try {
      const result = run(MIGRATE, { DATABASE_URL: fresh });
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/^applied migrations: .*InboxOrderIndexes1764536400000/);
      const db = new pg.Client({ connectionString: fresh });
      await db.connect();
      try {
        const { rows } = await db.query<{ name: string; valid: boolean }>(
          `SELECT i.indexrelid::regclass::text AS name, i.indisvalid AS valid FROM pg_index i
            WHERE i.indrelid = 'tickets'::regclass AND i.indexrelid::regclass::text IN ('tickets_open_idx', 'tickets_urgency_idx', 'tickets_created_idx')
            ORDER BY 1`,
        );
        expect(rows).toEqual([
          { name: 'tickets_created_idx', valid: true },
          { name: 'tickets_open_idx', valid: true },
          { name: 'tickets_urgency_idx', valid: true },
        ]);
      } finally {
        await db.end();
      }
    } finally {
      await env.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
  });
});

describe('the first administrator (ADMIN_EMAIL / ADMIN_PASSWORD)', () => {
  let env: TestEnvironment;
  let port: number;
  const startGateway = (admin: { email: string; password: string }) =>
    new AppProcess('gateway', env.processEnv({ PORT: String(port), ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password })).start();

  beforeAll(async () => {
    env = await TestEnvironment.create('first-admin');
    port = await freePort();
  });
  afterAll(() => env.close());

  it('should say at start-up when the pair would not sign in because an administrator already exists', async () => {
    const first = await startGateway(ADMIN);
    await first.stop();
    const notApplied = 'ADMIN_EMAIL / ADMIN_PASSWORD not applied: an active administrator exists';

    // The sandbox draws a new password each run: the administrator keeps the first one.
    const newPassword = await startGateway({ email: ADMIN.email, password: 'otra-clave-distinta-456' });
    try {
      expect(newPassword.log).toContain(`${notApplied} and they only create the first one (${ADMIN.email} keeps the password it has)`);
      const base = `http://127.0.0.1:${port}`;
      await expect(ApiClient.signIn(base, { email: ADMIN.email, password: 'otra-clave-distinta-456' })).rejects.toThrow(/failed: 401/);
      await expect(ApiClient.signIn(base, ADMIN)).resolves.toBeInstanceOf(ApiClient);
    } finally {
      await newPassword.stop();
    }

    const otherEmail = await startGateway({ email: 'otra.admin@interfactura.com', password: ADMIN.password });
    await otherEmail.stop();
    expect(otherEmail.log).toContain('(otra.admin@interfactura.com was not created)');

    // The pair that signs in says nothing.
    const same = await startGateway(ADMIN);
    await same.stop();
    expect(same.log).not.toContain(notApplied);
  });
});
