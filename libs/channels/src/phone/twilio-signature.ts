import twilio from 'twilio';

/**
 * Checks `X-Twilio-Signature` the way Twilio computes it: HMAC-SHA1 with the auth token over the
 * URL Twilio requested (our public base URL + the path and query) followed by the sorted form fields.
 */
export class TwilioSignatureVerifier {
  constructor(
    private readonly authToken: string,
    private readonly publicBaseUrl: string,
  ) {}

  isValid(pathAndQuery: string, params: Record<string, string>, signature: string | undefined): boolean {
    if (!signature) return false;
    return twilio.validateRequest(this.authToken, signature, `${this.publicBaseUrl}${pathAndQuery}`, params);
  }
}
