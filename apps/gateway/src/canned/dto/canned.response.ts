import { MACRO_STATUSES, SEVERITIES, type CannedResponseJson, type ItemsJson, type MacroStatus, type Severity } from '@app/tickets';
import { Bool, Enum, Nested, Text, Time } from '../../openapi/response-fields.js';

export class CannedResponseResponse implements CannedResponseJson {
  @Text()
  id!: string;

  @Text()
  title!: string;

  @Text({ description: 'May hold {{cliente}}-style variables the inbox fills in.' })
  body!: string;

  @Enum(MACRO_STATUSES, { nullable: true, description: 'A macro: after the reply, the ticket moves to this status.' })
  setStatus!: MacroStatus | null;

  @Enum(SEVERITIES, { nullable: true, description: 'A macro: the reply also sets this severity.' })
  setSeverity!: Severity | null;

  @Time()
  updatedAt!: string;
}

export class CannedResponseListResponse implements ItemsJson<CannedResponseJson> {
  @Nested(() => CannedResponseResponse, { isArray: true })
  items!: CannedResponseResponse[];
}

export class CannedResponseDeletedResponse {
  @Bool({ description: 'Always true: the response is gone (a second delete is a 404).' })
  deleted!: true;
}
