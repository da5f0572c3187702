import { performance } from 'node:perf_hooks';
import { AppProcess } from '../test/support/app-process.js';
import { DovecotServer } from '../test/support/dovecot.js';
import { eventually } from '../test/support/eventually.js';
import { buildMail } from '../test/support/mail-builder.js';
import { SmtpSink } from '../test/support/smtp-sink.js';
import type { TestEnvironment } from '../test/support/test-environment.js';
import { summariseLatencies, type LatencySummary } from './support/latency-stats.js';
import { ProcessMonitor, round } from './support/process-stats.js';
import { withProductionTimers } from './system-under-test.js';

export interface EmailLatencyResult {
  scenario: 'email';
  mails: number;
  targetRatePerSecond: number;
  achievedRatePerSecond: number;
  appendToConfirmation: LatencySummary;
  /** Customers whose confirmation did not arrive, and mails the sink got besides one confirmation per customer. */
  unconfirmed: number;
  otherMails: number;
  worker: { peakRssMiB: number; cpuSeconds: number; cpuSecondsPer1000: number };
}

/**
 * Open-loop mail load: APPENDs `mails` mails to a real Dovecot at a fixed rate and measures, for each,
 * the time from APPEND to the confirmation arriving at the SMTP sink (through a real worker process).
 */
export async function runEmailLatency(env: TestEnvironment, mails: number, ratePerSecond: number): Promise<EmailLatencyResult> {
  const dovecot = await DovecotServer.start();
  const sink = await SmtpSink.start();
  const worker = await new AppProcess('worker', withProductionTimers(env.processEnv({ ...dovecot.imapEnv(), SMTP_URL: sink.url, LOG_FORMAT: 'json' }))).start({
    CONFIRMATIONS_PER_SENDER_PER_HOUR: String(mails + 1),
    IMAP_POLL_INTERVAL_MS: '5000',
  });
  const monitor = new ProcessMonitor(worker.pid!);
  const appender = await dovecot.client();
  const appendedAt = new Map<string, number>();
  try {
    monitor.start();
    const started = performance.now();
    for (let index = 0; index < mails; index += 1) {
      const due = started + (index * 1_000) / ratePerSecond;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const recipient = `bench-${index}@cliente.example.mx`;
      const mail = buildMail({ from: recipient, subject: `Consulta ${index}`, text: '¿Cómo descargo el XML de una factura?' });
      appendedAt.set(recipient, performance.now());
      await appender.append('INBOX', mail.raw);
    }
    const appendSeconds = (performance.now() - started) / 1_000;
    const confirmedCount = () => new Set(sink.mails.map((mail) => mail.envelopeTo[0]).filter((recipient) => recipient && appendedAt.has(recipient))).size;
    // What never arrives is reported as unconfirmed rather than failing the whole run.
    await eventually(() => (confirmedCount() >= mails ? true : undefined), { timeoutMs: 120_000, what: 'every confirmation' }).catch(() => undefined);
    // The first mail to each customer is their confirmation; a second one, or a mail to nobody who wrote, says what went wrong.
    const receivedAt = new Map<string, number>();
    const extra: string[] = [];
    for (const mail of sink.mails) {
      const recipient = mail.envelopeTo[0] ?? '';
      if (!appendedAt.has(recipient) || receivedAt.has(recipient)) extra.push(`${mail.envelopeTo.join(',')}: ${mail.parsed.subject ?? ''}`);
      else receivedAt.set(recipient, mail.receivedAt);
    }
    const unconfirmed = [...appendedAt.keys()].filter((recipient) => !receivedAt.has(recipient));
    if (extra.length > 0 || unconfirmed.length > 0) console.warn(`email: ${unconfirmed.length} unconfirmed, ${extra.length} other mails, e.g. ${extra.slice(0, 3).join(' | ')}`);
    const latencies = [...receivedAt].map(([recipient, at]) => at - appendedAt.get(recipient)!);
    const stats = monitor.stop();
    return {
      scenario: 'email',
      mails,
      targetRatePerSecond: ratePerSecond,
      achievedRatePerSecond: round(mails / appendSeconds),
      appendToConfirmation: summariseLatencies(latencies),
      unconfirmed: unconfirmed.length,
      otherMails: extra.length,
      worker: { peakRssMiB: stats.peakRssMiB, cpuSeconds: stats.cpuSeconds, cpuSecondsPer1000: round((stats.cpuSeconds * 1_000) / mails) },
    };
  } finally {
    await appender.logout().catch(() => undefined);
    await worker.stop();
    await sink.close();
    await dovecot.destroy();
  }
}
