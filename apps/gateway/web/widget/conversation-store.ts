/** A message the server has not acknowledged yet: kept across reloads and sent again (same client id). */
export type PendingRequest =
  | { kind: 'start'; clientId: string; name: string; email: string; rfc?: string; text: string }
  | { kind: 'message'; clientId: string; text: string };

export interface StoredConversation {
  token?: string;
  conversationId?: string;
  email?: string;
  pending: PendingRequest[];
}

/** The conversation this browser holds with one support server, in localStorage (same browser, any tab). */
export class ConversationStore {
  private readonly key: string;

  constructor(server: string) {
    this.key = `ventanilla-chat:${server}`;
  }

  load(): StoredConversation {
    try {
      const value = JSON.parse(localStorage.getItem(this.key) ?? 'null') as StoredConversation | null;
      return value && Array.isArray(value.pending) ? value : { pending: [] };
    } catch {
      // Storage disabled (private mode) or corrupted: the chat still works for this page.
      return { pending: [] };
    }
  }

  save(value: StoredConversation): void {
    try {
      localStorage.setItem(this.key, JSON.stringify(value));
    } catch {
      // Not persisted: the conversation lasts as long as the page.
    }
  }
}
