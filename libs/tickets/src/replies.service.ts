import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ContactEntity } from './entities/contact.entity.js';
import type { MessageEntity } from './entities/message.entity.js';
import { TicketEntity } from './entities/ticket.entity.js';
import { InvalidInputError, TicketNotFoundError } from './errors.js';
import { MessagesRepository } from './messages.repository.js';
import { CustomerNotifier } from './outbound/customer-notifier.js';
import { QueueProducer } from './queue-producer.js';
import { TicketEventsRepository } from './ticket-events.repository.js';

export const REPLY_MAX_CHARS = 20_000;

export interface ReplyRequest {
  body: string;
  /** An internal note stays on the timeline and never reaches the customer. */
  internal: boolean;
  author: { name: string; id?: string };
}

export interface ReplyResult {
  message: MessageEntity;
  deliveryId?: string;
  /** Every delivery queued (a chat reply may also go by email). */
  deliveryIds?: string[];
  suppressedReason?: string;
}

/** Agents write on tickets: public replies go out through the ticket's channel; notes stay inside. */
@Injectable()
export class RepliesService {
  private readonly logger = new Logger(RepliesService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly messages: MessagesRepository,
    private readonly events: TicketEventsRepository,
    private readonly notifier: CustomerNotifier,
    private readonly producer: QueueProducer,
  ) {}

  async reply(ticketNumber: string, request: ReplyRequest): Promise<ReplyResult> {
    const body = request.body.trim();
    if (!body) throw new InvalidInputError('body must not be empty');
    if (body.length > REPLY_MAX_CHARS) throw new InvalidInputError(`body must be at most ${REPLY_MAX_CHARS} characters`);

    const result = await this.dataSource.transaction(async (em) => {
      const ticket = await em.findOne(TicketEntity, { where: { number: ticketNumber }, lock: { mode: 'pessimistic_write' } });
      if (!ticket) throw new TicketNotFoundError(ticketNumber);
      const actor = { actorType: 'agent' as const, actorId: request.author.id ?? null };
      if (request.internal) {
        const note = await this.messages.insert(
          {
            ticketId: ticket.id,
            direction: 'outbound',
            channel: ticket.channel,
            externalId: `note-${randomUUID()}`,
            authorType: 'agent',
            authorContactId: null,
            authorName: request.author.name,
            fromAddress: null,
            internal: true,
            automated: false,
            subject: null,
            text: body,
            htmlSanitized: null,
            threadRefs: [],
            inboundItemId: null,
          },
          [],
          em,
        );
        await this.events.append(ticket.id, [{ type: 'note_added', ...actor, data: { messageId: note.id } }], em);
        return { message: note, deliveryIds: [] };
      }
      const contact = await em.findOneByOrFail(ContactEntity, { id: ticket.contactId });
      const queued = await this.notifier.queueReply(ticket, contact, body, { type: 'agent', name: request.author.name }, em);
      const firstResponse = ticket.firstResponseAt === null;
      await em.update(
        TicketEntity,
        { id: ticket.id },
        {
          ...(firstResponse ? { firstResponseAt: new Date() } : {}),
          ...(ticket.status === 'new' ? { status: 'open' as const } : {}),
        },
      );
      await this.events.append(
        ticket.id,
        [
          { type: 'reply_added', ...actor, data: { messageId: queued.message.id, channel: ticket.channel } },
          ...(firstResponse ? [{ type: 'first_response', ...actor, data: { messageId: queued.message.id } }] : []),
        ],
        em,
      );
      return queued;
    });

    // Already in the outbox: if Redis is down now, the recovery sweep sends it later.
    if (result.deliveryIds.length > 0) {
      await this.producer.enqueueDeliveries(result.deliveryIds).catch((error: Error) => {
        this.logger.warn(`reply ${result.message.id} stays in the outbox for the sweep: ${error.message}`);
      });
    }
    return result;
  }
}
