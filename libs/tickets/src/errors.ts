/** Base class of the errors the domain throws; the gateway maps them to HTTP codes. */
export abstract class DomainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class TicketNotFoundError extends DomainError {
  constructor(readonly ticketNumber: string) {
    super(`Ticket ${ticketNumber} does not exist`);
  }
}

export class InvalidInputError extends DomainError {}

/** A configuration value is missing or malformed; the message names the variable. */
export class ConfigError extends DomainError {}

/** The raw input of a channel cannot be turned into a message (it is kept aside, not retried). */
export class UnprocessableInboundError extends DomainError {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** The channel refused the message for good (an invalid address, a 5xx from SMTP): no retry helps. */
export class PermanentDeliveryError extends DomainError {}
