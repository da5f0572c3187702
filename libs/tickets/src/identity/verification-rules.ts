import { createHash, createHmac } from 'node:crypto';

/** Where the link of a verification mail goes; the page shows a button that POSTs back here. */
export const VERIFICATION_PATH = '/verificar';

/**
 * Stands for the link in the copy of the mail kept on the ticket: agents (and a held mail shown in
 * the inbox) never see a working token; the worker puts the real link in only when it sends.
 */
export const VERIFICATION_LINK_PLACEHOLDER = '[enlace personal: solo va en el correo enviado]';

export type VerificationState = 'valid' | 'used' | 'expired';

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** The link's token: an HMAC of the verification's id, so every send attempt mails the same link and none is stored. */
export function deriveVerificationToken(key: string, verificationId: string): string {
  return createHmac('sha256', key).update(`contact-verification:${verificationId}`).digest('base64url');
}

/** What is stored to recognise a token. */
export function hashVerificationToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A token as we make them (32 bytes, base64url); anything else is refused before any lookup. */
export function isWellFormedVerificationToken(token: unknown): token is string {
  return typeof token === 'string' && TOKEN.test(token);
}

/** Single use, and only until it expires. */
export function verificationState(link: { usedAt: Date | null; expiresAt: Date }, now: Date): VerificationState {
  if (link.usedAt) return 'used';
  return link.expiresAt.getTime() <= now.getTime() ? 'expired' : 'valid';
}

export function verificationUrl(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl}${VERIFICATION_PATH}?token=${token}`;
}

export interface ContactDetails {
  name: string | null;
  rfc: string | null;
}

/**
 * What another source may add to a contact: only what it does not know yet. Whatever the contact
 * already has (its owner's own name and RFC) is never overwritten.
 */
export function contactGaps(existing: ContactDetails, incoming: { name?: string | null; rfc?: string | null }): Partial<ContactDetails> {
  const gaps: Partial<ContactDetails> = {};
  if (!existing.name && incoming.name) gaps.name = incoming.name;
  if (!existing.rfc && incoming.rfc) gaps.rfc = incoming.rfc;
  return gaps;
}
