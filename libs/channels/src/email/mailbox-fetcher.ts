import { createHash } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { ImapFlow, type FetchMessageObject } from 'imapflow';
import { sleep, TimeoutError, withTimeout } from '@app/platform';
import type { InboundSink } from '../contract/inbound-sink.js';
import type { ImapSettings } from './email-config.js';
import { describeImapFailure } from './imap-failure.js';
import { mailIdentity } from './mail-identity.js';
import type { MailboxCursorStore } from './mailbox-cursor-store.js';

/** Keyword set on each mail once it is stored (with \Seen): the mail stays where it is. */
export const STORED_KEYWORD = 'VentanillaStored';

interface MailboxCursor extends Record<string, unknown> {
  uidValidity: string;
  lastUid: number;
}

export interface MailboxStatus {
  connected: boolean;
  /** When `connected` last changed (or the reader started): /health fails a mailbox down for too long. */
  since: string;
  lastSyncAt?: string;
  lastError?: string;
}

const MAX_BACKOFF_MS = 60_000;
/** Mails downloaded, stored and flagged together: at most this many, and at most this many bytes (or one mail). */
const CHUNK_MAILS = 50;
const CHUNK_BYTES = 32 * 2 ** 20;

/** `mails` in order, cut into chunks; a mail too large to download counts nothing (it is only moved). */
function chunks(mails: FetchMessageObject[], maxMessageBytes: number): FetchMessageObject[][] {
  const result: FetchMessageObject[][] = [];
  let current: FetchMessageObject[] = [];
  let bytes = 0;
  for (const mail of mails) {
    const size = (mail.size ?? 0) > maxMessageBytes ? 0 : (mail.size ?? 0);
    if (current.length > 0 && (current.length >= CHUNK_MAILS || bytes + size > CHUNK_BYTES)) {
      result.push(current);
      current = [];
      bytes = 0;
    }
    current.push(mail);
    bytes += size;
  }
  if (current.length > 0) result.push(current);
  return result;
}

const summaryOf = (mail: FetchMessageObject) => ({ from: mail.envelope?.from?.[0]?.address, subject: mail.envelope?.subject });

/**
 * Reads the support mailbox: IDLE for new mail, a poll (that also probes the connection) as the
 * fallback, and a UIDVALIDITY + UID cursor in Postgres so a restart neither skips nor re-reads mail.
 * Each mail is stored and queued before it is marked, so a crash at any point re-reads it at worst,
 * and the idempotent store turns that into nothing.
 */
export class MailboxFetcher {
  private readonly logger = new Logger(MailboxFetcher.name);
  private running = false;
  private client?: ImapFlow;
  private syncing: Promise<void> = Promise.resolve();
  private syncRequested = false;
  private loopDone: Promise<void> = Promise.resolve();
  readonly status: MailboxStatus = { connected: false, since: new Date().toISOString() };
  /** Called when the connection comes or goes, so the worker can report it at once. */
  onConnectionChange?: () => void;

  constructor(
    private readonly settings: ImapSettings,
    private readonly maxMessageBytes: number,
    private readonly inbound: InboundSink,
    private readonly cursors: MailboxCursorStore,
  ) {}

  private get source(): string {
    return `imap:${this.settings.user}@${this.settings.host}:${this.settings.port}/${this.settings.mailbox}`;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loopDone = this.connectLoop();
  }

  async stop(): Promise<void> {
    this.running = false;
    const client = this.client;
    if (client) await withTimeout(client.logout(), 3_000, 'IMAP logout').catch(() => client.close());
    await this.loopDone;
  }

  private async connectLoop(): Promise<void> {
    let failures = 0;
    while (this.running) {
      const client = this.createClient();
      this.client = client;
      let poll: NodeJS.Timeout | undefined;
      try {
        const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
        await client.connect();
        await this.ensureRejectedMailbox(client);
        await client.mailboxOpen(this.settings.mailbox);
        this.setConnected(true);
        this.status.lastError = undefined;
        failures = 0;
        this.logger.log(`connected to ${this.source}`);
        client.on('exists', () => this.requestSync(client));
        poll = setInterval(() => this.probeAndSync(client), this.settings.pollIntervalMs);
        this.requestSync(client);
        await closed;
      } catch (error) {
        this.status.lastError = describeImapFailure(error);
        this.logger.warn(`mailbox connection failed: ${this.status.lastError}`);
      } finally {
        clearInterval(poll);
        this.setConnected(false);
        client.close();
      }
      if (!this.running) break;
      failures += 1;
      const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.min(failures, 7)) * (0.75 + Math.random() / 2);
      this.logger.log(`reconnecting to the mailbox in ${Math.round(delay)} ms`);
      await sleep(delay);
    }
  }

  private setConnected(connected: boolean): void {
    if (this.status.connected === connected) return;
    this.status.connected = connected;
    this.status.since = new Date().toISOString();
    this.onConnectionChange?.();
  }

  private createClient(): ImapFlow {
    const client = new ImapFlow({
      host: this.settings.host,
      port: this.settings.port,
      secure: this.settings.secure,
      auth: { user: this.settings.user, pass: this.settings.password },
      logger: false,
      // Start IDLE soon after each command so new mail is announced without waiting for the poll.
      autoIdleDelay: 200,
      connectionTimeout: this.settings.commandTimeoutMs,
      greetingTimeout: this.settings.commandTimeoutMs,
      socketTimeout: Math.max(this.settings.pollIntervalMs * 3, 60_000),
    });
    client.on('error', (error: Error) => {
      this.status.lastError = error.message;
      this.logger.warn(`mailbox error: ${error.message}`);
    });
    return client;
  }

  /** A NOOP answered in time proves the connection is alive; a silent drop (IDLE never returning) is not. */
  private probeAndSync(client: ImapFlow): void {
    withTimeout(client.noop(), this.settings.commandTimeoutMs, 'IMAP NOOP')
      .then(() => this.requestSync(client))
      .catch((error: Error) => {
        this.logger.warn(`mailbox connection unresponsive (${error.message}); reconnecting`);
        this.status.lastError = error.message;
        client.close();
      });
  }

  /** Runs one sync at a time; requests that arrive meanwhile fold into one more run. */
  private requestSync(client: ImapFlow): void {
    if (this.syncRequested) return;
    this.syncRequested = true;
    this.syncing = this.syncing.then(async () => {
      this.syncRequested = false;
      if (!this.running || !client.usable) return;
      try {
        await withTimeout(this.syncOnce(client), this.settings.commandTimeoutMs * 4, 'mailbox sync');
        this.status.lastSyncAt = new Date().toISOString();
      } catch (error) {
        this.status.lastError = (error as Error).message;
        this.logger.warn(`mailbox sync stopped: ${(error as Error).message}`);
        // A sync that hung means the connection is gone; one that failed on a store error retries at the next poll.
        if (error instanceof TimeoutError) client.close();
      }
    });
  }

  private async syncOnce(client: ImapFlow): Promise<void> {
    const lock = await client.getMailboxLock(this.settings.mailbox);
    try {
      const mailbox = client.mailbox;
      if (!mailbox) return;
      const uidValidity = String(mailbox.uidValidity);
      const stored = await this.cursors.get<MailboxCursor>(this.source);
      // After a UIDVALIDITY change the old UIDs mean nothing: read everything again; the stored
      // keyword and the idempotent store keep that from duplicating anything.
      const cursor: MailboxCursor = stored?.uidValidity === uidValidity ? stored : { uidValidity, lastUid: 0 };
      if (mailbox.exists > 0) {
        const listed = await client.fetchAll(
          `${cursor.lastUid + 1}:*`,
          { uid: true, size: true, flags: true, envelope: true },
          { uid: true },
        );
        // "n:*" also returns the last mail when its UID is below n.
        const fresh = listed.filter((mail) => mail.uid > cursor.lastUid).sort((a, b) => a.uid - b.uid);
        for (const chunk of chunks(fresh, this.maxMessageBytes)) {
          await this.takeMails(client, chunk, uidValidity);
          cursor.lastUid = chunk[chunk.length - 1]!.uid;
          await this.cursors.set(this.source, cursor);
        }
      }
      if (!stored || stored.uidValidity !== uidValidity) await this.cursors.set(this.source, cursor);
    } finally {
      lock.release();
    }
  }

  /**
   * A chunk of mails with one download, one store-and-queue for all of them (the sink batches
   * concurrent calls) and one flag command: three round trips for the chunk instead of three per mail.
   */
  private async takeMails(client: ImapFlow, mails: FetchMessageObject[], uidValidity: string): Promise<void> {
    const wanted: FetchMessageObject[] = [];
    for (const mail of mails) {
      if (mail.flags?.has(STORED_KEYWORD)) continue;
      if ((mail.size ?? 0) > this.maxMessageBytes) await this.rejectTooLarge(client, mail, uidValidity);
      else wanted.push(mail);
    }
    if (wanted.length === 0) return;
    const uids = wanted.map((mail) => mail.uid).join(',');
    const downloaded = new Map((await client.fetchAll(uids, { uid: true, source: true }, { uid: true })).map((full) => [full.uid, full.source]));
    await Promise.all(
      wanted.map(async (mail) => {
        const source = downloaded.get(mail.uid);
        if (!source) throw new Error(`mail uid ${mail.uid} vanished before download`);
        const identity = mailIdentity(source);
        const accepted = await this.inbound.accept({ channel: 'email', dedupeKey: identity.dedupeKey, sourceRef: this.sourceRef(uidValidity, mail), raw: source, summary: summaryOf(mail) });
        if (!accepted.isNew) this.logger.log(`mail uid ${mail.uid} is a second delivery of inbound ${accepted.inboundId}`);
      }),
    );
    // Acknowledge at the source only now that every mail of the chunk is stored and queued.
    await client.messageFlagsAdd(uids, [STORED_KEYWORD, '\\Seen'], { uid: true });
  }

  private async rejectTooLarge(client: ImapFlow, mail: FetchMessageObject, uidValidity: string): Promise<void> {
    const uid = String(mail.uid);
    const summary = summaryOf(mail);
    const sourceRef = this.sourceRef(uidValidity, mail);
    const reason = `too_large: ${mail.size} bytes, limit ${this.maxMessageBytes}`;
    const dedupeKey = createHash('sha256')
      .update(`oversize|${mail.envelope?.messageId ?? sourceRef}|${mail.size}`)
      .digest('hex');
    await this.inbound.storeRejected({ channel: 'email', dedupeKey, sourceRef, sizeBytes: mail.size ?? 0, summary, reason });
    await client.messageMove(uid, this.settings.rejectedMailbox, { uid: true });
    this.logger.warn(`mail uid ${uid} from ${summary.from ?? '?'} moved to ${this.settings.rejectedMailbox}: ${reason}`);
  }

  private sourceRef(uidValidity: string, mail: FetchMessageObject): string {
    return `${this.settings.mailbox} uidvalidity ${uidValidity} uid ${mail.uid}`;
  }

  private async ensureRejectedMailbox(client: ImapFlow): Promise<void> {
    const mailboxes = await client.list();
    if (!mailboxes.some((mailbox) => mailbox.path === this.settings.rejectedMailbox)) {
      await client.mailboxCreate(this.settings.rejectedMailbox);
    }
  }
}
