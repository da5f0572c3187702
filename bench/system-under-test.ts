import { defaultWorkerProcesses } from '../apps/worker/src/config/worker-config.js';
import { AppProcess } from '../test/support/app-process.js';
import { freePort } from '../test/support/ports.js';
import type { TestEnvironment } from '../test/support/test-environment.js';
import { TwilioApiFake } from '../test/support/twilio-api-fake.js';
import { CountingSmtpSink } from './support/counting-smtp-sink.js';
import { StatementTally } from './support/statement-tally.js';

export const BENCH_TWILIO = {
  accountSid: `AC${'0123456789abcdef'.repeat(2)}`,
  authToken: 'bench-auth-token-0123456789abcdef',
  // As in production, the address Twilio requests has no port: with one (localhost:3000) the
  // twilio package's check computes the signature twice (first without the port, then with it).
  publicBaseUrl: 'https://ventanilla.bench.example',
  line: '+528147771119',
};

const TEST_TIMERS = ['SWEEP_INTERVAL_MS', 'SWEEP_GRACE_MS', 'JOB_LOCK_MS', 'IMAP_POLL_INTERVAL_MS', 'IMAP_COMMAND_TIMEOUT_MS'];

/** `settings` without the test environment's fast sweeps and short job locks (they are for fault tests): the apps' own defaults. */
export function withProductionTimers(settings: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(settings).filter(([name]) => !TEST_TIMERS.includes(name)));
}

/**
 * Ventanilla as it runs in production (a gateway and BENCH_WORKER_PROCESSES worker processes, as
 * many as `npm start` runs by default), with the phone channel on a Twilio fake, each
 * process counting the statements it sends to Postgres.
 */
export class SystemUnderTest {
  private constructor(
    readonly base: string,
    readonly gateway: AppProcess,
    readonly workers: AppProcess[],
    readonly twilio: TwilioApiFake,
    /** What the processes sent to Postgres. */
    readonly statements: StatementTally,
    /** The mail server, unless the scenario brought its own. */
    readonly mail?: CountingSmtpSink,
  ) {}

  /** Every process by name, for the monitors: gateway, worker (and worker-2...). */
  get processes(): Record<string, AppProcess> {
    return Object.fromEntries([['gateway', this.gateway], ...this.workers.map((worker, index) => [index === 0 ? 'worker' : `worker-${index + 1}`, worker])]);
  }

  /**
   * `worker` settings are added to the worker's (e.g. a mailbox and an SMTP server for mail). Without
   * an SMTP server of the scenario's, the workers send to a counting one: as in production, a chat
   * start's verification mail is really sent (with no server it would be held, which costs nothing).
   */
  static async start(env: TestEnvironment, worker: Record<string, string> = {}): Promise<SystemUnderTest> {
    const twilio = await TwilioApiFake.start();
    const mail = worker.SMTP_URL ? undefined : await CountingSmtpSink.start();
    const workerSettings = mail ? { ...worker, SMTP_URL: mail.url } : worker;
    const statements = StatementTally.create();
    const port = await freePort();
    const settings = withProductionTimers(env.processEnv({
      ...statements.settings,
      PORT: String(port),
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'warn',
      PUBLIC_BASE_URL: BENCH_TWILIO.publicBaseUrl,
      TWILIO_ACCOUNT_SID: BENCH_TWILIO.accountSid,
      TWILIO_AUTH_TOKEN: BENCH_TWILIO.authToken,
      TWILIO_PHONE_NUMBER: BENCH_TWILIO.line,
      TWILIO_API_URL: twilio.url,
      CHAT_RATE_LIMIT: '1000',
      // Every benchmark customer is new; the loop guard would hold back nothing here.
      CONFIRMATIONS_PER_SENDER_PER_HOUR: '1000',
      OUTBOUND_CONCURRENCY: '16',
    }));
    const gateway = new AppProcess('gateway', settings);
    const workers = Array.from({ length: Number(process.env.BENCH_WORKER_PROCESSES ?? defaultWorkerProcesses()) }, () => new AppProcess('worker', { ...settings, ...workerSettings }));
    // BENCH_PROFILE_DIR=/tmp/x writes V8 CPU profiles of every process there (on exit).
    const profile = process.env.BENCH_PROFILE_DIR;
    // BENCH_NODE_ARGS='--max-semi-space-size=32' runs every process with those Node flags too.
    const nodeArgs = process.env.BENCH_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? [];
    for (const app of [gateway, ...workers]) {
      statements.instrument(app);
      app.nodeArgs.push(...nodeArgs);
      if (profile) app.nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${profile}`);
    }
    await gateway.start();
    for (const app of workers) await app.start();
    return new SystemUnderTest(`http://127.0.0.1:${port}`, gateway, workers, twilio, statements, mail);
  }

  async stop(): Promise<void> {
    await this.gateway.stop();
    for (const app of this.workers) await app.stop();
    await this.twilio.close();
    await this.mail?.close();
    this.statements.close();
  }
}
