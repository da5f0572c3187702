import { OptionalBoolean } from '../../http/dto-fields.js';

/** POST /api/tickets/:number/typing. */
export class TypingDto {
  @OptionalBoolean('Show (default true) or hide the indicator.')
  typing?: boolean;
}
