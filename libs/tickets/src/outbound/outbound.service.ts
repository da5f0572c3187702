import { Injectable, Logger } from '@nestjs/common';
import type { Channel, ChannelSender, OutboundMessage } from '@app/channels';
import { SharedFiles } from '../attachments/shared-files.js';
import { SurveyLinks } from '../survey/survey-links.js';
import { DeliveryRefusedError } from '../errors.js';
import { VerificationLinks } from '../identity/verification-links.js';
import { TicketChangePublisher } from '../realtime/ticket-change-publisher.js';
import { SEVERITY_MEANINGS_ES, SEVERITY_NAMES_ES } from '../severity/severity.js';
import { TicketEventsRepository } from '../ticket-events.repository.js';
import { OutboundDeliveriesRepository } from './outbound-deliveries.repository.js';

export interface DeliveryAttempt {
  number: number;
  isLast: boolean;
}

export type DeliveryResult = 'sent' | 'held' | 'already_done';

/** Sends one delivery of the outbox through its channel and records the result on the ticket. */
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

  async deliver(
    deliveryId: string,
    senderFor: (channel: Channel) => ChannelSender,
    attempt: DeliveryAttempt,
  ): Promise<DeliveryResult> {
    // Marks the sending as begun before the provider is called, so whatever happens next, a retry knows to look first.
    const loaded = await this.deliveries.startSending(deliveryId);
    if (!loaded || loaded.delivery.status !== 'pending') return 'already_done';
    const { delivery, message, ticket } = loaded;
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
          ? await this.verificationLinks.complete(outbound, message.id)
          : delivery.kind === 'survey'
            ? await this.surveyLinks.complete(outbound, message.id)
            : await this.withFiles(outbound, message.id);
      const result = await senderFor(delivery.channel).send(ready);
      if (result.status === 'held') {
        await this.deliveries.finish(delivery.id, ticket.id, 'held', { type: 'delivery_held', data: { deliveryId, reason: result.reason } });
        return 'held';
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

    await this.deliveries.finish(delivery.id, ticket.id, 'sent', {
      type: `${delivery.kind}_sent`,
      data: { deliveryId, channel: delivery.channel, recipient: delivery.recipient, externalId: message.externalId },
    });
    this.changes.publish({ number: ticket.number, tiers: [ticket.tier], kind: 'delivery' });
    return 'sent';
  }

  /** An agent's files go with the reply: attached to mail, linked in chat (links are made fresh on each attempt). */
  private async withFiles(outbound: OutboundMessage, messageId: string): Promise<OutboundMessage> {
    if (outbound.kind !== 'reply') return outbound;
    const files = await this.sharedFiles.forDelivery(messageId, outbound.channel);
    return files.length > 0 ? { ...outbound, files } : outbound;
  }
}
