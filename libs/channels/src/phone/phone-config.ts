import { ConfigError, type EnvReader } from '@app/platform';
import { normalizePhoneNumber } from './phone-number.js';

export interface TwilioCredentials {
  accountSid: string;
  authToken: string;
  /** Base URL of Twilio's REST API; unset means Twilio's own (tests point it at a local fake). */
  apiUrl?: string;
}

export interface PhoneSettings {
  /** Off while TWILIO_AUTH_TOKEN is unset: webhooks answer 503, SMS are held. */
  twilio?: TwilioCredentials;
  /** The support line, E.164: the number customers call and SMS come from. */
  phoneNumber: string;
  /** What Twilio calls: webhook signatures are computed over this + the request's path. */
  publicBaseUrl: string;
  /** Longest the caller waits on the line for the ticket number before being told it comes by SMS. */
  confirmationWaitSeconds: number;
  recordingMaxSeconds: number;
}

/** Phone settings, read once by each app's config (gateway: webhooks; worker: SMS). */
export function readPhoneSettings(env: EnvReader, publicBaseUrl: string): PhoneSettings {
  const authToken = env.optionalString('TWILIO_AUTH_TOKEN');
  const accountSid = env.optionalString('TWILIO_ACCOUNT_SID');
  if (authToken && !/^AC[0-9a-f]{32}$/i.test(accountSid ?? '')) {
    throw new ConfigError(`TWILIO_ACCOUNT_SID must be set to the account's SID (AC followed by 32 hex digits) when TWILIO_AUTH_TOKEN is set`);
  }
  const rawNumber = env.string('TWILIO_PHONE_NUMBER', '+528147771119');
  const phoneNumber = normalizePhoneNumber(rawNumber);
  if (!phoneNumber) throw new ConfigError(`TWILIO_PHONE_NUMBER must be an E.164 number such as +528147771119, got "${rawNumber}"`);
  const apiUrl = env.optionalUrl('TWILIO_API_URL', ['http:', 'https:'])?.replace(/\/+$/, '');
  return {
    twilio: authToken ? { accountSid: accountSid!, authToken, apiUrl } : undefined,
    phoneNumber,
    publicBaseUrl,
    confirmationWaitSeconds: env.int('PHONE_CONFIRMATION_WAIT_SECONDS', 10, { min: 0, max: 30 }),
    recordingMaxSeconds: env.int('PHONE_RECORDING_MAX_SECONDS', 120, { min: 10, max: 600 }),
  };
}
