import { PermanentDeliveryError, type OutboundMessage, type SendResult } from '@app/tickets';
import type twilio from 'twilio';
import type { PhoneSettings } from './phone-config.js';
import { createTwilioClient } from './twilio-rest-client.js';

/** Twilio's limit for one message body. */
const SMS_MAX_CHARS = 1_600;

/**
 * Sends SMS through Twilio's Messages API. A 4xx answer (invalid or unreachable number, opted out)
 * is permanent; 429, 5xx and network errors are thrown so the outbound queue retries with backoff.
 */
export class SmsSender {
  private readonly client?: twilio.Twilio;

  constructor(private readonly settings: PhoneSettings) {
    if (settings.twilio) this.client = createTwilioClient(settings.twilio);
  }

  async send(message: OutboundMessage): Promise<SendResult> {
    if (!this.client) return { status: 'held', reason: 'TWILIO_AUTH_TOKEN is not set' };
    try {
      await this.client.messages.create({ to: message.recipient, from: this.settings.phoneNumber, body: message.text.slice(0, SMS_MAX_CHARS) });
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status !== undefined && status >= 400 && status < 500 && status !== 429) {
        const code = (error as { code?: number }).code;
        throw new PermanentDeliveryError(`Twilio refused the SMS (HTTP ${status}${code ? `, error ${code}` : ''}): ${(error as Error).message}`);
      }
      throw error;
    }
    return { status: 'sent' };
  }
}
