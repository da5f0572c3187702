import type { ChatEntry } from '@shared/channels/chat/chat-protocol.js';

/**
 * The conversation as the widget knows it: entries by sequence (each kept once, whichever way it
 * arrived: live, echoed, or by resync). `contiguousSeq` is what the client has without holes, the
 * point to resync from; an entry beyond it means one was missed.
 */
export class Transcript {
  private readonly bySeq = new Map<number, ChatEntry>();
  private contiguous = 0;

  get contiguousSeq(): number {
    return this.contiguous;
  }

  /** True when entries after a hole arrived: ask the server for what comes after `contiguousSeq`. */
  get hasGap(): boolean {
    return this.bySeq.size > this.contiguous;
  }

  /** Adds an entry; false when it was known already. */
  add(entry: ChatEntry): boolean {
    if (this.bySeq.has(entry.seq)) return false;
    this.bySeq.set(entry.seq, entry);
    while (this.bySeq.has(this.contiguous + 1)) this.contiguous += 1;
    return true;
  }

  /** The known entry that comes right after `seq` in order, if any (where to insert a new one). */
  nextAfter(seq: number): ChatEntry | undefined {
    let next: ChatEntry | undefined;
    for (const entry of this.bySeq.values()) if (entry.seq > seq && (!next || entry.seq < next.seq)) next = entry;
    return next;
  }

  /** Whether the customer message with this client id is in the transcript (then it is no longer pending). */
  hasClientMessage(clientId: string): boolean {
    for (const entry of this.bySeq.values()) if (entry.type === 'customer:message' && entry.clientId === clientId) return true;
    return false;
  }

  /** The ticket this conversation opened, once confirmed. */
  confirmation(): Extract<ChatEntry, { type: 'ticket:confirmed' }> | undefined {
    for (const entry of this.bySeq.values()) if (entry.type === 'ticket:confirmed') return entry;
    return undefined;
  }

  clear(): void {
    this.bySeq.clear();
    this.contiguous = 0;
  }
}
