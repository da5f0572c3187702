/** Longest token we bother to verify: ours are a few hundred bytes; anything far longer is junk. */
const MAX_TOKEN_CHARS = 2_048;

/** The token of an `Authorization: Bearer <token>` header, or undefined when there is none (or it is absurd). */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header || header.length > MAX_TOKEN_CHARS + 7) return undefined;
  const [scheme, token, ...rest] = header.split(' ');
  return scheme === 'Bearer' && token && rest.length === 0 ? token : undefined;
}
