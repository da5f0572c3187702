/** Where the mailbox reader keeps how far it has read (per mailbox), so a restart neither skips nor re-reads. The apps wire it. */
export interface MailboxCursorStore {
  get<T extends Record<string, unknown>>(source: string): Promise<T | undefined>;
  set(source: string, cursor: Record<string, unknown>): Promise<void>;
}

export const MAILBOX_CURSOR_STORE = Symbol('MAILBOX_CURSOR_STORE');
