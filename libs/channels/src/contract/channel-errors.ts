import { DomainError } from '@app/platform';

/** The raw input of a channel cannot be turned into a message (it is kept aside, not retried). */
export class UnprocessableInboundError extends DomainError {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** The channel refused the message for good (an invalid address, a 5xx from SMTP): no retry helps. */
export class PermanentDeliveryError extends DomainError {}
