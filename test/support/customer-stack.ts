import { randomInt } from 'node:crypto';
import { DEFAULT_DETECTION_GATHER_MS } from '../../apps/worker/src/intake/detection-timing.js';
import { ADMIN, ApiClient } from './api-client.js';
import { AppProcess } from './app-process.js';
import { ChatTestClient } from './chat-client.js';
import { DovecotServer } from './dovecot.js';
import { eventually } from './eventually.js';
import { buildMail, type TestMail } from './mail-builder.js';
import { freePort } from './ports.js';
import { QueueJobs } from './queue-jobs.js';
import { SimulatedCall, TwilioWebhookClient } from './simulated-call.js';
import { SmtpSink } from './smtp-sink.js';
import { TestEnvironment } from './test-environment.js';
import { TwilioApiFake } from './twilio-api-fake.js';

/** Longer than a worker's detection gather and one run. */
const DETECTION_SETTLE_MS = DEFAULT_DETECTION_GATHER_MS + 500;

const TWILIO = {
  accountSid: `AC${'c0ffee'.repeat(5)}ab`,
  authToken: 'customer-stack-auth-token-0123456789',
  supportLine: '+528147771119',
} as const;

/** A unique Mexican mobile in E.164. */
export const mobileNumber = (): string => `+5281${String(randomInt(10_000_000, 99_999_999))}`;

/**
 * A gateway and a worker (built processes) with every channel for real: the Dovecot mailbox, the
 * SMTP sink, a fake of Twilio's REST API and signed webhooks; and a customer's three ways in
 * (mail, chat, call), each waited for until it is a ticket.
 */
export class CustomerStack {
  gateway!: AppProcess;
  worker!: AppProcess;
  base!: string;
  api!: ApiClient;
  webhooks!: TwilioWebhookClient;
  private readonly chats: ChatTestClient[] = [];
  private queuePrefix!: string;
  private readonly jobs = new QueueJobs(() => this.env.redisUrl, () => this.queuePrefix);

  private constructor(
    readonly env: TestEnvironment,
    readonly dovecot: DovecotServer,
    readonly sink: SmtpSink,
    readonly twilioApi: TwilioApiFake,
    private readonly workerSettings: Record<string, string>,
    private readonly gatewaySettings: Record<string, string>,
  ) {}

  static async start(suite: string, workerSettings: Record<string, string> = {}, gatewaySettings: Record<string, string> = {}): Promise<CustomerStack> {
    const env = await TestEnvironment.create(suite);
    const stack = new CustomerStack(env, await DovecotServer.start(), await SmtpSink.start(), await TwilioApiFake.start(), workerSettings, gatewaySettings);
    await stack.startApps(env.databaseUrl);
    return stack;
  }

  /** Starts (again) a gateway and a worker on `databaseUrl`, with a queue prefix of their own. */
  async startApps(databaseUrl: string, queuePrefix = this.env.queuePrefix): Promise<void> {
    await this.jobs.close();
    this.queuePrefix = queuePrefix;
    const port = await freePort();
    this.base = `http://127.0.0.1:${port}`;
    const settings = this.env.processEnv({
      DATABASE_URL: databaseUrl,
      QUEUE_PREFIX: queuePrefix,
      // Links in mail and Twilio's signatures name this gateway.
      PUBLIC_BASE_URL: this.base,
      SMTP_URL: this.sink.url,
      TWILIO_ACCOUNT_SID: TWILIO.accountSid,
      TWILIO_AUTH_TOKEN: TWILIO.authToken,
      TWILIO_PHONE_NUMBER: TWILIO.supportLine,
      TWILIO_API_URL: this.twilioApi.url,
      ...this.dovecot.imapEnv(),
    });
    this.gateway = await new AppProcess('gateway', { ...settings, ...this.gatewaySettings, PORT: String(port) }).start();
    this.worker = await new AppProcess('worker', { ...settings, ...this.workerSettings }).start();
    this.api = await ApiClient.signIn(this.base, ADMIN);
    this.webhooks = new TwilioWebhookClient(this.base, this.base, TWILIO.accountSid, TWILIO.authToken);
  }

  async stopApps(): Promise<void> {
    for (const client of this.chats.splice(0)) client.close();
    await Promise.all([this.gateway?.stop(), this.worker?.stop()]);
  }

  /** A customer's mail lands in the mailbox; resolves with the ticket it became part of. */
  async mail(mail: TestMail): Promise<{ ticketNumber: string; messageId: string }> {
    const built = buildMail(mail);
    await this.dovecot.append(built.raw);
    const ticketNumber = await eventually(
      async () => (await this.env.query<{ number: string }>(`SELECT t.number FROM messages m JOIN tickets t ON t.id = m.ticket_id WHERE m.external_id = $1`, [built.messageId]))[0]?.number,
      { what: `the ticket of the mail "${mail.subject}"` },
    );
    return { ticketNumber, messageId: built.messageId };
  }

  /** A customer starts a chat; resolves once the widget got its ticket's confirmation. */
  async chat(fields: { name: string; email: string; message: string; rfc?: string }) {
    const client = await ChatTestClient.connect(this.base);
    this.chats.push(client);
    const ack = await client.start(fields);
    if (ack.error) throw new Error(`chat:start failed: ${ack.error}`);
    client.useToken(ack.token);
    const confirmed = await client.waitFor('ticket:confirmed');
    return { client, conversationId: ack.conversationId, token: ack.token, ticketNumber: confirmed.ticketNumber as string };
  }

  /** A customer calls, picks a severity, leaves a message and hangs up; resolves once every callback is applied. */
  async call(from: string, message: string, severityKey = '2'): Promise<{ call: SimulatedCall; ticketNumber: string }> {
    const call = new SimulatedCall(this.webhooks, from, TWILIO.supportLine);
    const record = await call.press(await call.dial(), severityKey);
    const ticketOf = async () =>
      (await this.env.query<{ number: string }>(`SELECT t.number FROM phone_calls c JOIN tickets t ON t.id = c.ticket_id WHERE c.call_sid = $1`, [call.callSid]))[0]?.number;
    const ticketNumber = await eventually(ticketOf, { what: `the ticket of call ${call.callSid}` });
    await call.speak(record);
    await call.deliver(call.transcriptionCallback(record, message));
    await call.deliver(call.recordingStatusCallback(record));
    await call.deliver(call.statusCallback('completed', 75));
    await eventually(
      async () =>
        (await this.env.query(`SELECT 1 FROM inbound_items WHERE channel = 'phone' AND status = 'pending' AND summary ->> 'from' = $1`, [from])).length === 0 &&
        (await this.env.query(`SELECT 1 FROM phone_calls WHERE call_sid = $1 AND transcription_text IS NOT NULL AND call_status = 'completed'`, [call.callSid]))
          .length === 1,
      { what: `the callbacks of ${call.callSid} to be applied` },
    );
    return { call, ticketNumber };
  }

  /** Resolves once every intake job has ended (after the customer's confirmation, what `mail`, `chat` and `call` wait for). */
  async intakeSettled(): Promise<void> {
    await eventually(async () => (await this.jobs.unfinished('intake')) === 0, { what: 'every intake job to end' });
  }

  /**
   * Resolves once outage detection has run on the reports of every ended intake job: it runs after
   * the jobs, on what a worker gathered (`INCIDENT_DETECTION_GATHER_MS`), so the incidents and their links
   * must stay the same over a longer interval.
   */
  async detectionSettled(): Promise<void> {
    await this.intakeSettled();
    let last: string | undefined;
    await eventually(
      async () => {
        const [row] = await this.env.query<{ incidents: number; links: number }>(
          `SELECT (SELECT count(*) FROM incidents)::int AS incidents, (SELECT count(*) FROM incident_tickets)::int AS links`,
        );
        const now = JSON.stringify(row);
        const same = now === last;
        last = now;
        return same;
      },
      { what: 'outage detection to settle', intervalMs: DETECTION_SETTLE_MS, timeoutMs: 30_000 },
    );
  }

  async stop(): Promise<void> {
    await this.stopApps();
    await this.jobs.close();
    await this.sink.close();
    await this.twilioApi.close();
    await this.dovecot.destroy();
    await this.env.close();
  }
}
