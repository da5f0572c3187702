import type { Channel } from '@app/channels';
import { InvalidInputError } from '../errors.js';
import type { RenderedMessage } from '../notifications/rendered-message.js';

/** The longest SMS a notice may make: Twilio's limit for one body, which the phone channel's sender enforces by cutting. */
export const SMS_MAX_CHARS = 1_600;

/**
 * Refuses what an agent wrote for a phone ticket when the SMS it makes (with the notice's own lines
 * and signature) would not fit in one Twilio message: the sender would cut it, and the customer
 * would read half of it with nothing to say so. `field` names what to shorten.
 */
export function assertFitsSms(channel: Channel, content: RenderedMessage, field: string): void {
  if (channel !== 'phone' || content.text.length <= SMS_MAX_CHARS) return;
  throw new InvalidInputError(
    `Un SMS lleva como máximo ${SMS_MAX_CHARS} caracteres con la firma: ${field} tiene ${content.text.length - SMS_MAX_CHARS} de más. Acórtalo o escríbele al cliente por correo.`,
    'sms_too_long',
  );
}
