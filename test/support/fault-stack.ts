import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppProcess } from './app-process.js';
import { DovecotServer } from './dovecot.js';
import { eventually } from './eventually.js';
import { FaultProxy } from './fault-proxy.js';
import { PgBouncer } from './pgbouncer.js';
import { freePort } from './ports.js';
import { RedisServer } from './redis-server.js';
import { repoRoot } from './repo-root.js';
import { QueueJobs } from './queue-jobs.js';
import { SmtpSink } from './smtp-sink.js';
import { TestEnvironment } from './test-environment.js';
import { TwilioApiFake } from './twilio-api-fake.js';

export const TWILIO = {
  accountSid: `AC${'fa017'.repeat(6)}ab`,
  authToken: 'fault-suite-auth-token-0123456789',
  supportLine: '+528147771119',
  publicBaseUrl: 'http://localhost:3000',
} as const;

/** /health fails this soon when nobody consumes queued work. */
export const HEALTH_MAX_QUEUE_AGE_MS = 1_500;

export interface HealthAnswer {
  status: number;
  failing: string[];
}

/**
 * Everything one fault suite runs, with a place to inject each fault: its own Redis (restartable,
 * no persistence), a TCP fault proxy in front of Postgres (gateways and worker connect through it;
 * the test itself connects directly), Dovecot behind a second proxy (the worker's IMAP), the SMTP
 * sink, the fake of Twilio's REST API, and the real gateway and worker processes.
 */
export class FaultStack {
  readonly gateways: AppProcess[] = [];
  readonly gatewayUrls: string[] = [];
  /** The first worker; fault cases stop and replace it. */
  worker?: AppProcess;
  /** Workers beyond the first (scale-out). */
  readonly moreWorkers: AppProcess[] = [];
  private readonly jobs = new QueueJobs(() => this.redis.url, () => this.env.queuePrefix);
  /** Every process started, for their logs. */
  private readonly started: AppProcess[] = [];

  private constructor(
    readonly suite: string,
    readonly env: TestEnvironment,
    readonly redis: RedisServer,
    readonly postgres: FaultProxy,
    readonly dovecot: DovecotServer,
    readonly imap: FaultProxy,
    readonly sink: SmtpSink,
    readonly twilioApi: TwilioApiFake,
    /** With `pooler`: the PgBouncer (transaction mode) the processes reach Postgres through, behind the proxy. */
    readonly pooler?: PgBouncer,
  ) {}

  static async start(suite: string, { gateways = 1, workers = 1, pooler = false } = {}): Promise<FaultStack> {
    const env = await TestEnvironment.create(suite);
    const redis = await RedisServer.start();
    const postgres = await FaultProxy.start({ host: '127.0.0.1', port: Number(new URL(env.databaseUrl).port) });
    const dovecot = await DovecotServer.start();
    const imap = await FaultProxy.start({ host: '127.0.0.1', port: dovecot.port });
    const bouncer = pooler ? await PgBouncer.start({ host: '127.0.0.1', port: postgres.port }) : undefined;
    const stack = new FaultStack(suite, env, redis, postgres, dovecot, imap, await SmtpSink.start(), await TwilioApiFake.start(), bouncer);
    // The first gateway alone: it creates the administrator.
    await stack.startGateway();
    await Promise.all([
      ...Array.from({ length: gateways - 1 }, () => stack.startGateway()),
      stack.startWorker(),
      ...Array.from({ length: workers - 1 }, () => stack.addWorker()),
    ]);
    return stack;
  }

  /** Settings shared by the gateway and the worker: stores through the proxies (and the pooler), fast timers. */
  private processEnv(extra: Record<string, string>): Record<string, string> {
    const databaseUrl = new URL(this.env.databaseUrl);
    databaseUrl.port = String(this.pooler?.port ?? this.postgres.port);
    return this.env.processEnv({
      DATABASE_URL: databaseUrl.toString(),
      // Debian's PgBouncer (1.18) cannot keep named prepared statements in transaction mode.
      ...(this.pooler ? { DATABASE_PREPARED_STATEMENTS: 'false' } : {}),
      REDIS_URL: this.redis.url,
      PUBLIC_BASE_URL: TWILIO.publicBaseUrl,
      TWILIO_ACCOUNT_SID: TWILIO.accountSid,
      TWILIO_AUTH_TOKEN: TWILIO.authToken,
      TWILIO_PHONE_NUMBER: TWILIO.supportLine,
      TWILIO_API_URL: this.twilioApi.url,
      HEALTH_MAX_QUEUE_AGE_MS: String(HEALTH_MAX_QUEUE_AGE_MS),
      ...extra,
    });
  }

  workerEnv(extra: Record<string, string> = {}): Record<string, string> {
    return this.processEnv({
      ...this.dovecot.imapEnv(),
      IMAP_PORT: String(this.imap.port),
      SMTP_URL: this.sink.url,
      ...extra,
    });
  }

  async startGateway(port?: number): Promise<AppProcess> {
    const chosen = port ?? (await freePort());
    const gateway = this.track(new AppProcess('gateway', this.processEnv({ PORT: String(chosen), CHAT_PRESENCE_GRACE_MS: '0' })));
    await gateway.start();
    const url = `http://127.0.0.1:${chosen}`;
    const index = this.gatewayUrls.indexOf(url);
    if (index >= 0) this.gateways[index] = gateway;
    else {
      this.gateways.push(gateway);
      this.gatewayUrls.push(url);
    }
    return gateway;
  }

  async startWorker(extraEnv: Record<string, string> = {}): Promise<AppProcess> {
    this.worker = this.track(new AppProcess('worker', this.workerEnv(extraEnv)));
    return this.worker.start();
  }

  /** One more worker process beside the first, with the same settings. */
  async addWorker(extraEnv: Record<string, string> = {}): Promise<AppProcess> {
    const worker = this.track(new AppProcess('worker', this.workerEnv(extraEnv)));
    this.moreWorkers.push(worker);
    return worker.start();
  }

  private get processes(): AppProcess[] {
    return [...this.gateways, ...(this.worker ? [this.worker] : []), ...this.moreWorkers];
  }

  /** Ends every injected fault (a case that failed halfway must not break the next one). */
  async heal(): Promise<void> {
    this.postgres.latencyMs = 0;
    await this.postgres.pass();
    await this.imap.pass();
    if (!this.redis.running) await this.redis.launch();
    if (!(await this.dovecot.isRunning())) await this.dovecot.launch();
    if (!this.sink.listening) await this.sink.listen();
    this.twilioApi.failWith = undefined;
  }

  /** Gateways and worker that should be running and are not (a fault took them down). */
  deadProcesses(): string[] {
    return this.processes.filter((process) => !process.running).map((process) => `${process.app} ${process.pid}`);
  }

  /** GET /health of a gateway: the status code and what it names as failing. */
  async health(gateway = 0): Promise<HealthAnswer> {
    const response = await fetch(`${this.gatewayUrls[gateway]}/health`);
    const body = (await response.json()) as { failing?: string[] };
    return { status: response.status, failing: body.failing ?? [] };
  }

  /** Waits until /health answers 503 naming `part` (while the fault lasts). */
  healthFailing(part: string, timeoutMs = 20_000): Promise<HealthAnswer> {
    return eventually(
      async () => {
        const answer = await this.health();
        return answer.status === 503 && answer.failing.includes(part) ? answer : undefined;
      },
      { timeoutMs, what: `/health to name ${part}` },
    );
  }

  healthOk(timeoutMs = 30_000): Promise<HealthAnswer> {
    return eventually(
      async () => {
        const answer = await this.health();
        return answer.status === 200 ? answer : undefined;
      },
      { timeoutMs, what: '/health to answer 200' },
    );
  }

  /** Jobs not finished in a queue (waiting, active, delayed for a retry). */
  unfinishedJobs(name: 'intake' | 'outbound'): Promise<number> {
    return this.jobs.unfinished(name);
  }

  async stop(): Promise<void> {
    await Promise.all(this.processes.map(stopOrKill));
    this.writeLogs();
    await this.jobs.close();
    await this.imap.close();
    await this.pooler?.destroy();
    await this.postgres.close();
    await this.sink.close();
    await this.twilioApi.close();
    await this.dovecot.destroy();
    await this.redis.destroy();
    await this.env.close();
  }

  private track(process: AppProcess): AppProcess {
    this.started.push(process);
    return process;
  }

  /** Each process's output, in test-artifacts/faults/<suite>/, to read what happened during a fault. */
  private writeLogs(): void {
    const dir = join(repoRoot(), 'test-artifacts', 'faults', this.suite);
    mkdirSync(dir, { recursive: true });
    this.started.forEach((process, index) => writeFileSync(join(dir, `${index}-${process.app}.log`), process.log));
  }
}

/** SIGTERM; a process that has not exited 20 s later is killed so the suite ends (and its log shows why). */
async function stopOrKill(process: AppProcess): Promise<void> {
  const timer = setTimeout(() => void process.kill('SIGKILL'), 20_000);
  await process.stop();
  clearTimeout(timer);
}
