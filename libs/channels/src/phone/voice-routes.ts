import type { CallChoice } from '../contract/call-facts.js';
import type { Severity } from '../contract/severity.js';

/** A ticket number as INTERFACE.md defines it (e.g. IF-000123). */
const TICKET_NUMBER = /^[A-Z]{2,4}-\d{4,}$/;

/** Every Twilio webhook lives under this path (INTERFACE.md). */
export const TWILIO_WEBHOOK_PATH = '/webhooks/twilio/';

/**
 * The callbacks: `voice` and `status` are set on the phone number; the others are named in the
 * TwiML we answer with, carrying the caller's choice in their (signed) query string so that every
 * later callback knows where the call goes, whatever order they arrive in.
 */
export const TWILIO_CALLBACKS = ['voice', 'menu', 'ticket', 'recorded', 'recording-status', 'transcription', 'status', 'confirmation'] as const;
export type TwilioCallbackKind = (typeof TWILIO_CALLBACKS)[number];

export const isTwilioCallbackKind = (value: string): value is TwilioCallbackKind =>
  (TWILIO_CALLBACKS as readonly string[]).includes(value);

/** What the caller chose, and their number, as query parameters of our callback URLs. */
export function choiceQuery(choice: CallChoice, caller: string): Record<string, string> {
  switch (choice.kind) {
    case 'severity':
      return { severity: String(choice.severity), caller };
    case 'ticket':
      return { ticket: choice.ticketNumber, caller };
    case 'none':
      return { severity: 'none', caller };
  }
}

/** The choice a callback URL carries; an error message when it carries a malformed one. */
export function choiceFromQuery(query: URLSearchParams): CallChoice | undefined | { error: string } {
  const severity = query.get('severity');
  const ticket = query.get('ticket');
  if (ticket !== null) {
    return TICKET_NUMBER.test(ticket) ? { kind: 'ticket', ticketNumber: ticket } : { error: `ticket "${ticket}" no es un número de ticket` };
  }
  if (severity === null) return undefined;
  if (severity === 'none') return { kind: 'none' };
  return /^[0-3]$/.test(severity)
    ? { kind: 'severity', severity: Number(severity) as Severity }
    : { error: `severity debe ser de 0 a 3 o "none", no "${severity}"` };
}

/** Builds the absolute URLs Twilio is told to call (they are what its signatures are computed over). */
export class VoiceRoutes {
  constructor(private readonly publicBaseUrl: string) {}

  url(kind: TwilioCallbackKind, query: Record<string, string> = {}): string {
    const search = new URLSearchParams(query).toString();
    return `${this.publicBaseUrl}${TWILIO_WEBHOOK_PATH}${kind}${search ? `?${search}` : ''}`;
  }
}
