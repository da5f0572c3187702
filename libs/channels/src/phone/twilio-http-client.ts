import http from 'node:http';
import https from 'node:https';
import type RequestClient from 'twilio/lib/base/RequestClient.js';

/** What the SDK reads of an answer: it parses a string body as JSON itself (Version, Page, RestException). */
interface TwilioHttpResponse {
  statusCode: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

/** Sockets kept open to Twilio: as many as SMS are sent at once (OUTBOUND_CONCURRENCY is 4-64). */
const MAX_SOCKETS = 64;

/**
 * The HTTP client the Twilio SDK sends its REST requests with, in place of its own (axios): Node's
 * http/https with kept-alive sockets. An SMS to a local fake cost 314-354 µs of CPU through the
 * SDK's client and 162-235 µs through this one, the fake's share included (`BENCH_ONLY=sms`,
 * docs/performance.md, tenth pass), paid once per confirmation. With `baseUrl` (TWILIO_API_URL)
 * requests go there with the same path and query, which the SDK has no setting for.
 *
 * It speaks only what the Messages API needs: basic auth or the SDK's auth strategy, form or JSON
 * bodies, query parameters, a timeout; no redirects (the SDK asks for none) and no proxy (with
 * HTTP_PROXY or TWILIO_CA_BUNDLE set, the SDK's own client is used: createTwilioClient).
 */
export class TwilioHttpClient {
  private readonly agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS }),
  };

  constructor(
    private readonly timeoutMs: number,
    private readonly baseUrl?: string,
  ) {}

  async request<TData>(opts: RequestClient.RequestOptions<TData>): Promise<TwilioHttpResponse> {
    const target = this.target(opts.uri, opts.params as Record<string, unknown> | undefined);
    const headers: http.OutgoingHttpHeaders = { ...opts.headers, Connection: 'keep-alive' };
    if (opts.username && opts.password) headers.Authorization = `Basic ${Buffer.from(`${opts.username}:${opts.password}`).toString('base64')}`;
    else if (opts.authStrategy) headers.Authorization = await opts.authStrategy.getAuthString();
    const body = encodeBody(opts.data, headers['Content-Type']);
    if (body !== undefined) headers['Content-Length'] = Buffer.byteLength(body);
    const agent = this.agents[target.protocol as keyof typeof this.agents];
    if (!agent) throw new Error(`Twilio's API must be reached over http or https, not ${target.protocol}`);
    const timeoutMs = opts.timeout ?? this.timeoutMs;
    return new Promise((resolve, reject) => {
      const request = (target.protocol === 'https:' ? https : http).request(target, { method: opts.method.toUpperCase(), headers, agent }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => resolve({ statusCode: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: response.headers }));
      });
      request.setTimeout(timeoutMs, () => request.destroy(new Error(`Twilio did not answer within ${timeoutMs} ms`)));
      request.on('error', reject);
      request.end(body);
    });
  }

  /** The request's URL: rebased onto `baseUrl` when set, with the parameters added to its query. */
  private target(uri: string, params: Record<string, unknown> | undefined): URL {
    const requested = new URL(uri);
    const target = this.baseUrl ? new URL(`${this.baseUrl}${requested.pathname}${requested.search}`) : requested;
    for (const [name, value] of formEntries(params)) target.searchParams.append(name, value);
    return target;
  }
}

/** A form or JSON body, as the SDK's Content-Type says (it sets one on every POST). */
function encodeBody(data: unknown, contentType: http.OutgoingHttpHeader | undefined): string | undefined {
  if (data === undefined || data === null) return undefined;
  if (contentType === 'application/json') return JSON.stringify(data);
  return new URLSearchParams(formEntries(data as Record<string, unknown>)).toString();
}

/** Name-value pairs of a form: a list repeats its name (the SDK's `arrayFormat: "repeat"`); unset values are left out. */
function formEntries(values: Record<string, unknown> | undefined): Array<[string, string]> {
  const entries: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(values ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined && item !== null) entries.push([name, String(item)]);
    }
  }
  return entries;
}
