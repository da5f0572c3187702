/** Headers are short; a mail whose header section runs past this is read no further for this. */
const HEADER_SECTION_MAX_BYTES = 64 * 1024;
const UTF8 = new TextDecoder('utf-8', { fatal: true });
const WINDOWS_1252 = new TextDecoder('windows-1252');

/**
 * A header's value from the mail's own bytes, for a header a client wrote in raw 8-bit instead of
 * encoding it (older Outlook, some ERPs and relays): UTF-8 when the bytes are UTF-8, else Windows-1252,
 * the superset of Latin-1 those clients write. A parser that assumes UTF-8 turns "Facturación" in
 * Latin-1 into "Facturaci\uFFFDn" for good. Undefined without the header. Folded lines are joined.
 */
export function legacyHeaderValue(raw: Buffer, name: string): string | undefined {
  const end = raw.indexOf('\r\n\r\n');
  const head = raw.subarray(0, Math.min(end < 0 ? raw.length : end, HEADER_SECTION_MAX_BYTES)).toString('latin1');
  // Latin-1 maps each byte to one character, so the match is the header's bytes. One value per line,
  // then continuation lines (each begins with a newline and a blank): nothing to backtrack over.
  const match = new RegExp(`^${name}:[ \\t]*([^\\r\\n]*(?:\\r?\\n[ \\t][^\\r\\n]*)*)`, 'im').exec(head);
  if (!match) return undefined;
  const bytes = Buffer.from(match[1]!.replace(/\r?\n(?=[ \t])/g, ''), 'latin1');
  try {
    return UTF8.decode(bytes).trim();
  } catch {
    return WINDOWS_1252.decode(bytes).trim();
  }
}
