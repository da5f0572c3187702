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
const AGENT_PASSWORD = join(repoRoot(), 'dist/tools/agent-password.js');
const run = (entry: string, env: Record<string, string>) =>
  spawnSync(process.execPath, [entry], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 20_000 });

describe('start-up with a bad setting', () => {
  it.each([
    ['CHAT_RATE_LIMIT', 'abc'],
    ['IMAP_PORT', 'abc'],
    ['SLA_ATTENTION_MINUTES', 'abc'],
    ['ADMIN_PASSWORD', 'corta'],
    ['ADMIN_PASSWORD', 'Contraseña123'],
    ['ADMIN_EMAIL', 'not-an-email'],
    ['AUTH_TOKEN_SECRET', 'corta'],
    ['TRUST_PROXY', 'todos'],
    ['SLA_MINUTE_MS', '-5'],
    // The workers' metrics ports would be 3000-…: the gateway's PORT (3000) could never be taken.
    ['METRICS_PORT', '2999'],
  ])('should make npm start stop at once naming %s instead of restarting forever', (name, value) => {
    const result = run(START, { [name]: value, DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/ventanilla_never_created', IMAP_HOST: '127.0.0.1' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(name);
    expect(result.stdout).not.toContain('ready');
  });

  it('should take the backup day for mailbox:reread only as YYYY-MM-DD (07/12/2026 is not read as July 12)', () => {
    const result = run(join(repoRoot(), 'dist/tools/mailbox-reread.js'), {});
    expect(result.status).toBe(1);
    const ambiguous = spawnSync(process.execPath, [join(repoRoot(), 'dist/tools/mailbox-reread.js'), '--since', '07/12/2026'], { env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8', timeout: 20_000 });
    expect(ambiguous.status).toBe(1);
    expect(ambiguous.stderr).toContain('--since needs the day of the backup as YYYY-MM-DD, e.g. --since 2026-12-01 (got "07/12/2026")');
  });

  it("should name DATABASE_URL without printing its password, whether it cannot be read or its server cannot be reached", async () => {
    const unreadable = run(START, { DATABASE_URL: 'postgres://app:S3cr#t@db.example:5432/ventanilla' });
    expect(unreadable.status).toBe(1);
    expect(unreadable.stderr).toContain('DATABASE_URL must be a URL, got "postgres://***@db.example:5432/ventanilla"');
    expect(unreadable.stderr).toContain('percent-encoded');
    expect(unreadable.stderr).not.toContain('S3cr');
    const port = await freePort();
    const unreachable = run(MIGRATE, { DATABASE_URL: `postgres://postgres:Secreta1@127.0.0.1:${port}/ventanilla` });
    expect(unreachable.status).toBe(1);
    expect(unreachable.stderr).toContain(`DATABASE_URL (127.0.0.1:${port}): could not connect`);
    expect(unreachable.stderr).not.toContain('Secreta1');
  });

  it('should exit a gateway with code 78 (configuration error) so a supervisor does not restart it', () => {
    const result = run(APP_ENTRY.gateway, { CHAT_RATE_LIMIT: 'abc' });
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('CHAT_RATE_LIMIT');
  });
});

describe('a gateway whose Redis is down', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    env = await TestEnvironment.create('redis-down');
  });
  afterAll(() => env.close());

  it('should say so in a few log lines, all JSON with LOG_FORMAT=json, not a raw dump for every reconnect', async () => {
    const deadRedis = `redis://127.0.0.1:${await freePort()}/5`;
    const settings = { ...env.processEnv({ PORT: String(await freePort()), REDIS_URL: deadRedis, LOG_FORMAT: 'json' }), PATH: process.env.PATH ?? '' };
    // Six seconds of reconnecting (several a second for each queue and connection), then SIGTERM.
    const result = spawnSync(process.execPath, [APP_ENTRY.gateway], { env: settings, encoding: 'utf8', timeout: 6_000 });
    const lines = `${result.stdout}\n${result.stderr}`.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('Ventanilla gateway'));
    expect(lines.filter((line) => !line.startsWith('{'))).toEqual([]);
    const refused = lines.filter((line) => line.includes('ECONNREFUSED'));
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.length).toBeLessThanOrEqual(10);
  });
});

describe('channels that cannot send', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    env = await TestEnvironment.create('channels-off');
  });
  afterAll(() => env.close());

  it('should say at start-up that mail and SMS are held while SMTP_URL and Twilio are unset, and that webhooks answer 503', async () => {
    const off = { SMTP_URL: '', TWILIO_AUTH_TOKEN: '', TWILIO_ACCOUNT_SID: '', PATH: process.env.PATH ?? '' };
    // Each runs a few seconds, then the timeout stops it: the lines come at start-up.
    const worker = spawnSync(process.execPath, [APP_ENTRY.worker], { env: { ...env.processEnv(), ...off }, encoding: 'utf8', timeout: 8_000 });
    const gateway = spawnSync(process.execPath, [APP_ENTRY.gateway], { env: { ...env.processEnv({ PORT: String(await freePort()) }), ...off }, encoding: 'utf8', timeout: 8_000 });
    expect(`${worker.stdout}${worker.stderr}`).toContain('mail is not sent from this process (SMTP_URL unset)');
    expect(`${worker.stdout}${worker.stderr}`).toContain('SMS are not sent from this process (TWILIO_AUTH_TOKEN unset)');
    expect(`${gateway.stdout}${gateway.stderr}`).toContain('phone is off (TWILIO_AUTH_TOKEN unset): Twilio webhooks answer 503');
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

  it('should build a new database whole (a name with a hyphen too), the indexes built concurrently (outside a transaction) included and valid', async () => {
    const fresh = `${env.databaseUrl}-fresh`;
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

  it('should let the operator set a forgotten password of the only administrator from the server, ending its sessions', async () => {
    const gateway = await startGateway(ADMIN);
    try {
      const base = `http://127.0.0.1:${port}`;
      const before = await ApiClient.signIn(base, ADMIN);
      const setPassword = (password: string) =>
        spawnSync(process.execPath, [AGENT_PASSWORD, ADMIN.email.toUpperCase()], { env: { PATH: process.env.PATH ?? '', DATABASE_URL: env.databaseUrl }, input: `${password}\n`, encoding: 'utf8', timeout: 20_000 });

      const guessable = setPassword('1234567890');
      expect([guessable.status, guessable.stderr]).toEqual([1, expect.stringContaining('the password is refused: Esa contraseña es de las primeras')]);
      const unknown = spawnSync(process.execPath, [AGENT_PASSWORD, 'nadie@interfactura.com'], { env: { PATH: process.env.PATH ?? '', DATABASE_URL: env.databaseUrl, NEW_PASSWORD: 'una frase nueva y larga' }, encoding: 'utf8' });
      expect([unknown.status, unknown.stderr]).toEqual([1, expect.stringContaining('no agent has the email nadie@interfactura.com')]);

      const changed = setPassword('una frase nueva y larga');
      expect([changed.status, changed.stdout]).toEqual([0, expect.stringContaining(`is changed; every session they had is ended`)]);
      expect((await before.get('/api/tickets')).status).toBe(401);
      await expect(ApiClient.signIn(base, ADMIN)).rejects.toThrow(/failed: 401/);
      await expect(ApiClient.signIn(base, { email: ADMIN.email, password: 'una frase nueva y larga' })).resolves.toBeInstanceOf(ApiClient);
    } finally {
      await gateway.stop();
    }
  });
});
