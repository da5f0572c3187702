import type { InboundMessage } from '@app/channels';
import { CALL_EXTERNAL_ID_PREFIX } from '../calls/call-external-id.js';
import { transcriptionOfCard } from '../calls/call-message.js';

/**
 * What a report says in the customer's own words, which is all outage detection and the severity
 * classifier read: for a call, the transcription of the caller's message (nothing until it comes),
 * never the call's card or its subject, whose fixed wording ("Menú: eligió…", "Grabación",
 * "duración") every call shares. An SMS is the customer's own words, as a mail is.
 */
export function reportWords(message: Pick<InboundMessage, 'channel' | 'externalId' | 'subject' | 'text' | 'call'>): { subject: string; text: string } {
  if (message.call) return { subject: '', text: message.call.transcription?.text ?? '' };
  // The card a call opens its ticket with: the same, read from the card.
  if (message.channel === 'phone' && message.externalId.startsWith(CALL_EXTERNAL_ID_PREFIX)) return { subject: '', text: transcriptionOfCard(message.text) };
  return { subject: message.subject, text: message.text };
}
