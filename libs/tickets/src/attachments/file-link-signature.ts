import { createHmac, timingSafeEqual } from 'node:crypto';

/** Where a customer fetches a file an agent sent in the chat (the gateway serves it without a token). */
export const SHARED_FILE_PATH = '/chat/files';

export type SharedLinkState = 'valid' | 'expired' | 'invalid';

const SIGNATURE = /^[A-Za-z0-9_-]{43}$/;

/** The link's signature: an HMAC of the file's id and the moment it stops working, so neither can be changed. */
export function signSharedFile(key: string, attachmentId: string, expiresAtSeconds: number): string {
  return createHmac('sha256', key).update(`shared-file:${attachmentId}:${expiresAtSeconds}`).digest('base64url');
}

export function sharedFileUrl(publicBaseUrl: string, key: string, attachmentId: string, expiresAt: Date): string {
  const exp = Math.floor(expiresAt.getTime() / 1_000);
  return `${publicBaseUrl}${SHARED_FILE_PATH}/${attachmentId}?exp=${exp}&sig=${signSharedFile(key, attachmentId, exp)}`;
}

/** Whether `exp` and `sig` (as they came in the query) open this file now; a bad signature is never told apart from a wrong file. */
export function sharedLinkState(key: string, attachmentId: string, exp: unknown, sig: unknown, now: Date): SharedLinkState {
  if (typeof exp !== 'string' || !/^\d{1,12}$/.test(exp) || typeof sig !== 'string' || !SIGNATURE.test(sig)) return 'invalid';
  const expected = Buffer.from(signSharedFile(key, attachmentId, Number(exp)));
  if (!timingSafeEqual(expected, Buffer.from(sig))) return 'invalid';
  return Number(exp) * 1_000 <= now.getTime() ? 'expired' : 'valid';
}
