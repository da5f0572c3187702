/**
 * How long after its resolution a ticket still takes a message without a thread (an SMS) from its
 * contact, reopening it as a reply by mail would; later, such a message opens a ticket of its own.
 */
export const THREADLESS_REPLY_DAYS = 7;

const DAY_MS = 86_400_000;

/** Tickets resolved at or after this still take a threadless message that arrived at `receivedAt`. */
export const threadlessResolvedSince = (receivedAt: Date): Date => new Date(receivedAt.getTime() - THREADLESS_REPLY_DAYS * DAY_MS);
