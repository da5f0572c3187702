import { REPLY_MAX_CHARS } from '@app/tickets';
import { FIELD_MAX } from '../../http/field-limits.js';
import { OptionalBoolean, OptionalText, RequiredText } from '../../http/dto-fields.js';

/** POST /api/tickets/:number/replies. */
export class CreateReplyDto {
  @RequiredText(REPLY_MAX_CHARS, 'What the agent writes.')
  body!: string;

  @OptionalBoolean('A note only agents see (default false).')
  internal?: boolean;

  @OptionalText(FIELD_MAX.version, "The ticket's `version` when the agent opened it: 409 if someone wrote since, unless `force`.")
  baseVersion?: string;

  @OptionalBoolean('Reply even if the timeline changed since `baseVersion`.')
  force?: boolean;
}
