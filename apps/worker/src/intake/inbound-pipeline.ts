import { Injectable, Logger } from '@nestjs/common';
import { UnprocessableInboundError } from '@app/channels';
import { FaultInjector, intakeTotal } from '@app/platform';
import {
  IncidentDetector,
  InboundItemsRepository,
  IntakeService,
  QueueProducer,
  TicketChangePublisher,
  type InboundItemEntity,
  type IntakeOutcome,
} from '@app/tickets';
import { ChannelRegistry } from './channel-registry.js';

export type PipelineOutcome = IntakeOutcome | { kind: 'rejected'; reason: string } | { kind: 'missing' };

/**
 * The worker's handling of one stored inbound item: normalise it with its channel's adapter, let the
 * intake service record it, then queue what the customer is owed. The outbox rows are already
 * committed, so a crash before the last step only delays them until the sweeper runs.
 */
@Injectable()
export class InboundPipeline {
  private readonly logger = new Logger(InboundPipeline.name);

  constructor(
    private readonly items: InboundItemsRepository,
    private readonly intake: IntakeService,
    private readonly producer: QueueProducer,
    private readonly channels: ChannelRegistry,
    private readonly faults: FaultInjector,
    private readonly changes: TicketChangePublisher,
    private readonly detector: IncidentDetector,
  ) {}

  async process(inboundId: string): Promise<PipelineOutcome> {
    const item = await this.items.loadRaw(inboundId);
    if (!item) return { kind: 'missing' };
    if (item.status !== 'pending') return { kind: 'already_processed', deliveryIds: [] };
    if (item.sourceRef && this.channels.get(item.channel).inOrderBySource) {
      // Earlier messages of the same conversation first, whichever job got here first.
      for (const earlierId of await this.items.findEarlierPending(item.id)) {
        const earlier = await this.items.loadRaw(earlierId);
        if (earlier?.status === 'pending') await this.processItem(earlier);
      }
    }
    return this.processItem(item);
  }

  private async processItem(item: InboundItemEntity): Promise<PipelineOutcome> {
    if (!item.raw) {
      await this.intake.reject(item.id, 'no raw content stored');
      intakeTotal.inc({ channel: item.channel, outcome: 'rejected' });
      return { kind: 'rejected', reason: 'no raw content stored' };
    }
    let outcome: IntakeOutcome;
    try {
      const message = await this.channels
        .get(item.channel)
        .normalize(item.raw, { inboundId: item.id, dedupeKey: item.dedupeKey, receivedAt: item.receivedAt });
      outcome = await this.intake.ingest(item.id, message);
    } catch (error) {
      if (!(error instanceof UnprocessableInboundError)) throw error;
      await this.intake.reject(item.id, error.reason);
      intakeTotal.inc({ channel: item.channel, outcome: 'rejected' });
      return { kind: 'rejected', reason: error.reason };
    }
    intakeTotal.inc({ channel: item.channel, outcome: outcome.kind });
    this.faults.crashIfArmed('after-intake-commit');
    await this.producer.enqueueDeliveries(outcome.deliveryIds);
    if ('ticketNumber' in outcome) {
      this.changes.publish({ number: outcome.ticketNumber, tiers: [outcome.tier], kind: outcome.kind === 'ticket_created' ? 'created' : 'message' });
    }
    // A call is compared again once its transcription says what the caller reported.
    if (outcome.kind === 'ticket_created' || outcome.kind === 'call_updated') await this.detectIncident(outcome.ticketId);
    return outcome;
  }

  /** Outage detection runs after the ticket is committed and confirmed: it never holds up or fails an intake. */
  private async detectIncident(ticketId: string): Promise<void> {
    try {
      const outcome = await this.detector.considerTicket(ticketId);
      for (const number of outcome.changed) this.changes.publish({ number, tiers: ['L1', 'L2', 'L3'], kind: 'updated' });
    } catch (error) {
      this.logger.warn(`incident detection skipped for ticket ${ticketId}: ${(error as Error).message}`);
    }
  }
}
