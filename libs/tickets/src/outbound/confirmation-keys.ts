/**
 * The dedupe keys of confirmations: a new ticket's (on its own channel) and a call added to an
 * existing ticket's SMS. The call's confirmation prompt reads them back to tell whether an SMS follows.
 */
export const TICKET_CONFIRMATION_KEY_PREFIX = 'confirmation-';

export const ticketConfirmationKey = (ticketId: string): string => `${TICKET_CONFIRMATION_KEY_PREFIX}${ticketId}`;

export const callConfirmationKey = (callSid: string): string => `confirmation-call-${callSid}`;
