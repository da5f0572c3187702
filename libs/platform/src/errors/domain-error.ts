/**
 * Base class of the errors the libraries throw on purpose; the gateway maps them to HTTP codes.
 * `code` names the refusal for clients (the inbox shows each code in Spanish); the message stays
 * for logs and API users.
 */
export abstract class DomainError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
