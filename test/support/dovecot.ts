import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { eventually } from './eventually.js';
import { freePort } from './ports.js';
import { repoRoot } from './repo-root.js';

const DOVECOT = '/usr/sbin/dovecot';
const TEMPLATE = join(repoRoot(), 'test/dovecot/dovecot.conf.template');
const NOBODY = 65_534;

/** A real Dovecot IMAP server for one test suite, from the repo's config template. */
export class DovecotServer {
  readonly user = 'support';
  readonly password = 'secret';

  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  static async start(): Promise<DovecotServer> {
    if (!existsSync(DOVECOT)) {
      throw new Error(`Dovecot is not installed (${DOVECOT}); install the Debian package dovecot-imapd (README, "What the tests need")`);
    }
    const dir = mkdtempSync(join(tmpdir(), 'ventanilla-dovecot-'));
    // Dovecot's auth process runs as its own user and must be able to read the users file.
    chmodSync(dir, 0o755);
    const server = new DovecotServer(dir, await freePort());
    mkdirSync(join(dir, 'mail'), { recursive: true });
    chownSync(join(dir, 'mail'), NOBODY, NOBODY);
    writeFileSync(
      join(dir, 'dovecot.conf'),
      readFileSync(TEMPLATE, 'utf8').replaceAll('{{DIR}}', dir).replaceAll('{{PORT}}', String(server.port)),
    );
    writeFileSync(join(dir, 'users'), `${server.user}:{PLAIN}${server.password}:${NOBODY}:${NOBODY}::${dir}/mail/${server.user}::\n`);
    try {
      await server.launch();
    } catch (error) {
      await server.destroy();
      throw error;
    }
    return server;
  }

  /** Environment for the worker to read this mailbox. */
  imapEnv(): Record<string, string> {
    return {
      IMAP_HOST: '127.0.0.1',
      IMAP_PORT: String(this.port),
      IMAP_SECURE: 'false',
      IMAP_USER: this.user,
      IMAP_PASSWORD: this.password,
      IMAP_MAILBOX: 'INBOX',
    };
  }

  async launch(): Promise<void> {
    // A daemon keeps inherited pipes open; give it none.
    const result = spawnSync(DOVECOT, ['-c', join(this.dir, 'dovecot.conf')], { stdio: 'ignore' });
    if (result.status !== 0) throw new Error(`dovecot did not start: ${this.log()}`);
    await eventually(() => this.canConnect(), { timeoutMs: 10_000, what: 'dovecot to listen' });
  }

  /**
   * Stops the whole server, as a service manager does: the master, then whatever of this instance
   * outlives it (an IMAP session's process keeps serving its connection after the master is gone).
   */
  async stop(): Promise<void> {
    const pidFile = join(this.dir, 'run', 'master.pid');
    if (!existsSync(pidFile)) return;
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      return;
    }
    await eventually(() => !isAlive(pid), { timeoutMs: 10_000, what: 'dovecot to stop' });
    for (const leftover of this.instanceProcesses()) {
      try {
        process.kill(leftover, 'SIGKILL');
      } catch {
        // Gone already.
      }
    }
    await eventually(() => this.instanceProcesses().length === 0, { timeoutMs: 10_000, what: 'dovecot processes to end' });
  }

  /** Stops the server (its connections are closed) and starts it again on the same port, with the same mail. */
  async restart(): Promise<void> {
    await this.stop();
    await this.launch();
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  log(): string {
    const file = join(this.dir, 'dovecot.log');
    return existsSync(file) ? readFileSync(file, 'utf8').slice(-2_000) : '(no log)';
  }

  async client(): Promise<ImapFlow> {
    const client = new ImapFlow({
      host: '127.0.0.1',
      port: this.port,
      secure: false,
      auth: { user: this.user, pass: this.password },
      logger: false,
    });
    await client.connect();
    return client;
  }

  /** Delivers a mail into a mailbox the way an MTA would (IMAP APPEND). */
  async append(raw: string | Buffer, mailbox = 'INBOX'): Promise<void> {
    const client = await this.client();
    try {
      await client.append(mailbox, raw);
    } finally {
      await client.logout();
    }
  }

  /** Flags of every mail in a mailbox, by UID. */
  async flags(mailbox = 'INBOX'): Promise<Map<number, Set<string>>> {
    return new Map((await this.mailFlags(mailbox)).map((mail) => [mail.uid, mail.flags]));
  }

  /** Flags of every mail in a mailbox, with its subject. */
  async mailFlags(mailbox = 'INBOX'): Promise<Array<{ uid: number; subject: string; flags: Set<string> }>> {
    const client = await this.client();
    try {
      const lock = await client.getMailboxLock(mailbox);
      try {
        if ((client.mailbox || { exists: 0 }).exists === 0) return [];
        const mails = await client.fetchAll('1:*', { uid: true, flags: true, envelope: true }, { uid: false });
        return mails.map((mail) => ({ uid: mail.uid, subject: mail.envelope?.subject ?? '', flags: mail.flags ?? new Set() }));
      } finally {
        lock.release();
      }
    } finally {
      await client.logout();
    }
  }

  /** Processes of this instance (Dovecot titles them `dovecot-<instance_name>/<service>`). */
  private instanceProcesses(): number[] {
    const title = `dovecot-ventanilla-test-${this.port}/`;
    return readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .filter((pid) => {
        try {
          return readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith(title);
        } catch {
          return false;
        }
      })
      .map(Number);
  }

  async isRunning(): Promise<boolean> {
    return this.canConnect();
  }

  private async canConnect(): Promise<boolean> {
    try {
      const client = await this.client();
      await client.logout();
      return true;
    } catch {
      return false;
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
