import { INBOUND_STATUSES, type InboundStatus } from '@app/tickets';
import { QueryInt, QueryOneOf } from '../../http/dto-fields.js';

/** GET /api/inbound. */
export class InboundListQuery {
  @QueryOneOf(INBOUND_STATUSES)
  status?: InboundStatus;

  @QueryInt(1, 200, 'Default 50.')
  limit?: number;

  @QueryInt(0, 1_000_000)
  offset?: number;
}
