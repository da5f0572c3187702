import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import type { TwilioCredentials } from './phone-config.js';

/**
 * Sends the SDK's requests to another base URL (TWILIO_API_URL) with the same path and query: the
 * SDK has no setting for it, and tests point it at a local fake of Twilio's REST API.
 */
class RebasedRequestClient extends twilio.RequestClient {
  constructor(private readonly baseUrl: string) {
    super({ timeout: 15_000 });
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    const target = new URL(opts.uri);
    return super.request({ ...opts, uri: `${this.baseUrl}${target.pathname}${target.search}` });
  }
}

/** Twilio's REST client for the account, at Twilio or at TWILIO_API_URL. */
export function createTwilioClient(credentials: TwilioCredentials): twilio.Twilio {
  return twilio(credentials.accountSid, credentials.authToken, {
    accountSid: credentials.accountSid,
    // The SDK would otherwise also read TWILIO_EDGE/TWILIO_REGION from process.env.
    env: {},
    ...(credentials.apiUrl ? { httpClient: new RebasedRequestClient(credentials.apiUrl) } : { timeout: 15_000 }),
  });
}
