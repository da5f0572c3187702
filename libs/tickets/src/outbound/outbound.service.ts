import { Injectable, Logger } from '@nestjs/common';
import type { Channel, ChannelSender, OutboundMessage } from '@app/channels';
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

export type DeliveryResult = 'sent' | 'held' | 'already_done';

/** One delivery to send, on which attempt. */
export interface DeliveryRequest {
  deliveryId: string;
  attempt: DeliveryAttempt;
}

/**
 * Sends deliveries of the outbox through their channels and records the results on the tickets. A
 * group of deliveries (the jobs the worker runs at the same time) is read and marked begun with one
 * statement and recorded with one more, while each is sent on its own: one failing send fails only
 * itself (its failure is recorded alone, as the rare case it is).
 */
@Injectable()
export class OutboundService {
  private readonly logger = new Logger(OutboundService.name);

  constructor(
    private readonly deliveries: OutboundDeliveriesRepository,
    private readonly events: TicketEventsRepository,
    private readonly changes: TicketChangePublisher,
    private readonly verificationLinks: VerificationLinks,
    private readonly sharedFiles: SharedFiles,
    private readonly surveyLinks: SurveyLinks,
  ) {}

  async deliver(deliveryId: string, senderFor: (channel: Channel) => ChannelSender, attempt: DeliveryAttempt): Promise<DeliveryResult> {
    const [result] = await this.deliverMany([{ deliveryId, attempt }], senderFor);
    if (result instanceof Error) throw result;
    return result!;
  }

  /** One result per request, in order: what happened, or the error its send failed with (the job retries it). */
  async deliverMany(requests: DeliveryRequest[], senderFor: (channel: Channel) => ChannelSender): Promise<Array<DeliveryResult | Error>> {
    // Marks the sending as begun before the provider is called, so whatever happens next, a retry knows to look first.
    const loaded = await this.deliveries.startSending([...new Set(requests.map((request) => request.deliveryId))]);
    const finished: FinishedDelivery[] = [];
    const claimed = new Set<string>();
    const results = await Promise.all(
      requests.map(async ({ deliveryId, attempt }): Promise<DeliveryResult | Error> => {
        const toSend = loaded.get(deliveryId);
        // A delivery asked for twice in one group is sent by the first request.
        if (!toSend || toSend.delivery.status !== 'pending' || claimed.has(deliveryId)) return 'already_done';
        claimed.add(deliveryId);
        try {
          const result = await this.send(toSend, senderFor, attempt);
          finished.push(result);
          return result.status;
        } catch (error) {
          return error instanceof Error ? error : new Error(String(error));
        }
      }),
    );
    await this.deliveries.finish(finished);
    const changed = new Map(finished.map((done) => [loaded.get(done.id)!.ticket.number, loaded.get(done.id)!.ticket.tier]));
    for (const [number, tier] of changed) this.changes.publish({ number, tiers: [tier], kind: 'delivery' });
    return results;
  }

  /** Sends one delivery; how it ended is recorded by the caller with the others of its group, a failure here. */
  private async send({ delivery, message, ticket, verificationId }: DeliveryToSend, senderFor: (channel: Channel) => ChannelSender, attempt: DeliveryAttempt): Promise<FinishedDelivery> {
    const deliveryId = delivery.id;
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
        return { id: deliveryId, ticketId: ticket.id, status: 'held', event: { type: 'delivery_held', data: { deliveryId, reason: result.reason } } };
      }
    } catch (error) {
      const permanent = error instanceof DeliveryRefusedError;
      const giveUp = permanent || attempt.isLast;
      const reason = error instanceof Error ? error.message : String(error);
      await this.deliveries.update(delivery.id, {
        attempts: attempt.number,
        lastError: reason.slice(0, 2_000),
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
