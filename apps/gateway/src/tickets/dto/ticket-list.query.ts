import { CHANNELS, type Channel } from '@app/channels';
import { SLA_STATES, TICKET_SORTS, TICKET_STATUSES, TIERS, type TicketStatus, type Tier } from '@app/tickets';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, ValidateBy } from 'class-validator';
import { isUuid } from '@app/platform';
import { QueryInt, QueryOneOf, QueryText } from '../../http/dto-fields.js';

/** GET /api/tickets. */
export class TicketListQuery {
  @QueryOneOf(TICKET_STATUSES)
  status?: TicketStatus;

  @QueryInt(0, 3)
  severity?: number;

  @QueryOneOf(TIERS)
  tier?: Tier;

  @QueryOneOf(CHANNELS)
  channel?: Channel;

  @QueryOneOf(SLA_STATES)
  sla?: (typeof SLA_STATES)[number];

  @ApiPropertyOptional({ description: '`me`, `none` or an agent id.' })
  @Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value))
  @IsOptional()
  @ValidateBy({ name: 'assignee', validator: { validate: (value: unknown) => value === 'me' || value === 'none' || isUuid(value), defaultMessage: () => '$property debe ser un id o uno de: me, none' } })
  assignee?: string;

  @QueryOneOf(['severity'], '`severity`: only proposals waiting for L1.')
  review?: 'severity';

  @QueryText(200, 'A number (also short: 3, IF-3), a 10-digit phone, a customer, RFC, UUID or words.')
  q?: string;

  @QueryOneOf(TICKET_SORTS)
  sort?: (typeof TICKET_SORTS)[number];

  @QueryInt(1, 200, 'Default 50.')
  limit?: number;

  @QueryInt(0, 1_000_000)
  offset?: number;
}
