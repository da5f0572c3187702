import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import type { TwilioCredentials } from './phone-config.js';
import { TwilioHttpClient } from './twilio-http-client.js';

const TIMEOUT_MS = 15_000;

/**
 * The SDK's own client, sending to another base URL (TWILIO_API_URL) with the same path and query:
 * used only where the SDK's client does what ours does not (a proxy, a CA bundle; see below), and
 * by the bench to compare the two.
 */
export class RebasedRequestClient extends twilio.RequestClient {
  constructor(private readonly baseUrl: string) {
    super({ timeout: TIMEOUT_MS });
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    const target = new URL(opts.uri);
    return super.request({ ...opts, uri: `${this.baseUrl}${target.pathname}${target.search}` });
  }
}

/**
 * Twilio's REST client for the account, at Twilio or at TWILIO_API_URL, sending through
 * TwilioHttpClient. The SDK's own HTTP client reads HTTP_PROXY and TWILIO_CA_BUNDLE from the
 * environment and ours does not: with either set, the SDK's is used, so a deployment that relies
 * on them keeps working.
 */
export function createTwilioClient(credentials: TwilioCredentials, environment: NodeJS.ProcessEnv = process.env): twilio.Twilio {
  const sdkClientWanted = Boolean(environment.HTTP_PROXY || environment.TWILIO_CA_BUNDLE);
  const httpClient = sdkClientWanted
    ? credentials.apiUrl
      ? new RebasedRequestClient(credentials.apiUrl)
      : new twilio.RequestClient({ timeout: TIMEOUT_MS })
    : new TwilioHttpClient(TIMEOUT_MS, credentials.apiUrl);
  return twilio(credentials.accountSid, credentials.authToken, {
    accountSid: credentials.accountSid,
    // The SDK would otherwise also read TWILIO_EDGE/TWILIO_REGION from process.env.
    env: {},
    // The SDK types its option as its own class; it only ever calls `request`.
    httpClient: httpClient as RequestClient,
  });
}
