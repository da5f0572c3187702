import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { InboundAttachment } from '@app/channels';
import type { Tier } from './domain.js';
import { ContactsRepository } from './contacts.repository.js';
import type { MessageEntity } from './entities/message.entity.js';
import { ConflictError, ForbiddenActionError, InvalidInputError, TicketNotFoundError } from './errors.js';
import { MessagesRepository } from './messages.repository.js';
import { renderReply } from './notifications/reply.template.js';
import { CustomerNotifier } from './outbound/customer-notifier.js';
import { assertFitsSms } from './outbound/sms-fit.js';
import { QueueProducer } from './queue-producer.js';
import { TicketChangePublisher } from './realtime/ticket-change-publisher.js';
import { SlaClocksService } from './sla/sla-clocks.service.js';
import { TicketEventsRepository } from './ticket-events.repository.js';
import { TicketsRepository } from './tickets.repository.js';
import type { Actor } from './workflow/actor.js';
import { deniedReason } from './workflow/ticket-permissions.js';

export const REPLY_MAX_CHARS = 20_000;

export interface ReplyRequest {
  body: string;
  /** An internal note stays on the timeline and never reaches the customer. */
  internal: boolean;
  /** The ticket version the agent was looking at; newer messages from others make the reply wait (409). */
  baseVersion?: string;
  /** Send even though the timeline changed since `baseVersion`. */
  force?: boolean;
  /** Files sent with it (already checked: type by content, size): mail attaches them, chat links them. */
  files?: ReplyFile[];
}

export interface ReplyFile {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface ReplyResult {
  message: MessageEntity;
  tier: Tier;
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
    private readonly tickets: TicketsRepository,
    private readonly contacts: ContactsRepository,
    private readonly messages: MessagesRepository,
    private readonly events: TicketEventsRepository,
    private readonly notifier: CustomerNotifier,
    private readonly producer: QueueProducer,
    private readonly changes: TicketChangePublisher,
    private readonly clocks: SlaClocksService,
  ) {}

  async reply(ticketNumber: string, actor: Actor, request: ReplyRequest): Promise<ReplyResult> {
    const files: InboundAttachment[] = (request.files ?? []).map((file) => ({ ...file, sizeBytes: file.content.length, inline: false }));
    // A file alone is a reply too: its text says what it is.
    const body = request.body.trim() || (files.length > 0 ? `Archivo adjunto: ${files.map((file) => file.filename).join(', ')}` : '');
    if (!body) throw new InvalidInputError('Escribe el mensaje (body).');
    if (body.length > REPLY_MAX_CHARS) throw new InvalidInputError(`El mensaje (body) debe tener como máximo ${REPLY_MAX_CHARS} caracteres.`);

    const result = await this.dataSource.transaction(async (em) => {
      const ticket = await this.tickets.findRowByNumber(ticketNumber, { lock: true }, em);
      if (!ticket) throw new TicketNotFoundError(ticketNumber);
      const denied = deniedReason(actor, request.internal ? 'note' : 'reply', ticket);
      if (denied) throw new ForbiddenActionError(denied);
      if (ticket.status === 'merged') throw new ConflictError('El ticket se fusionó: escribe en el ticket en el que quedó.');
      // An SMS carries no file, and a link in an SMS to an unknown number is what phishing looks like.
      if (files.length > 0 && !request.internal && ticket.channel === 'phone') {
        throw new InvalidInputError('Las respuestas por SMS no llevan archivos: adjúntalo a una nota interna o escríbele al cliente por correo.', 'attachment_phone');
      }
      if (!request.internal) assertFitsSms(ticket.channel, renderReply({ channel: ticket.channel, ticketNumber: ticket.number, subject: ticket.subject, body, agentName: actor.name }), 'el mensaje (body)');
      if (request.baseVersion !== undefined && !request.force) await this.refuseIfChanged(ticket.id, actor, request.baseVersion, em);
      const author = { actorType: 'agent' as const, actorId: actor.id };
      if (request.internal) {
        const note = await this.messages.insert(
          {
            ticketId: ticket.id,
            direction: 'outbound',
            channel: ticket.channel,
            externalId: `note-${randomUUID()}`,
            authorType: 'agent',
            authorAgentId: actor.id,
            authorName: actor.name,
            internal: true,
            text: body,
          },
          files,
          em,
        );
        await this.events.append(ticket.id, [{ type: 'note_added', ...author, data: { messageId: note.id } }], em);
        return { message: note, tier: ticket.tier, deliveryIds: [] };
      }
      const contact = await this.contacts.getById(ticket.contactId, em);
      const queued = await this.notifier.queueReply(ticket, contact, body, { type: 'agent', name: actor.name, id: actor.id }, em, files);
      const firstResponse = ticket.firstResponseAt === null;
      // Writing to the customer counts as their update: the next one is owed a full cadence later.
      await this.clocks.restartUpdateCadence(ticket.id, new Date(), em);
      await this.tickets.update(
        ticket.id,
        {
          ...(firstResponse ? { firstResponseAt: new Date() } : {}),
          ...(ticket.status === 'new' ? { status: 'open' as const } : {}),
        },
        em,
      );
      await this.events.append(
        ticket.id,
        [
          { type: 'reply_added', ...author, data: { messageId: queued.message.id, channel: ticket.channel } },
          ...(firstResponse ? [{ type: 'first_response', ...author, data: { messageId: queued.message.id } }] : []),
        ],
        em,
      );
      return { ...queued, tier: ticket.tier };
    });

    this.changes.publish({ number: ticketNumber, tiers: [result.tier], kind: 'message' });
    // Already in the outbox: if Redis is down now, the recovery sweep sends it later.
    if (result.deliveryIds.length > 0) {
      await this.producer.enqueueDeliveries(result.deliveryIds).catch((error: Error) => {
        this.logger.warn(`reply ${result.message.id} stays in the outbox for the sweep: ${error.message}`);
      });
    }
    return result;
  }

  /** Collision check: someone else wrote on the ticket (customer or agent) since the agent loaded it. */
  private async refuseIfChanged(ticketId: string, actor: Actor, baseVersion: string, em: EntityManager): Promise<void> {
    if (!/^\d+$/.test(baseVersion)) throw new InvalidInputError('baseVersion debe ser el número de versión del ticket.');
    const row = await this.events.countWrittenByOthersSince(ticketId, baseVersion, actor.id, em);
    if (row.changes > 0) {
      throw new ConflictError(
        `El ticket cambió mientras escribías (${row.changes} entradas nuevas): revisa el historial antes de enviar.`,
        { reason: 'timeline_changed', newEntries: row.changes },
        'timeline_changed',
      );
    }
  }
}
