import { Logger } from '@nestjs/common';
import type twilio from 'twilio';
import { PermanentDeliveryError } from '../contract/channel-errors.js';
import type { OutboundMessage, SendResult } from '../contract/outbound-message.js';
import { SMS_MAX_CHARS } from '../contract/sms-limit.js';
import type { PhoneSettings } from './phone-config.js';
import { createTwilioClient } from './twilio-rest-client.js';

/** How many of the number's latest messages a retry reads, and how far our clock may be off Twilio's. */
const LOOKBACK_MESSAGES = 50;
const CLOCK_SKEW_MS = 5 * 60_000;

const isClientError = (error: unknown): boolean => {
  const status = (error as { status?: number }).status;
  return status !== undefined && status >= 400 && status < 500 && status !== 429;
};

/**
 * Sends SMS through Twilio's Messages API. A 4xx answer (invalid or unreachable number, opted out)
 * is permanent; 429, 5xx and network errors are thrown so the outbound queue retries with backoff.
 * The API has no idempotency key, so a retry after an attempt that may have reached Twilio first
 * looks for the same text to the same number among the latest messages.
 */
export class SmsSender {
  private readonly logger = new Logger(SmsSender.name);
  private readonly client?: twilio.Twilio;

  constructor(private readonly settings: PhoneSettings) {
    if (settings.twilio) this.client = createTwilioClient(settings.twilio);
  }

  async send(message: OutboundMessage): Promise<SendResult> {
    if (!this.client) return { status: 'held', reason: 'no hay cuenta de Twilio configurada (TWILIO_AUTH_TOKEN)' };
    const body = message.text.slice(0, SMS_MAX_CHARS);
    if (message.earlierAttemptAt && (await this.alreadyAccepted(this.client, message.recipient, body, message.earlierAttemptAt))) {
      this.logger.log(`SMS to ${message.recipient} for ${message.ticketNumber} was already accepted by Twilio; not sent again`);
      return { status: 'sent' };
    }
    try {
      await this.client.messages.create({ to: message.recipient, from: this.settings.phoneNumber, body });
    } catch (error) {
      if (isClientError(error)) {
        const { status, code } = error as { status: number; code?: number };
        throw new PermanentDeliveryError(`Twilio rechazó el SMS (HTTP ${status}${code ? `, error ${code}` : ''}): ${(error as Error).message}`);
      }
      throw error;
    }
    return { status: 'sent' };
  }

  /**
   * Whether Twilio already holds this text for this number, created since the earlier attempt (it
   * was accepted, and recording that failed). Twilio down: thrown, so the retry waits rather than
   * risk a second SMS; a lookup Twilio refuses (4xx) cannot tell, so the SMS is sent.
   */
  private async alreadyAccepted(client: twilio.Twilio, to: string, body: string, since: Date): Promise<boolean> {
    try {
      const recent = await client.messages.list({ to, from: this.settings.phoneNumber, limit: LOOKBACK_MESSAGES });
      // `includes`: a trial account prefixes what it sends.
      return recent.some((sms) => (sms.body ?? '').includes(body) && sms.dateCreated.getTime() >= since.getTime() - CLOCK_SKEW_MS);
    } catch (error) {
      if (!isClientError(error)) throw error;
      this.logger.warn(`could not look up earlier SMS to ${to} (${(error as Error).message}); sending`);
      return false;
    }
  }
}
