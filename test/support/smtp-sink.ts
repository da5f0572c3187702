import { performance } from 'node:perf_hooks';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { eventually } from './eventually.js';
import { freePort } from './ports.js';

export interface SunkMail {
  envelopeTo: string[];
  raw: string;
  parsed: ParsedMail;
  /** performance.now() when the sink accepted it. */
  receivedAt: number;
}

/** A real SMTP server (the `smtp-server` package) that keeps every mail it accepts. */
export class SmtpSink {
  readonly mails: SunkMail[] = [];
  /** While set, every RCPT is answered with this SMTP code (e.g. 451 transient, 550 permanent). */
  rejectWith?: number;
  private server?: SMTPServer;
  private readonly delays: number[] = [];

  private constructor(readonly port: number) {}

  static async start(port?: number): Promise<SmtpSink> {
    const sink = new SmtpSink(port ?? (await freePort()));
    await sink.listen();
    return sink;
  }

  /** The next mails are accepted (and kept) only after these delays, one each: a slow mail server. */
  delayNext(...milliseconds: number[]): void {
    this.delays.push(...milliseconds);
  }

  get listening(): boolean {
    return this.server !== undefined;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async listen(): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      // close() drops open connections almost at once (a server going down), not after 30 s.
      closeTimeout: 200,
      onRcptTo: (address, _session, callback) => {
        if (this.rejectWith) {
          const error = Object.assign(new Error(`test sink rejects ${address.address}`), { responseCode: this.rejectWith });
          callback(error);
          return;
        }
        callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        const delayMs = this.delays.shift() ?? 0;
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => setTimeout(accept, delayMs));
        const accept = () => {
          const receivedAt = performance.now();
          const raw = Buffer.concat(chunks);
          simpleParser(raw)
            .then((parsed) => {
              const mail = { envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address), raw: raw.toString('utf8'), parsed, receivedAt };
              this.mails.push(mail);
              callback();
            })
            .catch((error: Error) => callback(error));
        };
      },
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.port, '127.0.0.1', () => resolve());
    });
  }

  /** Refuses new connections and drops open ones; `listen()` opens the same port again. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  to(address: string): SunkMail[] {
    return this.mails.filter((mail) => mail.envelopeTo.includes(address.toLowerCase()));
  }

  /**
   * Mails to an address, one per Message-ID: what the customer's mail client shows. A sender killed
   * after the server accepted a mail but before it heard so sends it again with the same Message-ID.
   */
  distinctTo(address: string): SunkMail[] {
    const seen = new Map<string, SunkMail>();
    for (const mail of this.to(address)) seen.set(mail.parsed.messageId ?? mail.raw, mail);
    return [...seen.values()];
  }

  async waitFor(predicate: (mail: SunkMail) => boolean, what: string, timeoutMs = 20_000): Promise<SunkMail> {
    return eventually(() => this.mails.find(predicate), { timeoutMs, what });
  }
}
