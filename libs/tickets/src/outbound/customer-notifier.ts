import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CORE_CONFIG } from '../config/core-config.token.js';
import type { CoreConfig } from '../config/core-config.js';
import type { Channel } from '../domain.js';
import type { ContactEntity } from '../entities/contact.entity.js';
import type { MessageEntity } from '../entities/message.entity.js';
import type { TicketEntity } from '../entities/ticket.entity.js';
import { MessagesRepository } from '../messages.repository.js';
import { renderConfirmation } from '../notifications/confirmation.template.js';
import { TicketEventsRepository } from '../ticket-events.repository.js';
import { newMessageId } from './message-id.js';
import { OutboundDeliveriesRepository } from './outbound-deliveries.repository.js';

const HOUR_MS = 3_600_000;

export type ConfirmationResult = { queued: true; deliveryId: string } | { queued: false; reason: string };

/**
 * Decides whether and where a customer is owed a message, and writes it into the outbox in the
 * caller's transaction (so a crash cannot separate the ticket from its confirmation).
 */
@Injectable()
export class CustomerNotifier {
  constructor(
    @Inject(CORE_CONFIG) private readonly config: CoreConfig,
    private readonly messages: MessagesRepository,
    private readonly deliveries: OutboundDeliveriesRepository,
    private readonly events: TicketEventsRepository,
  ) {}

  async queueConfirmation(
    ticket: TicketEntity,
    contact: ContactEntity,
    answering: MessageEntity,
    em: EntityManager,
  ): Promise<ConfirmationResult> {
    const recipient = this.recipientFor(ticket.channel, contact);
    const reason = recipient ? await this.suppressionReason(ticket.channel, recipient, contact, em) : 'no_address';
    if (reason || !recipient) {
      await this.events.append(ticket.id, [{ type: 'confirmation_suppressed', data: { reason } }], em);
      return { queued: false, reason: reason ?? 'no_address' };
    }

    const content = renderConfirmation({
      channel: ticket.channel,
      ticketNumber: ticket.number,
      severity: ticket.severity,
      customerName: contact.name,
      originalSubject: ticket.subject,
      attentionDueAt: ticket.attentionDueAt,
      solutionDueAt: ticket.solutionDueAt,
      policy: this.config.sla,
    });
    const message = await this.messages.insert(
      {
        ticketId: ticket.id,
        direction: 'outbound',
        channel: ticket.channel,
        externalId: this.outboundExternalId(ticket.channel),
        authorType: 'system',
        authorContactId: null,
        fromAddress: ticket.channel === 'email' ? this.config.supportEmail : null,
        internal: false,
        automated: true,
        subject: content.subject,
        text: content.text,
        htmlSanitized: content.html,
        threadRefs: [answering.externalId, ...answering.threadRefs],
        inboundItemId: null,
      },
      [],
      em,
    );
    const delivery = await this.deliveries.insertOnce(
      {
        ticketId: ticket.id,
        messageId: message.id,
        channel: ticket.channel,
        kind: 'confirmation',
        dedupeKey: `confirmation-${ticket.id}`,
        recipient,
      },
      em,
    );
    await this.events.append(
      ticket.id,
      [{ type: 'confirmation_queued', data: { deliveryId: delivery.id, channel: ticket.channel, recipient } }],
      em,
    );
    return { queued: true, deliveryId: delivery.id };
  }

  /** Why no confirmation may go out: a dead address, or a sender we already answered too often (a loop). */
  private async suppressionReason(
    channel: Channel,
    recipient: string,
    contact: ContactEntity,
    em: EntityManager,
  ): Promise<string | undefined> {
    if (channel === 'email' && contact.emailUndeliverableAt) return 'address_undeliverable';
    const recent = await this.deliveries.countRecent(recipient, 'confirmation', HOUR_MS, em);
    return recent >= this.config.confirmationsPerSenderPerHour ? 'rate_limited' : undefined;
  }

  private recipientFor(channel: Channel, contact: ContactEntity): string | null {
    switch (channel) {
      case 'email':
        return contact.email;
      case 'phone':
        return contact.phone;
      case 'chat':
        return contact.email;
    }
  }

  private outboundExternalId(channel: Channel): string {
    return channel === 'email' ? newMessageId(this.config.supportEmail) : `out-${randomUUID()}`;
  }
}
