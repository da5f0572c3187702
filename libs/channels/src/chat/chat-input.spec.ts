import { describe, expect, it } from '@jest/globals';
import { ChatInputError, parseChatMessage, parseChatStart, parseChatSync } from './chat-input.js';

const start = (fields: Record<string, unknown>) => parseChatStart({ name: 'Ana Ruiz', email: 'Ana@Cliente.MX', message: 'Hola', ...fields }, 100);
const errorOf = (work: () => unknown): ChatInputError => {
  try {
    work();
  } catch (error) {
    if (error instanceof ChatInputError) return error;
    throw error;
  }
  throw new Error('expected a ChatInputError');
};

describe('parseChatStart', () => {
  it('should accept a start, lower-casing the email and upper-casing the RFC', () => {
    expect(start({ rfc: ' gaml850101ab1 ', clientId: 'abcdefgh-1234' })).toEqual({
      name: 'Ana Ruiz',
      email: 'ana@cliente.mx',
      rfc: 'GAML850101AB1',
      text: 'Hola',
      clientId: 'abcdefgh-1234',
    });
  });

  it('should treat an empty RFC as none and give a message without client id a fresh one', () => {
    const parsed = start({ rfc: '' });
    expect(parsed.rfc).toBeUndefined();
    expect(parsed.clientId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('should name the field when the name, email, RFC or message is wrong', () => {
    expect(errorOf(() => start({ name: '  ' })).message).toContain('name');
    expect(errorOf(() => start({ email: 'ana@' })).message).toContain('email');
    expect(errorOf(() => start({ rfc: 'ABC123' })).message).toContain('rfc');
    expect(errorOf(() => start({ rfc: 42 })).message).toContain('rfc');
    expect(errorOf(() => start({ message: undefined })).message).toContain('message');
    expect(errorOf(() => start({ clientId: 'a b' })).message).toContain('clientId');
    expect(errorOf(() => parseChatStart(null, 100)).code).toBe('invalid_payload');
  });
});

describe('parseChatMessage', () => {
  it('should keep the text as written, normalising line breaks and trimming', () => {
    expect(parseChatMessage({ text: '  <b>hola</b>\r\nadiós  ', clientId: 'client-0001' }, 100)).toEqual({
      text: '<b>hola</b>\nadiós',
      clientId: 'client-0001',
    });
  });

  it('should drop control characters (a NUL, a bell) and keep tabs and line breaks; a text of nothing else is empty', () => {
    expect(parseChatMessage({ text: 'No\u0000 puedo\u0007\ttimbrar\r\nhoy\u007f' }, 100).text).toBe('No puedo\ttimbrar\nhoy');
    expect(start({ name: 'Ana\u0000 Ruiz\u001b' }).name).toBe('Ana Ruiz');
    expect(errorOf(() => parseChatMessage({ text: '\u0000\u0000' }, 100))).toMatchObject({ code: 'invalid_payload' });
  });

  it('should make half a surrogate pair U+FFFD and keep whole pairs (an emoji) as they are', () => {
    expect(parseChatMessage({ text: 'Hola \ud800 y \udc00, gracias 🙏' }, 100).text).toBe('Hola \ufffd y \ufffd, gracias 🙏');
    expect(start({ name: 'Ana \udbff' }).name).toBe('Ana \ufffd');
  });

  it('should refuse a text over the limit with its own code, and an empty one', () => {
    expect(errorOf(() => parseChatMessage({ text: 'x'.repeat(101) }, 100))).toMatchObject({ code: 'text_too_long' });
    expect(parseChatMessage({ text: 'x'.repeat(100) }, 100).text).toHaveLength(100);
    expect(errorOf(() => parseChatMessage({ text: '\n\n' }, 100))).toMatchObject({ code: 'invalid_payload' });
    expect(errorOf(() => parseChatMessage([], 100))).toMatchObject({ code: 'invalid_payload' });
  });
});

describe('parseChatSync', () => {
  it('should read the last sequence seen, 0 by default, and refuse anything else', () => {
    expect(parseChatSync({ afterSeq: 7 })).toBe(7);
    expect(parseChatSync(undefined)).toBe(0);
    expect(parseChatSync({})).toBe(0);
    expect(errorOf(() => parseChatSync({ afterSeq: -1 })).message).toContain('afterSeq');
    expect(errorOf(() => parseChatSync({ afterSeq: '3' })).message).toContain('afterSeq');
    // Past any sequence a conversation can reach (a Postgres integer): bad input, not a failure to retry.
    expect(errorOf(() => parseChatSync({ afterSeq: 1e300 }))).toMatchObject({ code: 'invalid_payload' });
    expect(parseChatSync({ afterSeq: 2_147_483_647 })).toBe(2_147_483_647);
  });
});
