import nodemailer, { type Transporter } from 'nodemailer';
import { PermanentDeliveryError } from '../contract/channel-errors.js';
import type { OutboundMessage, SendResult } from '../contract/outbound-message.js';
import type { EmailSettings } from './email-config.js';
import { withBrackets } from './message-ids.js';

/** Sends outbound mail over SMTP (nodemailer), threaded into the customer's conversation. */
export class EmailSender {
  private readonly transport?: Transporter;

  constructor(private readonly settings: EmailSettings) {
    if (settings.smtpUrl) {
      this.transport = nodemailer.createTransport({
        url: settings.smtpUrl,
        pool: true,
        maxConnections: 4,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      });
    }
  }

  async send(message: OutboundMessage): Promise<SendResult> {
    if (!this.transport) return { status: 'held', reason: 'no hay servidor de correo configurado (SMTP_URL)' };
    // A mail that came without a Message-ID is known by an id we made up (no "@"): nobody's mail
    // client has it, so answering "in reply to" it would thread under a message that never existed.
    const threadRefs = message.threadRefs.filter((id) => id.includes('@'));
    const [inReplyTo] = threadRefs;
    try {
      await this.transport.sendMail({
        from: { name: this.settings.fromName, address: this.settings.supportEmail },
        to: message.recipient,
        subject: message.subject,
        text: message.text,
        html: message.html || undefined,
        attachments: (message.files ?? [])
          .filter((file) => file.content)
          .map((file) => ({ filename: file.filename, content: file.content, contentType: file.contentType })),
        // Fixed before the first attempt: a retry after an unclear failure carries the same id,
        // so the customer's mail client shows one message.
        messageId: withBrackets(message.externalId),
        inReplyTo: inReplyTo ? withBrackets(inReplyTo) : undefined,
        references: [...threadRefs].reverse().map(withBrackets),
        headers: {
          // RFC 3834: automatic answers say so, and ask Exchange not to answer them (no loops).
          ...(message.automatic ? { 'Auto-Submitted': 'auto-replied' } : {}),
          'X-Auto-Response-Suppress': 'All',
        },
      });
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      if (code !== undefined && code >= 500 && code < 600) {
        throw new PermanentDeliveryError(`El servidor de correo rechazó el mensaje de forma definitiva: ${(error as Error).message}`);
      }
      throw error;
    }
    return { status: 'sent' };
  }

  close(): void {
    this.transport?.close();
  }
}
