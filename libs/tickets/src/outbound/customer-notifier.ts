import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Channel, InboundAttachment, InboundMessage } from '@app/channels';
import { newMessageId, type PreparedRead } from '@app/platform';
import { CORE_CONFIG } from '../config/core-config.token.js';
import type { CoreConfig } from '../config/core-config.js';
import { mailAddressOf, type ContactEntity } from '../entities/contact.entity.js';
import type { MessageEntity } from '../entities/message.entity.js';
import type { DeliveryKind } from '../entities/outbound-delivery.entity.js';
import type { TicketEntity } from '../entities/ticket.entity.js';
import { MaintenanceWindowsRepository } from '../maintenance/maintenance-windows.repository.js';
import { MessagesRepository } from '../messages.repository.js';
import { renderConfirmation, type ConfirmationInput } from '../notifications/confirmation.template.js';
import type { RenderedMessage } from '../notifications/rendered-message.js';
import { renderReply } from '../notifications/reply.template.js';
import { TicketEventsRepository } from '../ticket-events.repository.js';
import { OutboundDeliveriesRepository, type NewDelivery } from './outbound-deliveries.repository.js';
import { ReplyRouting } from './reply-routing.js';
import { SendsBegunHere } from './sends-begun-here.js';
import { callConfirmationKey, ticketConfirmationKey } from './confirmation-keys.js';

const HOUR_MS = 3_600_000;

/** Who a message to the customer comes from: the system (confirmations) or an agent. */
export type AgentAuthor = { type: 'agent'; name: string; id?: string };
export type OutboundAuthor = { type: 'system' } | AgentAuthor;

export interface QueuedMessage {
  message: MessageEntity;
  /** The delivery on the ticket's channel; absent when it may not be sent (`suppressedReason` says why). */
  deliveryId?: string;
  /** Every delivery queued for the message (a chat reply may also go by email). */
  deliveryIds: string[];
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
    private readonly windows: MaintenanceWindowsRepository,
    private readonly routing: ReplyRouting,
    private readonly begunHere: SendsBegunHere,
  ) {}

  /** The confirmation the support process promises: ticket number, severity and what comes next. */
  async queueConfirmation(
    ticket: TicketEntity,
    contact: ContactEntity,
    answering: MessageEntity,
    em: EntityManager,
    /** The claimed address a verification link was just mailed to: the confirmation says so. */
    verificationSentTo?: string,
    /** The open incident the report was linked to at intake: the confirmation says the failure is known. */
    knownIncident?: ConfirmationInput['knownIncident'],
  ): Promise<QueuedMessage> {
    const content = renderConfirmation({ ...(await this.confirmationInput(ticket, contact, ticket.channel)), verificationSentTo, knownIncident });
    return this.queue(
      // Only a ticket opened in this transaction is confirmed so: its key cannot exist yet.
      { ticket, contact, kind: 'confirmation', dedupeKey: ticketConfirmationKey(ticket.id), freshKey: true, content, author: { type: 'system' } },
      [answering.externalId, ...answering.threadRefs],
      [ticket.channel],
      em,
    );
  }

  /** The mail that asks the owner of a chat's claimed address to confirm it (its link, made from `verificationId`, is filled in when sent). */
  queueVerification(ticket: TicketEntity, contact: ContactEntity, email: string, content: RenderedMessage, verificationId: string, em: EntityManager): Promise<QueuedMessage> {
    const dedupeKey = `verification-${verificationId}`;
    const draft = { ticket, contact, kind: 'verification' as const, dedupeKey, freshKey: true, content, author: { type: 'system' as const }, recipient: email, verificationId };
    return this.queue(draft, [], ['email'], em);
  }

  /** A call added to an existing ticket is confirmed by SMS to the caller, whatever channel the ticket came from. */
  async queueCallConfirmation(ticket: TicketEntity, contact: ContactEntity, callerPhone: string, callSid: string, em: EntityManager): Promise<QueuedMessage> {
    const content = renderConfirmation({ ...(await this.confirmationInput(ticket, contact, 'phone')), addedToExisting: true });
    const draft = { ticket, contact, kind: 'confirmation' as const, dedupeKey: callConfirmationKey(callSid), content, author: { type: 'system' as const } };
    return this.queue({ ...draft, recipient: callerPhone }, [], ['phone'], em);
  }

  private async confirmationInput(ticket: TicketEntity, contact: ContactEntity, channel: Channel): Promise<ConfirmationInput> {
    const maintenance = await this.windows.activeAt(new Date());
    return {
      channel,
      ticketNumber: ticket.number,
      severity: ticket.severity,
      customerName: contact.name,
      originalSubject: ticket.subject,
      attentionDueAt: ticket.attentionDueAt,
      solutionDueAt: ticket.solutionDueAt,
      attentionMinutes: this.config.sla.attentionMinutes[ticket.severity],
      solutionMinutes: this.config.sla.solutionMinutes[ticket.severity],
      maintenanceUntil: maintenance?.endsAt,
    };
  }

  /** An agent's public reply, threaded after the customer's latest message. */
  queueReply(ticket: TicketEntity, contact: ContactEntity, body: string, author: AgentAuthor, em: EntityManager, files: InboundAttachment[] = []): Promise<QueuedMessage> {
    const content = renderReply({ channel: ticket.channel, ticketNumber: ticket.number, subject: ticket.subject, body, agentName: author.name });
    return this.queueNotice(ticket, contact, 'reply', content, author, em, undefined, files);
  }

  /** A message about the ticket (reply, severity change, resolution...), threaded after the customer's latest one. */
  async queueNotice(
    ticket: TicketEntity,
    contact: ContactEntity,
    kind: Exclude<DeliveryKind, 'confirmation'>,
    content: RenderedMessage,
    author: OutboundAuthor,
    em: EntityManager,
    /** Makes the notice once-only (e.g. one status update per due moment); random when absent. */
    dedupeKey = `${kind}-${randomUUID()}`,
    /** Files that go with it (an agent's reply). */
    files: InboundAttachment[] = [],
  ): Promise<QueuedMessage> {
    const latest = await this.messages.findLatestInbound(ticket.id, ticket.channel, em);
    const threadRefs = latest ? [latest.externalId, ...latest.threadRefs] : [];
    const channels = await this.routing.channelsFor(ticket, contact);
    return this.queue({ ticket, contact, kind, dedupeKey, content, author, files }, threadRefs, channels, em);
  }

  private async queue(
    draft: {
      ticket: TicketEntity;
      contact: ContactEntity;
      kind: DeliveryKind;
      dedupeKey: string;
      /** The key names something this transaction made: no delivery can have it yet (one may be held for a group). */
      freshKey?: boolean;
      content: RenderedMessage;
      author: OutboundAuthor;
      /** Who to reach on the first channel, when not the ticket's own contact point (a call on an email ticket is confirmed by SMS). */
      recipient?: string;
      files?: InboundAttachment[];
      /** A verification mail's link (its token is derived from this id). */
      verificationId?: string;
    },
    threadRefs: string[],
    channels: Channel[],
    em: EntityManager,
  ): Promise<QueuedMessage> {
    const { ticket, contact, kind, content, author } = draft;
    // The message lives on the channel it goes out on first (a call confirmation is an SMS).
    const channel = channels[0] ?? ticket.channel;
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
      draft.files ?? [],
      em,
    );
    const deliveryIds: string[] = [];
    let suppressedReason: string | undefined;
    for (const [index, channel] of channels.entries()) {
      const recipient = index === 0 && draft.recipient ? draft.recipient : this.recipientFor(channel, ticket, contact);
      const reason = recipient ? await this.suppressionReason(channel, kind, recipient, contact, em) : 'no_address';
      if (reason || !recipient) {
        await this.events.append(ticket.id, [{ type: `${kind}_suppressed`, data: { reason, channel, messageId: message.id } }], em);
        if (index === 0) suppressedReason = reason ?? 'no_address';
        continue;
      }
      // The first channel keeps the plain key (one confirmation per ticket); extra channels derive theirs.
      const dedupeKey = index === 0 ? draft.dedupeKey : `${draft.dedupeKey}-${channel}`;
      const row = { ticketId: ticket.id, messageId: message.id, channel, kind, dedupeKey, recipient };
      const delivery = draft.freshKey ? await this.insertFresh(row, draft, message, em) : await this.deliveries.insertOnce(row, em);
      await this.events.append(
        ticket.id,
        [{ type: `${kind}_queued`, data: { deliveryId: delivery.id, messageId: message.id, channel, recipient } }],
        em,
      );
      deliveryIds.push(delivery.id);
    }
    return { message, deliveryId: suppressedReason ? undefined : deliveryIds[0], deliveryIds, suppressedReason };
  }

  /** A delivery whose key is new; what a new ticket owes (its confirmation, a verification mail) may be written begun, to go from here right after the commit. */
  private async insertFresh(
    row: NewDelivery,
    draft: { ticket: TicketEntity; verificationId?: string },
    message: MessageEntity,
    em: EntityManager,
  ): Promise<{ id: string }> {
    const begun = (row.kind === 'confirmation' || row.kind === 'verification') && this.begunHere.claim(em, row.channel);
    const delivery = await this.deliveries.insertNew(row, em, begun);
    if (begun) {
      // Read as a send's start reads it: before this attempt, so no earlier one is looked for at the provider.
      const unstarted = { ...delivery, sendStartedAt: null };
      this.begunHere.add(em, { delivery: unstarted, message, ticket: draft.ticket, verificationId: draft.verificationId ?? null, waitingFor: null, claimed: true });
    }
    return delivery;
  }

  /**
   * The statements that lock and read, for a group of messages being ingested together, the counts
   * the limits below may need for their senders' addresses (for `readTogether`): two statements for
   * the group instead of two per confirmation.
   */
  senderCountReads(senders: Array<InboundMessage['from']>, em: EntityManager): Array<PreparedRead<void>> {
    const pairs = senders.flatMap((from): Array<{ kind: DeliveryKind; recipient: string }> => [
      ...(from.email ? [{ kind: from.unverified ? ('verification' as const) : ('confirmation' as const), recipient: from.email.toLowerCase() }] : []),
      ...(from.phone ? [{ kind: 'confirmation' as const, recipient: from.phone }] : []),
    ]);
    return this.deliveries.recentCountReads(pairs, HOUR_MS, em);
  }

  /**
   * Why nothing may go out: a dead address, or (confirmations) a sender we answered too often: a
   * loop; or (verification mails) an address someone keeps claiming: a way to flood a stranger.
   */
  private async suppressionReason(
    channel: Channel,
    kind: DeliveryKind,
    recipient: string,
    contact: ContactEntity,
    em: EntityManager,
  ): Promise<string | undefined> {
    if (channel === 'email' && contact.emailUndeliverableAt) return 'address_undeliverable';
    if (kind !== 'confirmation' && kind !== 'verification') return undefined;
    // A chat conversation opens one ticket and confirms it once: it cannot loop, and counting costs two statements per start.
    if (channel === 'chat' && kind === 'confirmation') return undefined;
    // Mails from one sender are ingested concurrently: count them one at a time, or all pass the limit.
    const recent = await this.deliveries.lockAndCountRecent(kind, recipient, HOUR_MS, em);
    return recent >= this.config.confirmationsPerSenderPerHour ? 'rate_limited' : undefined;
  }

  /**
   * Why a notice on the ticket's own channel would not reach the customer now (what `queueNotice`
   * records as suppressed), or undefined: counted before an incident's update is sent.
   */
  unreachableReason(ticket: TicketEntity, contact: ContactEntity): 'no_address' | 'address_undeliverable' | undefined {
    if (!this.recipientFor(ticket.channel, ticket, contact)) return 'no_address';
    return ticket.channel === 'email' && contact.emailUndeliverableAt ? 'address_undeliverable' : undefined;
  }

  /** Where a channel reaches the customer: their address, their number, or the ticket's chat conversation. */
  private recipientFor(channel: Channel, ticket: TicketEntity, contact: ContactEntity): string | null {
    switch (channel) {
      case 'email':
        return mailAddressOf(contact);
      case 'phone':
        return contact.phone;
      case 'chat':
        return ticket.conversationRef;
    }
  }

  // Chat messages get a Message-ID too: a chat reply may also go out by email.
  private outboundExternalId(channel: Channel): string {
    return channel === 'phone' ? `out-${randomUUID()}` : newMessageId(this.config.supportEmail);
  }
}
