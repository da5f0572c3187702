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

  it('should answer email and phone tickets on their own channel only when nobody is in a chat', () => {
    expect(replyChannels('email', false, true)).toEqual(['email']);
    expect(replyChannels('phone', false, true)).toEqual(['phone']);
  });
});
