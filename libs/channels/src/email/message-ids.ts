/** Message-IDs without angle brackets or whitespace, as stored and compared. */
export function normaliseMessageId(value: string | undefined | null): string | undefined {
  const cleaned = value?.replace(/[<>\s]/g, '');
  return cleaned ? cleaned : undefined;
}

/** All Message-IDs in a header value such as References ("<a@x> <b@y>"). */
export function messageIdsIn(value: string | string[] | undefined): string[] {
  const joined = Array.isArray(value) ? value.join(' ') : (value ?? '');
  const bracketed = [...joined.matchAll(/<([^<>\s]+)>/g)].map((match) => match[1]!);
  if (bracketed.length > 0) return bracketed;
  return joined.split(/\s+/).map((id) => normaliseMessageId(id)).filter((id): id is string => Boolean(id));
}

export const withBrackets = (id: string): string => `<${id}>`;
