/** What imapflow puts on an error beside its message ("Command failed" says little). */
interface ImapFlowErrorFields {
  authenticationFailed?: boolean;
  responseText?: string;
  serverResponseCode?: string;
  code?: string;
}

/**
 * An IMAP failure in words an operator can act on: a refused login names the settings to check,
 * and a command the server refused carries the server's own reason.
 */
export function describeImapFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const fields = error as Error & ImapFlowErrorFields;
  if (fields.authenticationFailed) {
    return `the IMAP server refused the login (check IMAP_USER and IMAP_PASSWORD)${fields.responseText ? `: ${fields.responseText}` : ''}`;
  }
  const detail = [fields.serverResponseCode, fields.responseText].filter(Boolean).join(' ');
  return detail ? `${error.message}: ${detail}` : error.message;
}
