import { Injectable, Logger } from '@nestjs/common';
import type { Channel, ChannelSender, OutboundMessage } from '@app/channels';
import { BatchCollector } from '@app/platform';
import { SharedFiles } from '../attachments/shared-files.js';
import { SurveyLinks } from '../survey/survey-links.js';
import { DeliveryRefusedError } from '../errors.js';
import { VerificationLinks } from '../identity/verification-links.js';
import { TicketChangePublisher } from '../realtime/ticket-change-publisher.js';
import { SEVERITY_MEANINGS_ES, SEVERITY_NAMES_ES } from '../severity/severity.js';
import { TicketEventsRepository } from '../ticket-events.repository.js';
import { OutboundDeliveriesRepository, type DeliveryToSend, type FinishedDelivery } from './outbound-deliveries.repository.js';

export interface DeliveryAttempt {
  number: number;
  isLast: boolean;
}

/** `waiting`: not begun, an earlier delivery it must follow is still pending or another attempt is sending it; ask again later. */
export type DeliveryResult = 'sent' | 'held' | 'already_done' | 'waiting';

/** How long a delivery that must wait for an earlier one waits before it is tried again. */
export const DELIVERY_WAIT_MS = 5_000;

// The two database steps of a send are shared by the sends that reach them at the same time: the
// busier the outbox, the fewer statements per delivery. A lone send waits one event-loop turn.
const DATABASE_STEP = { maxItems: 64, maxWaitMs: 0, maxConcurrentFlushes: 2 };

/**
 * Sends one delivery of the outbox through its channel and records the result on the ticket. Reading
 * it and marking it begun, and recording how it ended, go with the other sends of the moment (one
 * statement each for all of them); the send itself is each delivery's own, so a slow provider holds
 * up nobody else, and a failed send is recorded alone, as the rare case it is.
 */
@Injectable()
export class OutboundService {
  private readonly logger = new Logger(OutboundService.name);
  private readonly starts = new BatchCollector<string, DeliveryToSend | null>({ ...DATABASE_STEP, flush: (ids) => this.startSending(ids) });
  /** Per recipient, the end of the last send begun (see `inTurn`). */
  private readonly lanes = new Map<string, Promise<void>>();
  private readonly finishes = new BatchCollector<FinishedDelivery, void>({ ...DATABASE_STEP, flush: (results) => this.finishSending(results) });

  constructor(
    private readonly deliveries: OutboundDeliveriesRepository,
    private readonly events: TicketEventsRepository,
    private readonly changes: TicketChangePublisher,
    private readonly verificationLinks: VerificationLinks,
    private readonly sharedFiles: SharedFiles,
    private readonly surveyLinks: SurveyLinks,
  ) {}

  /** Begun deliveries this process will not attempt after all, handed back for anyone to send at once (`giveUpUnattempted`); those given up. */
  giveUpUnattempted(deliveryIds: string[]): Promise<string[]> {
    return this.deliveries.giveUpUnattempted(deliveryIds);
  }

  async deliver(deliveryId: string, senderFor: (channel: Channel) => ChannelSender, attempt: DeliveryAttempt): Promise<DeliveryResult> {
    // Marks the sending as begun before the provider is called, so whatever happens next, a retry knows to look first.
    const toSend = await this.starts.add(deliveryId);
    if (!toSend || toSend.delivery.status !== 'pending') return 'already_done';
    // Waiting for an earlier delivery, or being sent by another attempt (a slow provider): asked again later.
    if (toSend.waitingFor || !toSend.claimed) return 'waiting';
    return this.sendBegun(toSend, senderFor, attempt);
  }

  /**
   * Sends a delivery already marked begun, as it was read then: `deliver` once it has read and marked
   * it, or the intake that wrote it begun (`SendsBegunHere`) right after its commit.
   */
  async sendBegun(toSend: DeliveryToSend, senderFor: (channel: Channel) => ChannelSender, attempt: DeliveryAttempt): Promise<'sent' | 'held'> {
    const { channel, recipient } = toSend.delivery;
    const finished = await this.inTurn(`${channel}:${recipient}`, () => this.send(toSend, senderFor, attempt));
    await this.finishes.add(finished);
    this.changes.publish({ number: toSend.ticket.number, tiers: [toSend.ticket.tier], kind: 'delivery' });
    return finished.status;
  }

  /**
   * Sends to one recipient on one channel go one after the other, in the order their jobs started
   * (the order they were queued): a resolution reaches the customer before the survey queued with it.
   * Across worker processes the survey waits for it in `startSending` instead.
   */
  private async inTurn<T>(lane: string, send: () => Promise<T>): Promise<T> {
    const mine = (this.lanes.get(lane) ?? Promise.resolve()).then(send);
    const settled = mine.then(
      () => undefined,
      () => undefined,
    );
    this.lanes.set(lane, settled);
    try {
      return await mine;
    } finally {
      if (this.lanes.get(lane) === settled) this.lanes.delete(lane);
    }
  }

  private async startSending(ids: string[]): Promise<Array<DeliveryToSend | null>> {
    const loaded = await this.deliveries.startSending([...new Set(ids)]);
    // The same delivery asked for twice at once is sent by the first asker only.
    return ids.map((id, index) => (ids.indexOf(id) === index ? (loaded.get(id) ?? null) : null));
  }

  private async finishSending(results: FinishedDelivery[]): Promise<void[]> {
    await this.deliveries.finish(results);
    return results.map(() => undefined);
  }

  /** Sends one delivery; how it ended is recorded by the caller with the others of its group, a failure here. */
  private async send({ delivery, message, ticket, verificationId }: DeliveryToSend, senderFor: (channel: Channel) => ChannelSender, attempt: DeliveryAttempt): Promise<FinishedDelivery> {
    const deliveryId = delivery.id;
    const held = (reason: string): FinishedDelivery => ({ id: deliveryId, ticketId: ticket.id, status: 'held', event: { type: 'delivery_held', data: { deliveryId, reason } } });
    // A survey asks how the resolution went: a ticket reopened (or merged) before it went out is not resolved.
    if (delivery.kind === 'survey' && ticket.status !== 'resolved') return held('el ticket ya no está resuelto: la encuesta no se envía');
    const outbound: OutboundMessage = {
      channel: delivery.channel,
      kind: delivery.kind,
      ticketNumber: ticket.number,
      recipient: delivery.recipient,
      subject: message.subject ?? `[${ticket.number}]`,
      text: message.text,
      html: message.htmlSanitized ?? '',
      externalId: message.externalId,
      // A copy on another channel (a chat reply also mailed) answers nothing that channel knows.
      threadRefs: delivery.channel === message.channel ? message.threadRefs : [],
      automatic: message.authorType === 'system',
      severity: ticket.severity,
      severityMeaning: SEVERITY_MEANINGS_ES[ticket.severity],
      severityName: SEVERITY_NAMES_ES[ticket.severity],
      authorName: message.authorName,
      writtenAt: message.createdAt,
      earlierAttemptAt: delivery.sendStartedAt,
    };

    try {
      // The timeline's copy of a verification mail or a survey has no working link: it is put in only now.
      const ready =
        delivery.kind === 'verification'
          ? await this.verificationLinks.complete(outbound, message.id, verificationId)
          : delivery.kind === 'survey'
            ? await this.surveyLinks.complete(outbound, message.id)
            : await this.withFiles(outbound, message.id);
      const result = await senderFor(delivery.channel).send(ready);
      if (result.status === 'held') {
        return held(result.reason);
      }
    } catch (error) {
      const permanent = error instanceof DeliveryRefusedError;
      const giveUp = permanent || attempt.isLast;
      const reason = error instanceof Error ? error.message : String(error);
      await this.deliveries.update(delivery.id, {
        attempts: attempt.number,
        lastError: reason.slice(0, 2_000),
        // This attempt is over: the next one need not wait for its lease.
        sendingUntil: null,
        ...(giveUp ? { status: 'failed' as const } : {}),
      });
      await this.events.append(ticket.id, [
        { type: 'delivery_failed', data: { deliveryId, kind: delivery.kind, attempt: attempt.number, error: reason, willRetry: !giveUp } },
      ]);
      this.logger.warn(`delivery ${deliveryId} attempt ${attempt.number} failed${giveUp ? ' for good' : ''}: ${reason}`);
      this.changes.publish({ number: ticket.number, tiers: [ticket.tier], kind: 'delivery' });
      throw error;
    }
    return {
      id: deliveryId,
      ticketId: ticket.id,
      status: 'sent',
      event: { type: `${delivery.kind}_sent`, data: { deliveryId, channel: delivery.channel, recipient: delivery.recipient, externalId: message.externalId } },
    };
  }

  /** An agent's files go with the reply: attached to mail, linked in chat (links are made fresh on each attempt). */
  private async withFiles(outbound: OutboundMessage, messageId: string): Promise<OutboundMessage> {
    if (outbound.kind !== 'reply') return outbound;
    const files = await this.sharedFiles.forDelivery(messageId, outbound.channel);
    return files.length > 0 ? { ...outbound, files } : outbound;
  }
}
