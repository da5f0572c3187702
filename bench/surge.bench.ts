import { performance } from 'node:perf_hooks';
import { Queue } from 'bullmq';
import type { ImapFlow } from 'imapflow';
import { io, type Socket } from 'socket.io-client';
import { DovecotServer } from '../test/support/dovecot.js';
import { buildMail } from '../test/support/mail-builder.js';
import { SimulatedCall, TwilioWebhookClient } from '../test/support/simulated-call.js';
import { SmtpSink } from '../test/support/smtp-sink.js';
import type { TestEnvironment } from '../test/support/test-environment.js';
import type { ScenarioResult } from './baseline.bench.js';
import { MonitoredProcesses } from './support/monitored-processes.js';
import { OpenLoop } from './support/open-loop.js';
import { BENCH_TWILIO, SystemUnderTest } from './system-under-test.js';

type Channel = 'chat' | 'call' | 'mail';

export interface SurgeResult extends ScenarioResult {
  /** Events of each channel offered. */
  mix: Record<Channel, number>;
  /** Most jobs waiting or running at once in each queue during the run. */
  peakQueueDepth: { intake: number; outbound: number };
  /** Most inbound items stored and not yet ingested at once: the intake's backlog, as an intake job carries a gateway's batch of them. */
  peakPendingItems: number;
}

/** Of every 20 events: 8 chats, 7 calls, 5 mails (an outage day: people chat and call first). */
const PATTERN: readonly Channel[] = ['chat', 'call', 'mail', 'chat', 'call', 'chat', 'mail', 'call', 'chat', 'call', 'chat', 'mail', 'call', 'chat', 'call', 'mail', 'chat', 'call', 'chat', 'mail'];
const APPENDERS = 4;

/**
 * The outage day: `count` events in `seconds` across the three channels at once (20,000 in 60 s by
 * default), open loop, against one gateway and one worker with a real mailbox, the SMTP sink and the
 * Twilio fake. Each event completes when its confirmation reaches the customer: `ticket:confirmed`
 * on the chat socket, the SMS at Twilio, the mail at the SMTP sink.
 */
export async function runSurge(env: TestEnvironment, count: number, seconds: number, drainSeconds: number): Promise<SurgeResult> {
  const dovecot = await DovecotServer.start();
  const sink = await SmtpSink.start();
  const system = await SystemUnderTest.start(env, { ...dovecot.imapEnv(), SMTP_URL: sink.url, IMAP_POLL_INTERVAL_MS: '5000' });
  const channelOf = (index: number): Channel => PATTERN[index % PATTERN.length]!;
  const loop = new OpenLoop();
  const chatSockets = new Map<number, Socket>();
  const callers = new Map<string, number>();
  const mailSenders = new Map<string, number>();
  const appenders: ImapFlow[] = [];
  const queues = { intake: queueOf(env, 'intake'), outbound: queueOf(env, 'outbound') };
  const peak = { intake: 0, outbound: 0 };
  let peakPendingItems = 0;
  const monitors = new MonitoredProcesses(system.processes, system.statements);
  const seen = { sms: 0, mail: 0 };
  const poll = setInterval(() => {
    for (; seen.sms < system.twilio.requests.length; seen.sms += 1) {
      const request = system.twilio.requests[seen.sms]!;
      const event = callers.get(request.form.To ?? '');
      if (event !== undefined) loop.complete(event, request.receivedAt);
    }
    for (; seen.mail < sink.mails.length; seen.mail += 1) {
      const mail = sink.mails[seen.mail]!;
      const event = mailSenders.get(mail.envelopeTo[0] ?? '');
      if (event !== undefined) loop.complete(event, mail.receivedAt);
    }
  }, 20);
  const depths = setInterval(() => {
    for (const name of ['intake', 'outbound'] as const) {
      void queues[name]
        .getJobCounts('waiting', 'active', 'prioritized')
        .then((counts) => (peak[name] = Math.max(peak[name], Object.values(counts).reduce((sum, value) => sum + value, 0))))
        .catch(() => undefined);
    }
    void env
      .query<{ pending: number }>(`SELECT count(*)::int AS pending FROM inbound_items WHERE status = 'pending'`)
      .then(([row]) => (peakPendingItems = Math.max(peakPendingItems, row?.pending ?? 0)))
      .catch(() => undefined);
  }, 250);
  try {
    for (let index = 0; index < APPENDERS; index += 1) {
      const appender = await dovecot.client();
      // A connection the loaded Dovecot drops must fail its APPENDs (counted as send errors), not the whole run.
      appender.on('error', (error: Error) => console.warn(`surge: an APPEND connection failed: ${error.message}`));
      appenders.push(appender);
    }
    // Chat customers are on the portal before they write: connect them first (not measured).
    const chatEvents = Array.from({ length: count }, (_, index) => index).filter((index) => channelOf(index) === 'chat');
    for (let offset = 0; offset < chatEvents.length; offset += 200) {
      await Promise.all(
        chatEvents.slice(offset, offset + 200).map((event) => {
          const socket = io(`${system.base}/chat`, { transports: ['websocket'], forceNew: true, reconnection: false });
          socket.on('ticket:confirmed', () => loop.complete(event, performance.now()));
          chatSockets.set(event, socket);
          return new Promise<void>((resolve, reject) => {
            socket.once('chat:session', () => resolve());
            socket.once('connect_error', reject);
          });
        }),
      );
    }
    const webhooks = new TwilioWebhookClient(system.base, BENCH_TWILIO.publicBaseUrl, BENCH_TWILIO.accountSid, BENCH_TWILIO.authToken);
    const run = await monitors.measure(loop, {
      count,
      ratePerSecond: count / seconds,
      drainSeconds,
      groupOf: channelOf,
      fire: async (index) => {
        switch (channelOf(index)) {
          case 'chat': {
            const ack = (await chatSockets.get(index)!.timeout(60_000).emitWithAck('chat:start', {
              clientId: `surge-${String(index).padStart(8, '0')}`,
              name: `Cliente ${index}`,
              email: `surge-chat-${index}@cliente.example.mx`,
              message: 'No puedo timbrar ninguna factura desde hace media hora, el portal marca error.',
            })) as { error?: string };
            if (ack.error) throw new Error(ack.error);
            return;
          }
          case 'call': {
            const caller = `+5281${String(10_000_000 + index).padStart(8, '0')}`;
            callers.set(caller, index);
            const call = new SimulatedCall(webhooks, caller, BENCH_TWILIO.line);
            await call.press(await call.dial(), '0');
            return;
          }
          case 'mail': {
            const sender = `surge-mail-${index}@cliente.example.mx`;
            mailSenders.set(sender, index);
            const mail = buildMail({ from: sender, subject: 'No se puede timbrar', text: 'Ninguna de nuestras facturas se timbra, el PAC no responde.' });
            await appenders[index % APPENDERS]!.append('INBOX', mail.raw);
            return;
          }
        }
      },
    });
    const mix = { chat: 0, call: 0, mail: 0 };
    for (let index = 0; index < count; index += 1) mix[channelOf(index)] += 1;
    return { scenario: 'surge', ...run, mix, peakQueueDepth: peak, peakPendingItems };
  } finally {
    clearInterval(poll);
    clearInterval(depths);
    for (const socket of chatSockets.values()) socket.close();
    await Promise.all(appenders.map((client) => client.logout().catch(() => undefined)));
    await Promise.all(Object.values(queues).map((queue) => queue.close()));
    await system.stop();
    await sink.close();
    await dovecot.destroy();
  }
}

function queueOf(env: TestEnvironment, name: string): Queue {
  const queue = new Queue(name, { connection: { url: env.redisUrl }, prefix: env.queuePrefix });
  queue.on('error', () => undefined);
  return queue;
}
