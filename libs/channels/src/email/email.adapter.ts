import type { ChannelAdapter, StoredItemContext } from '../contract/channel-adapter.js';
import type { InboundMessage } from '../contract/inbound-message.js';
import type { OutboundMessage, SendResult } from '../contract/outbound-message.js';
import type { EmailSettings } from './email-config.js';
import { EmailSender } from './email-sender.js';
import { MailNormalizer } from './mail-normalizer.js';

/** The email channel: raw RFC 5322 mail in, SMTP out. */
export class EmailAdapter implements ChannelAdapter {
  readonly channel = 'email' as const;
  private readonly normalizer: MailNormalizer;
  private readonly sender: EmailSender;

  constructor(settings: EmailSettings) {
    this.normalizer = new MailNormalizer(settings);
    this.sender = new EmailSender(settings);
  }

  normalize(raw: Buffer, context: StoredItemContext): Promise<InboundMessage> {
    return this.normalizer.normalize(raw, context);
  }

  send(message: OutboundMessage): Promise<SendResult> {
    return this.sender.send(message);
  }

  close(): void {
    this.sender.close();
  }
}
