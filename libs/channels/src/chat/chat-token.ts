import { createHash, randomBytes } from 'node:crypto';

/** A new conversation token: 256 random bits, URL-safe. Only its hash is stored. */
export function newChatToken(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 (hex) of a secret the client holds (a token, the client id of a start). */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
