import { createServer, type IncomingMessage, type Server } from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { eventually } from './eventually.js';

export interface FakeTwilioRequest {
  method: string;
  /** Path and query, as requested. */
  path: string;
  /** Basic-auth user (the account SID the client authenticated with). */
  user: string | undefined;
  form: Record<string, string>;
  /** performance.now() when it arrived (benchmarks time SMS with it). */
  receivedAt: number;
}

/**
 * Twilio's REST API cannot be reached from here: this local HTTP server stands in for it (point
 * TWILIO_API_URL at `url`), records every request, and answers the Messages API like Twilio, or
 * with the statuses queued by `failNext` (e.g. a 500, to see the SMS retried), or with `failWith`
 * while it is set; `delayNext` makes it slow.
 */
export class TwilioApiFake {
  readonly requests: FakeTwilioRequest[] = [];
  /** While set, every request is answered with this HTTP status (e.g. 500: Twilio is failing). */
  failWith?: number;
  private readonly failures: number[] = [];
  private readonly delays: number[] = [];

  private readonly server: Server;
  private port = 0;

  private constructor() {
    this.server = createServer((request, response) => {
      readForm(request)
        .then(async (form) => {
          const delay = request.method === 'POST' ? this.delays.shift() : undefined;
          if (delay) await sleep(delay);
          const answer = this.record(request, form);
          response.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
        })
        .catch(() => response.writeHead(400).end());
    });
  }

  static async start(): Promise<TwilioApiFake> {
    const fake = new TwilioApiFake();
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.port = (fake.server.address() as { port: number }).port;
    return fake;
  }

  /** Base URL to give the client as TWILIO_API_URL. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The next requests are answered with these HTTP statuses, in order (then normally again). */
  failNext(...statuses: number[]): void {
    this.failures.push(...statuses);
  }

  /** The next POSTs are taken and answered only after these many milliseconds each (a slow Twilio). */
  delayNext(...milliseconds: number[]): void {
    this.delays.push(...milliseconds);
  }

  /** SMS that Twilio accepted (answered 201), in order. */
  sentMessages(): FakeTwilioRequest[] {
    return this.requests.filter((request, index) => isMessagesApi(request) && this.accepted.has(index));
  }

  async waitForMessage(predicate: (message: FakeTwilioRequest) => boolean, what: string): Promise<FakeTwilioRequest> {
    return eventually(() => this.sentMessages().find(predicate), { what });
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private readonly accepted = new Set<number>();
  private readonly acceptedAt = new Map<number, Date>();

  /** Twilio's Messages list: what it accepted, newest first, filtered by `To` and `From`. */
  private listMessages(path: string): { status: number; body: unknown } {
    const query = new URL(path, 'http://fake.invalid').searchParams;
    const pageSize = Number(query.get('PageSize') ?? 50);
    const messages = [...this.accepted]
      .map((index) => ({ index, form: this.requests[index]!.form }))
      .filter(({ form }) => (!query.get('To') || form.To === query.get('To')) && (!query.get('From') || form.From === query.get('From')))
      .reverse()
      .slice(0, pageSize)
      .map(({ index, form }) => ({ ...messageResource(index, form), date_created: rfc2822(this.acceptedAt.get(index)!) }));
    return { status: 200, body: { messages, page: 0, page_size: pageSize, start: 0, end: messages.length, uri: path, first_page_uri: path, next_page_uri: null, previous_page_uri: null } };
  }

  private record(request: IncomingMessage, form: Record<string, string>): { status: number; body: unknown } {
    const auth = request.headers.authorization?.replace(/^Basic /, '');
    const entry: FakeTwilioRequest = {
      method: request.method ?? '',
      path: request.url ?? '',
      user: auth ? Buffer.from(auth, 'base64').toString().split(':')[0] : undefined,
      form,
      receivedAt: performance.now(),
    };
    const index = this.requests.push(entry) - 1;
    const failure = this.failures.shift() ?? this.failWith;
    if (failure) return { status: failure, body: { code: failure === 400 ? 21211 : 20500, message: `fake Twilio answers ${failure}`, status: failure } };
    if (isMessagesList(entry)) return this.listMessages(entry.path);
    if (!isMessagesApi(entry)) return { status: 404, body: { code: 20404, message: 'not faked', status: 404 } };
    this.accepted.add(index);
    this.acceptedAt.set(index, new Date());
    return { status: 201, body: messageResource(index, form) };
  }
}

const MESSAGES_PATH = /^\/2010-04-01\/Accounts\/AC[0-9a-f]{32}\/Messages\.json(\?|$)/i;
const isMessagesApi = (request: FakeTwilioRequest): boolean => request.method === 'POST' && MESSAGES_PATH.test(request.path);
const isMessagesList = (request: FakeTwilioRequest): boolean => request.method === 'GET' && MESSAGES_PATH.test(request.path);

const messageResource = (index: number, form: Record<string, string>) => ({
  sid: `SM${String(index).padStart(32, '0')}`,
  status: 'queued',
  to: form.To,
  from: form.From,
  body: form.Body,
  num_segments: '1',
});

/** Twilio's date format: "Mon, 30 Nov 2026 02:47:21 +0000". */
const rfc2822 = (date: Date): string => date.toUTCString().replace('GMT', '+0000');

async function readForm(request: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
}
