import { describe, expect, it } from '@jest/globals';
import { UnprocessableInboundError } from '../contract/channel-errors.js';
import { chatSubject, decodeChatRaw, encodeChatRaw } from './chat-raw-message.js';

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

describe('chatSubject', () => {
  it('should keep a short message whole, on one line', () => {
    expect(chatSubject('No timbra\n  la factura')).toBe('No timbra la factura');
  });

  it('should cut a long message at a word and mark the cut', () => {
    const subject = chatSubject('El portal no me deja descargar el XML de ninguna de mis facturas de este mes', 40);
    expect(subject).toBe('El portal no me deja descargar el XML de…');
  });

  it('should cut a single very long word at the limit', () => {
    expect(chatSubject('x'.repeat(100), 10)).toBe(`${'x'.repeat(10)}…`);
  });
});
