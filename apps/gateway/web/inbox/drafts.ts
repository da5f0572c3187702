/**
 * What an agent was writing on each ticket, kept in this tab's sessionStorage (gone with the tab,
 * like the session's token): a session that ends mid-reply (expired, password changed) sends the
 * agent to sign in again, and the reply is still in the box when they come back to the ticket.
 * Signing out forgets every draft.
 */
const PREFIX = 'ventanilla.draft.';

export function loadDraft(ticketNumber: string): string {
  try {
    return sessionStorage.getItem(PREFIX + ticketNumber) ?? '';
  } catch {
    return '';
  }
}

export function saveDraft(ticketNumber: string, text: string): void {
  try {
    if (text.trim()) sessionStorage.setItem(PREFIX + ticketNumber, text);
    else sessionStorage.removeItem(PREFIX + ticketNumber);
  } catch {
    // Storage full or refused: the draft lives in the box only, as before.
  }
}

export function forgetDrafts(): void {
  try {
    for (const key of Object.keys(sessionStorage)) if (key.startsWith(PREFIX)) sessionStorage.removeItem(key);
  } catch {
    // Nothing kept, nothing to forget.
  }
}
