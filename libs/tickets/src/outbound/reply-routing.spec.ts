import { describe, expect, it } from '@jest/globals';
import { replyChannels } from './reply-routing.js';

describe('replyChannels', () => {
  it('should answer a chat live only when the customer is still in the chat', () => {
    expect(replyChannels('chat', true, true)).toEqual(['chat']);
  });

  it('should also mail a chat answer when the customer has left the chat', () => {
    expect(replyChannels('chat', false, true)).toEqual(['chat', 'email']);
  });

  it('should keep a chat answer in the chat when the contact has no email address', () => {
    expect(replyChannels('chat', false, false)).toEqual(['chat']);
  });

  it('should answer an email ticket by email only', () => {
    expect(replyChannels('email', false, true)).toEqual(['email']);
  });

  it('should answer a caller by SMS, and by mail too when the contact has an address', () => {
    expect(replyChannels('phone', false, false)).toEqual(['phone']);
    expect(replyChannels('phone', false, true)).toEqual(['phone', 'email']);
  });
});
