/** Base class of the errors the libraries throw on purpose; the gateway maps them to HTTP codes. */
export abstract class DomainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
