import { describe, expect, it } from '@jest/globals';
import type { ChatEntry } from '@shared/channels/chat/chat-protocol.js';
import { Transcript } from './transcript.js';

const customer = (seq: number, clientId = `c-${seq}-abcdefgh`): ChatEntry => ({
  seq,
  type: 'customer:message',
  text: `mensaje ${seq}`,
  clientId,
  sentAt: '2026-03-02T10:00:00.000Z',
});
const agent = (seq: number): ChatEntry => ({ seq, type: 'agent:message', text: 'hola', agentName: 'Ana', sentAt: '2026-03-02T10:01:00.000Z' });

describe('Transcript', () => {
  it('should keep each entry once when it arrives live and again by resync', () => {
    const transcript = new Transcript();
    expect(transcript.add(customer(1))).toBe(true);
    expect(transcript.add(customer(1))).toBe(false);
    expect(transcript.contiguousSeq).toBe(1);
  });

  it('should report a gap when an entry arrives after a missed one, and close it once the missing one arrives', () => {
    const transcript = new Transcript();
    transcript.add(customer(1));
    transcript.add(agent(3));
    expect(transcript.hasGap).toBe(true);
    expect(transcript.contiguousSeq).toBe(1);
    transcript.add(agent(2));
    expect(transcript.hasGap).toBe(false);
    expect(transcript.contiguousSeq).toBe(3);
  });

  it('should find where an entry goes among those already shown', () => {
    const transcript = new Transcript();
    transcript.add(customer(1));
    transcript.add(agent(4));
    transcript.add(agent(6));
    expect(transcript.nextAfter(2)?.seq).toBe(4);
    expect(transcript.nextAfter(6)).toBeUndefined();
  });

  it('should know which pending client messages the server already has', () => {
    const transcript = new Transcript();
    transcript.add(customer(1, 'first-message-1'));
    expect(transcript.hasClientMessage('first-message-1')).toBe(true);
    expect(transcript.hasClientMessage('other-message-2')).toBe(false);
  });

  it('should find the ticket confirmation', () => {
    const transcript = new Transcript();
    transcript.add({ seq: 2, type: 'ticket:confirmed', ticketNumber: 'IF-000123', severity: 2, severityMeaning: 'x', text: 't', sentAt: 's' });
    expect(transcript.confirmation()?.ticketNumber).toBe('IF-000123');
  });
});
