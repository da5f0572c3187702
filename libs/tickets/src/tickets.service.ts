import { Injectable } from '@nestjs/common';
import { TIERS } from './domain.js';
import type { AttachmentEntity } from './entities/attachment.entity.js';
import type { MessageEntity } from './entities/message.entity.js';
import type { OutboundDeliveryEntity } from './entities/outbound-delivery.entity.js';
import type { TicketEventEntity } from './entities/ticket-event.entity.js';
import type { TicketEntity } from './entities/ticket.entity.js';
import { NotFoundError, TicketNotFoundError } from './errors.js';
import { ContactsRepository } from './contacts.repository.js';
import type { ContactEntity } from './entities/contact.entity.js';
import { MessagesRepository } from './messages.repository.js';
import { OutboundDeliveriesRepository } from './outbound/outbound-deliveries.repository.js';
import { TicketEventsRepository } from './ticket-events.repository.js';
import { TicketsRepository, type TicketListFilter } from './tickets.repository.js';
import type { Actor } from './workflow/actor.js';
import { tiersVisibleTo } from './workflow/ticket-permissions.js';
import { TicketWorkflowService } from './workflow/ticket-workflow.service.js';

export interface TicketTimeline {
  ticket: TicketEntity;
  /** Id of the latest event: a reply written against an older version may have missed something. */
  version: string;
  mergedIntoNumber?: string;
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
    private readonly workflow: TicketWorkflowService,
    private readonly contacts: ContactsRepository,
  ) {}

  /** Tickets the actor's tier may see, filtered. */
  list(actor: Actor, filter: Omit<TicketListFilter, 'tiers'>): Promise<{ items: TicketEntity[]; total: number }> {
    return this.tickets.list({ ...filter, tiers: tiersVisibleTo(actor) });
  }

  async timeline(number: string, actor: Actor): Promise<TicketTimeline> {
    await this.workflow.authorize(number, actor, 'view');
    const ticket = await this.tickets.findByNumber(number);
    if (!ticket) throw new TicketNotFoundError(number);
    // Events first: a delivery's status and its event commit together, so what the events say was
    // sent is sent in the deliveries read after them (read side by side, the two could disagree).
    const events = await this.events.listForTicket(ticket.id);
    const messages = await this.messages.listForTicket(ticket.id);
    const messageIds = messages.map((message) => message.id);
    const [attachments, deliveries] = await Promise.all([this.messages.listAttachments(messageIds), this.deliveries.listForMessages(messageIds)]);
    const mergedInto = ticket.mergedIntoId ? await this.tickets.findById(ticket.mergedIntoId) : null;
    return {
      ticket,
      version: events.at(-1)?.id ?? '0',
      mergedIntoNumber: mergedInto?.number,
      messages: messages.map((message) => ({
        message,
        attachments: attachments.filter((attachment) => attachment.messageId === message.id),
        delivery: deliveries.find((delivery) => delivery.messageId === message.id),
      })),
      events,
    };
  }

  /**
   * A person across channels: the contact and every ticket of theirs the actor may see. A contact
   * with none the actor may see does not exist for them (their details are the customer's, not L3's).
   */
  async contact(contactId: string, actor: Actor): Promise<{ contact: ContactEntity; tickets: TicketEntity[] }> {
    const contact = await this.contacts.findById(contactId);
    const { items } = contact ? await this.list(actor, { contactId, sort: 'newest', limit: 200, offset: 0 }) : { items: [] };
    const seesEveryTier = tiersVisibleTo(actor).length === TIERS.length;
    if (!contact || (items.length === 0 && !seesEveryTier)) throw new NotFoundError(`El contacto ${contactId} no existe.`);
    return { contact, tickets: items };
  }

  async attachment(number: string, attachmentId: string, actor: Actor): Promise<AttachmentEntity> {
    await this.workflow.authorize(number, actor, 'view');
    const ticket = await this.tickets.findByNumber(number);
    const attachment = await this.messages.findAttachmentContent(attachmentId);
    const messages = ticket ? await this.messages.listForTicket(ticket.id) : [];
    if (!ticket) throw new TicketNotFoundError(number);
    if (!attachment || !messages.some((message) => message.id === attachment.messageId)) {
      throw new NotFoundError(`El ticket ${ticket.number} no tiene el adjunto ${attachmentId}.`, 'attachment_not_found');
    }
    return attachment;
  }
}
