import { ConfigError, type EnvReader } from '@app/platform';

export interface ImapSettings {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  password: string;
  mailbox: string;
  /** Where mail we refuse before downloading (too big) is moved, so the inbox never blocks on it. */
  rejectedMailbox: string;
  /** How often the mailbox is checked even when IDLE says nothing (and the connection is probed). */
  pollIntervalMs: number;
  /** A command (or an IDLE probe) that takes longer than this means the connection is dead. */
  commandTimeoutMs: number;
}

export interface EmailSettings {
  /** Off while IMAP_HOST is unset. */
  imap?: ImapSettings;
  /** While unset, outbound mail is held and shown in the inbox instead of sent. */
  smtpUrl?: string;
  supportEmail: string;
  /** Mail larger than this (by the server's RFC822.SIZE) is not downloaded; it is moved aside. */
  maxMessageBytes: number;
  /** Attachments larger than this keep their metadata but not their bytes. */
  maxAttachmentBytes: number;
  fromName: string;
  /** `MAIL_FORM_SENDERS`: addresses (or `@domain`) that send for others; their `Reply-To` is the customer. */
  formSenders: string[];
}

/** Lower case; each an address (`no-reply@portal.mx`) or a whole domain (`@formularios.portal.mx`). */
function formSenders(env: EnvReader): string[] {
  return env.list('MAIL_FORM_SENDERS', []).map((entry) => {
    const value = entry.toLowerCase();
    if (!/^[^@\s]*@[^@\s]+\.[^@\s]+$/.test(value)) {
      throw new ConfigError(`MAIL_FORM_SENDERS must list addresses (no-reply@portal.mx) or domains (@portal.mx), got "${entry}"`);
    }
    return value;
  });
}

export function readEmailSettings(env: EnvReader, supportEmail: string): EmailSettings {
  const host = env.optionalString('IMAP_HOST');
  return {
    imap: host
      ? {
          host,
          port: env.int('IMAP_PORT', 993, { min: 1, max: 65_535 }),
          secure: env.bool('IMAP_SECURE', true),
          user: env.string('IMAP_USER', supportEmail),
          password: env.string('IMAP_PASSWORD', ''),
          mailbox: env.string('IMAP_MAILBOX', 'INBOX'),
          rejectedMailbox: env.string('IMAP_REJECTED_MAILBOX', 'Ventanilla-Rechazados'),
          pollIntervalMs: env.int('IMAP_POLL_INTERVAL_MS', 60_000, { min: 200 }),
          commandTimeoutMs: env.int('IMAP_COMMAND_TIMEOUT_MS', 30_000, { min: 500 }),
        }
      : undefined,
    smtpUrl: env.optionalUrl('SMTP_URL', ['smtp:', 'smtps:']),
    supportEmail,
    maxMessageBytes: env.int('MAIL_MAX_BYTES', 25 * 1024 * 1024, { min: 1024 }),
    maxAttachmentBytes: env.int('MAIL_MAX_ATTACHMENT_BYTES', 10 * 1024 * 1024, { min: 0 }),
    fromName: env.string('SUPPORT_FROM_NAME', 'Soporte Interfactura'),
    formSenders: formSenders(env),
  };
}
