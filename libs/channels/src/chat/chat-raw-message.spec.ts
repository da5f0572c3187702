import { describe, expect, it } from '@jest/globals';
import { UnprocessableInboundError } from '../contract/channel-errors.js';
import { decodeChatRaw, encodeChatRaw } from './chat-raw-message.js';

describe('chat raw messages', () => {
  it('should read back what the gateway stored', () => {
    const message = { conversationId: 'c1', clientId: 'k1', text: 'hola', sentAt: '2026-03-02T10:00:00.000Z', customer: { name: 'Ana', email: 'ana@x.mx' } };
    expect(decodeChatRaw(encodeChatRaw(message))).toEqual(message);
  });

  it('should refuse, as unprocessable, bytes that are not a chat message', () => {
    expect(() => decodeChatRaw(Buffer.from('{nope'))).toThrow(UnprocessableInboundError);
    expect(() => decodeChatRaw(Buffer.from('{"conversationId":"c1"}'))).toThrow(UnprocessableInboundError);
    expect(() => decodeChatRaw(Buffer.from('null'))).toThrow(UnprocessableInboundError);
  });
});
