import type { InboundMessage } from '@app/channels';

/**
 * What a report says in the customer's own words, which is all outage detection compares: for a
 * call, the transcription of the caller's message (nothing until it comes), never the call's card
 * or its subject, whose fixed wording ("Menú: eligió…", "Grabación", "duración") every call shares.
 */
export function reportWords(message: Pick<InboundMessage, 'subject' | 'text' | 'call'>): { subject: string; text: string } {
  if (message.call) return { subject: '', text: message.call.transcription?.text ?? '' };
  return { subject: message.subject, text: message.text };
}
