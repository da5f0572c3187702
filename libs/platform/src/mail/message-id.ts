import { randomUUID } from 'node:crypto';

/** A new RFC 5322 Message-ID (without angle brackets) in the support mailbox's domain. */
export function newMessageId(supportEmail: string): string {
  const domain = supportEmail.split('@')[1] ?? 'ventanilla.invalid';
  return `${randomUUID()}.ventanilla@${domain}`;
}

/** True for Message-IDs this system generated (a copy of our own mail coming back). */
export function isOwnMessageId(messageId: string): boolean {
  return /\.ventanilla@/i.test(messageId);
}
