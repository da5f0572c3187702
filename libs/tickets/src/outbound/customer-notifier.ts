import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CORE_CONFIG } from '../config/core-config.token.js';
import type { CoreConfig } from '../config/core-config.js';
import type { Channel } from '../domain.js';
import type { ContactEntity } from '../entities/contact.entity.js';
import type { MessageEntity } from '../entities/message.entity.js';
import type { DeliveryKind } from '../entities/outbound-delivery.entity.js';
import type { TicketEntity } from '../entities/ticket.entity.js';
import { MessagesRepository } from '../messages.repository.js';
import { renderConfirmation, type ConfirmationInput } from '../notifications/confirmation.template.js';
import type { RenderedMessage } from '../notifications/rendered-message.js';
import { renderReply } from '../notifications/reply.template.js';
import { TicketEventsRepository } from '../ticket-events.repository.js';
import { newMessageId } from './message-id.js';
import { OutboundDeliveriesRepository } from './outbound-deliveries.repository.js';

const HOUR_MS = 3_600_000;

/** Who a message to the customer comes from: the system (confirmations) or an agent. */
export type AgentAuthor = { type: 'agent'; name: string; id?: string };
export type OutboundAuthor = { type: 'system' } | AgentAuthor;

export interface QueuedMessage {
  message: MessageEntity;
  /** Absent when nothing could be sent (`suppressedReason` says why); the message stays on the timeline. */
  deliveryId?: string;
  suppressedReason?: string;
}

/**
 * Writes what a customer is owed (the message on the timeline and its delivery in the outbox) in
 * the caller's transaction, so a crash cannot separate a ticket change from the message it owes.
 */
@Injectable()
export class CustomerNotifier {
  constructor(
    @Inject(CORE_CONFIG) private readonly config: CoreConfig,
    private readonly messages: MessagesRepository,
    private readonly deliveries: OutboundDeliveriesRepository,
    private readonly events: TicketEventsRepository,
  ) {}

  /** The confirmation the support process promises: ticket number, severity and what comes next. */
  queueConfirmation(ticket: TicketEntity, contact: ContactEntity, answering: MessageEntity, em: EntityManager): Promise<QueuedMessage> {
    const content = renderConfirmation(this.confirmationInput(ticket, contact, ticket.channel));
    return this.queue(
      { ticket, contact, kind: 'confirmation', dedupeKey: `confirmation-${ticket.id}`, content, author: { type: 'system' } },
      [answering.externalId, ...answering.threadRefs],
      em,
    );
  }

  /** A call added to an existing ticket is confirmed by SMS to the caller, whatever channel the ticket came from. */
  queueCallConfirmation(ticket: TicketEntity, contact: ContactEntity, callerPhone: string, callSid: string, em: EntityManager): Promise<QueuedMessage> {
    const content = renderConfirmation({ ...this.confirmationInput(ticket, contact, 'phone'), addedToExisting: true });
    const draft = { ticket, contact, kind: 'confirmation' as const, dedupeKey: `confirmation-call-${callSid}`, content, author: { type: 'system' as const } };
    return this.queue({ ...draft, channel: 'phone', recipient: callerPhone }, [], em);
  }

  private confirmationInput(ticket: TicketEntity, contact: ContactEntity, channel: Channel): ConfirmationInput {
    return {
      channel,
      ticketNumber: ticket.number,
      severity: ticket.severity,
      customerName: contact.name,
      originalSubject: ticket.subject,
      attentionDueAt: ticket.attentionDueAt,
      solutionDueAt: ticket.solutionDueAt,
      policy: this.config.sla,
    };
  }

  /** An agent's public reply, threaded after the customer's latest message. */
  queueReply(ticket: TicketEntity, contact: ContactEntity, body: string, author: AgentAuthor, em: EntityManager): Promise<QueuedMessage> {
    const content = renderReply({ ticketNumber: ticket.number, subject: ticket.subject, body, agentName: author.name });
    return this.queueNotice(ticket, contact, 'reply', content, author, em);
  }

  /** A message about the ticket (reply, severity change, resolution...), threaded after the customer's latest one. */
  async queueNotice(
    ticket: TicketEntity,
    contact: ContactEntity,
    kind: Exclude<DeliveryKind, 'confirmation'>,
    content: RenderedMessage,
    author: OutboundAuthor,
    em: EntityManager,
  ): Promise<QueuedMessage> {
    const latest = await this.messages.findLatestInbound(ticket.id, ticket.channel, em);
    const threadRefs = latest ? [latest.externalId, ...latest.threadRefs] : [];
    return this.queue({ ticket, contact, kind, dedupeKey: `${kind}-${randomUUID()}`, content, author }, threadRefs, em);
  }

  private async queue(
    draft: {
      ticket: TicketEntity;
      contact: ContactEntity;
      kind: DeliveryKind;
      dedupeKey: string;
      content: RenderedMessage;
      author: OutboundAuthor;
      /** Another channel than the ticket's, and who to reach there (a call on an email ticket is confirmed by SMS). */
      channel?: Channel;
      recipient?: string;
    },
    threadRefs: string[],
    em: EntityManager,
  ): Promise<QueuedMessage> {
    const { ticket, contact, kind, content, author } = draft;
    const channel = draft.channel ?? ticket.channel;
    const message = await this.messages.insert(
      {
        ticketId: ticket.id,
        direction: 'outbound',
        channel,
        externalId: this.outboundExternalId(channel),
        authorType: author.type,
        authorAgentId: author.type === 'agent' ? (author.id ?? null) : null,
        authorName: author.type === 'agent' ? author.name : null,
        fromAddress: channel === 'email' ? this.config.supportEmail : null,
        automated: author.type === 'system',
        subject: content.subject,
        text: content.text,
        htmlSanitized: content.html,
        threadRefs,
      },
      [],
      em,
    );
    const recipient = draft.recipient ?? this.recipientFor(ticket, contact);
    const suppressedReason = recipient ? await this.suppressionReason(channel, kind, recipient, contact, em) : 'no_address';
    if (suppressedReason || !recipient) {
      await this.events.append(ticket.id, [{ type: `${kind}_suppressed`, data: { reason: suppressedReason, messageId: message.id } }], em);
      return { message, suppressedReason: suppressedReason ?? 'no_address' };
    }
    const delivery = await this.deliveries.insertOnce(
      { ticketId: ticket.id, messageId: message.id, channel, kind, dedupeKey: draft.dedupeKey, recipient },
      em,
    );
    await this.events.append(
      ticket.id,
      [{ type: `${kind}_queued`, data: { deliveryId: delivery.id, messageId: message.id, channel, recipient } }],
      em,
    );
    return { message, deliveryId: delivery.id };
  }

  /** Why nothing may go out: a dead address, or (confirmations) a sender we answered too often: a loop. */
  private async suppressionReason(
    channel: Channel,
    kind: DeliveryKind,
    recipient: string,
    contact: ContactEntity,
    em: EntityManager,
  ): Promise<string | undefined> {
    if (channel === 'email' && contact.emailUndeliverableAt) return 'address_undeliverable';
    if (kind !== 'confirmation') return undefined;
    // Mails from one sender are ingested concurrently: count them one at a time, or all pass the limit.
    await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`confirmation-rate:${recipient}`]);
    const recent = await this.deliveries.countRecent(recipient, 'confirmation', HOUR_MS, em);
    return recent >= this.config.confirmationsPerSenderPerHour ? 'rate_limited' : undefined;
  }

  /** Where the ticket's channel reaches the customer: their address, their number, or the chat conversation. */
  private recipientFor(ticket: TicketEntity, contact: ContactEntity): string | null {
    switch (ticket.channel) {
      case 'email':
        return contact.email;
      case 'phone':
        return contact.phone;
      case 'chat':
        return ticket.conversationRef;
    }
  }

  private outboundExternalId(channel: Channel): string {
    return channel === 'email' ? newMessageId(this.config.supportEmail) : `out-${randomUUID()}`;
  }
}
