import type { UnplacedMissedCall } from '@app/tickets';
import { Int, Nested, Text, Time } from '../../openapi/response-fields.js';

// What GET /api/calls/missed answers, for the OpenAPI document; the shape it implements is the source.

export class MissedCallResponse implements UnplacedMissedCall {
  @Text({ description: "Twilio's call SID (CA + 32 hex digits): what POST …/{callSid}/called-back takes." })
  callSid!: string;

  @Text({ description: 'The number to call back, E.164.' })
  caller!: string;

  @Text({ nullable: true, description: "Twilio's final call status (`completed`, `no-answer`...)." })
  callStatus!: string | null;

  @Int({ nullable: true })
  durationSeconds!: number | null;

  @Time()
  startedAt!: Date;

  @Time({ nullable: true })
  endedAt!: Date | null;

  @Time({ nullable: true, description: 'When an agent said they returned it (it stays on the list, marked as returned).' })
  calledBackAt!: Date | null;
}

export class MissedCallListResponse {
  @Nested(() => MissedCallResponse, { isArray: true, description: 'Newest first, at most 100.' })
  items!: MissedCallResponse[];
}
