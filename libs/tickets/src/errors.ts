import { DomainError } from '@app/platform';

/** What was asked for does not exist (or is not visible to the one asking). */
export class NotFoundError extends DomainError {}

export class TicketNotFoundError extends NotFoundError {
  constructor(readonly ticketNumber: string) {
    super(`El ticket ${ticketNumber} no existe.`);
  }
}

/** The actor may not do this (their tier or role does not allow it); the message says why. */
export class ForbiddenActionError extends DomainError {}

/** The request is valid but the ticket's state does not allow it now (e.g. resolving a merged ticket). */
export class ConflictError extends DomainError {
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
    code?: string,
  ) {
    super(message, code ?? (typeof details.code === 'string' ? details.code : undefined));
  }
}

export class InvalidInputError extends DomainError {}

/**
 * A message no retry can deliver: its channel refused it for good (the worker turns the channels'
 * `PermanentDeliveryError` into this), or it cannot be completed (a verification that is gone).
 */
export class DeliveryRefusedError extends DomainError {}

/** A link that worked once and no longer does (it expired): 410, so the reader knows to ask for a new one. */
export class GoneError extends DomainError {}
