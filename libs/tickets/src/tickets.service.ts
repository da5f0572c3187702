import { Injectable } from '@nestjs/common';
import type { AttachmentEntity } from './entities/attachment.entity.js';
import type { MessageEntity } from './entities/message.entity.js';
import type { OutboundDeliveryEntity } from './entities/outbound-delivery.entity.js';
import type { TicketEventEntity } from './entities/ticket-event.entity.js';
import type { TicketEntity } from './entities/ticket.entity.js';
import { TicketNotFoundError } from './errors.js';
import { MessagesRepository } from './messages.repository.js';
import { OutboundDeliveriesRepository } from './outbound/outbound-deliveries.repository.js';
import { TicketEventsRepository } from './ticket-events.repository.js';
import { TicketsRepository, type TicketListFilter } from './tickets.repository.js';

export interface TicketTimeline {
  ticket: TicketEntity;
  messages: Array<{ message: MessageEntity; attachments: AttachmentEntity[]; delivery?: OutboundDeliveryEntity }>;
  events: TicketEventEntity[];
}

/** Read side of tickets: lists and the full timeline of one ticket across channels. */
@Injectable()
export class TicketsService {
  constructor(
    private readonly tickets: TicketsRepository,
    private readonly messages: MessagesRepository,
    private readonly events: TicketEventsRepository,
    private readonly deliveries: OutboundDeliveriesRepository,
  ) {}

  list(filter: TicketListFilter): Promise<{ items: TicketEntity[]; total: number }> {
    return this.tickets.list(filter);
  }

  async timeline(number: string): Promise<TicketTimeline> {
    const ticket = await this.tickets.findByNumber(number);
    if (!ticket) throw new TicketNotFoundError(number);
    const messages = await this.messages.listForTicket(ticket.id);
    const messageIds = messages.map((message) => message.id);
    const [attachments, deliveries, events] = await Promise.all([
      this.messages.listAttachments(messageIds),
      this.deliveries.listForMessages(messageIds),
      this.events.listForTicket(ticket.id),
    ]);
    return {
      ticket,
      messages: messages.map((message) => ({
        message,
        attachments: attachments.filter((attachment) => attachment.messageId === message.id),
        delivery: deliveries.find((delivery) => delivery.messageId === message.id),
      })),
      events,
    };
  }

  async attachment(number: string, attachmentId: string): Promise<AttachmentEntity> {
    const ticket = await this.tickets.findByNumber(number);
    const attachment = await this.messages.findAttachmentContent(attachmentId);
    const messages = ticket ? await this.messages.listForTicket(ticket.id) : [];
    if (!ticket || !attachment || !messages.some((message) => message.id === attachment.messageId)) {
      throw new TicketNotFoundError(`${number}/attachments/${attachmentId}`);
    }
    return attachment;
  }
}
