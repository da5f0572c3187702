import { ApiProperty } from '@nestjs/swagger';
import { CHANNELS, type Channel } from '@app/channels';
import { INBOUND_STATUSES, type InboundStatus } from '@app/tickets';
import { Enum, Int, Nested, Text, Time } from '../../openapi/response-fields.js';

// What GET /api/inbound answers, for the OpenAPI document (InboundItemsController builds it).

export class InboundItemResponse {
  @Text()
  id!: string;

  @Enum(CHANNELS)
  channel!: Channel;

  @Enum(INBOUND_STATUSES, { description: '`rejected`: kept aside before reading (too big, unparseable); `failed`: every attempt failed (`lastError`).' })
  status!: InboundStatus;

  @Text({ nullable: true, description: 'What became of it: `ticket_created`, `message_added`, a skip reason...' })
  outcome!: string | null;

  @ApiProperty({ type: 'object', properties: { from: { type: 'string' }, subject: { type: 'string' } }, description: 'Sender and subject as first read, when known.' })
  summary!: { from?: string; subject?: string };

  @Text({ nullable: true, description: 'Where it came from (a mailbox UID, a Twilio callback, a chat conversation).' })
  sourceRef!: string | null;

  @Int()
  sizeBytes!: number;

  @Int()
  attempts!: number;

  @Text({ nullable: true })
  lastError!: string | null;

  @Time()
  receivedAt!: Date;

  @Time({ nullable: true })
  processedAt!: Date | null;
}

export class InboundListResponse {
  @Nested(() => InboundItemResponse, { isArray: true })
  items!: InboundItemResponse[];

  @Int({ description: 'Items matching the filter, all pages.' })
  total!: number;
}
