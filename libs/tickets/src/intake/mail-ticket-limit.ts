/** The window over which the tickets one sender opened by mail are counted. */
export const MAIL_TICKET_WINDOW_MS = 3_600_000;

/**
 * Whether a mail that would open a ticket must join one instead: the sender already opened `limit`
 * tickets by mail in the window. A limit of 0 turns the rule off.
 */
export function mailTicketLimitReached(openedInWindow: number, limit: number): boolean {
  return limit > 0 && openedInWindow >= limit;
}

/**
 * Where the window starts for a mail: an hour before it arrived (not before it is processed), so a
 * retried or late intake job counts the same tickets.
 */
export function mailTicketWindowStart(receivedAt: Date): Date {
  return new Date(receivedAt.getTime() - MAIL_TICKET_WINDOW_MS);
}
