import { Inject, Injectable, Logger } from '@nestjs/common';
import { UnprocessableInboundError, type InboundMessage } from '@app/channels';
import { BatchCollector, FaultInjector, intakeTotal, settle, withTimeout } from '@app/platform';
import {
  IncidentDetector,
  InboundItemTakenError,
  InboundItemsRepository,
  IntakeService,
  TicketChangePublisher,
  type InboundItemEntity,
  type IntakeOutcome,
} from '@app/tickets';
import { WORKER_CONFIG, type WorkerConfig } from '../config/worker-config.js';
import { ChannelRegistry } from './channel-registry.js';
import { DirectDeliveries } from './direct-deliveries.js';
import type { HeldPlaces } from './held-places.js';
import { ItemsInFlight } from './items-in-flight.js';

export type PipelineOutcome = IntakeOutcome | { kind: 'rejected'; reason: string } | { kind: 'missing' };

type Result = PipelineOutcome | Error;

/** What an intake transaction committed, and the direct-send places it held for it. */
interface Committed {
  outcomes: IntakeOutcome[];
  places: HeldPlaces;
}

interface Normalized {
  index: number;
  item: InboundItemEntity;
  message: InboundMessage;
}

/** Intake groups in flight at once per worker process; each holds one database connection. */
const GROUPS_IN_FLIGHT = 2;

/** How long a message waits for an earlier one of its conversation that another group of this process records. */
const EARLIER_WAIT_MS = 10_000;

/**
 * The worker's handling of stored inbound items: normalise each with its channel's adapter, let the
 * intake service record it, then send what the customer is owed (`DirectDeliveries`). The outbox
 * rows are already committed, so a crash before the last step only delays them until the sweeper runs.
 *
 * Jobs that run at the same time are handled as one group (group commit): their items are read
 * with one query and written in one transaction, and what they owe is sent right after. An
 * item that must wait for earlier messages of its conversation, and every item of a group whose
 * transaction failed, goes on alone, so one bad item never holds up or fails the others.
 */
@Injectable()
export class InboundPipeline {
  private readonly logger = new Logger(InboundPipeline.name);
  private readonly groups: BatchCollector<string, PipelineOutcome>;
  /**
   * Outage detection, one run at a time for the reports of a moment: it frees the intake groups'
   * slots meanwhile. A run costs five statements and a lock shared by every worker however few
   * reports it sees, so it gathers them for a moment; the customer is confirmed before it starts.
   */
  private readonly detections: BatchCollector<string, void>;
  /** Reports waiting for detection beyond which a job waits for its report's run (INCIDENT_DETECTION_BACKLOG). */
  private readonly detectionBacklog: number;
  private readonly inFlight = new ItemsInFlight();

  constructor(
    @Inject(WORKER_CONFIG) config: WorkerConfig,
    private readonly items: InboundItemsRepository,
    private readonly intake: IntakeService,
    private readonly deliveries: DirectDeliveries,
    private readonly channels: ChannelRegistry,
    private readonly faults: FaultInjector,
    private readonly changes: TicketChangePublisher,
    private readonly detector: IncidentDetector,
  ) {
    this.groups = new BatchCollector({
      // Sized from the jobs a worker runs at once: when each brings one item (a low rate), half of
      // them fill the groups in flight and the other half wait fetched, so the next group starts
      // full the moment one ends; under load a job brings a gateway's batch and fills them alone.
      maxItems: Math.max(1, Math.ceil(config.intakeConcurrency / (2 * GROUPS_IN_FLIGHT))),
      maxWaitMs: 0,
      maxConcurrentFlushes: GROUPS_IN_FLIGHT,
      flush: (ids) => this.processGroup(ids),
    });
    this.detections = new BatchCollector({
      maxItems: 256,
      maxWaitMs: config.detection.gatherMs,
      maxConcurrentFlushes: 1,
      flush: (ids) => this.detectIncidents(ids),
    });
    this.detectionBacklog = config.detection.backlog;
  }

  /** Ends once the item is ingested and its deliveries queued; outage detection sees its report within INCIDENT_DETECTION_GATHER_MS. */
  async process(inboundId: string): Promise<PipelineOutcome> {
    const outcome = await this.groups.add(inboundId);
    // A call is compared again once its transcription says what the caller reported.
    if (outcome.kind === 'ticket_created' || outcome.kind === 'call_updated') {
      const seen = this.detections.add(outcome.ticketId);
      if (this.detections.pending > this.detectionBacklog) await seen;
    }
    return outcome;
  }

  /** Runs outage detection on the reports still gathered, once this process takes no more jobs. */
  drain(): Promise<void> {
    return this.detections.drain();
  }

  private async processGroup(ids: string[]): Promise<Result[]> {
    const claimed = this.inFlight.claim(ids);
    try {
      return await this.processClaimedGroup(ids, (id) => {
        const claim = claimed.get(id);
        if (claim) this.inFlight.release(id, claim);
      });
    } finally {
      for (const [id, claim] of claimed) this.inFlight.release(id, claim);
    }
  }

  /** `done`: the group is through with an item (recorded, or given up on), so others may stop waiting for it. */
  private async processClaimedGroup(ids: string[], done: (id: string) => void): Promise<Result[]> {
    const loaded = await this.items.loadForIntake(ids, this.channels.inOrderChannels);
    // A fault test freezes the worker here: its jobs stall and another worker takes them.
    this.faults.stallIfArmed('stall-before-intake');
    const results: Result[] = [];
    const together: Normalized[] = [];
    const alone: Array<{ index: number; item: InboundItemEntity; earlierPending: boolean; message?: InboundMessage }> = [];
    for (const [index, id] of ids.entries()) {
      const found = loaded.get(id);
      if (!found) results[index] = { kind: 'missing' };
      else if (found.item.status !== 'pending') results[index] = { kind: 'already_processed', deliveryIds: [] };
      else if (found.earlierPending || !found.item.raw) alone.push({ index, ...found });
      else {
        const normalized = await settle(this.normalize(found.item));
        if (normalized instanceof UnprocessableInboundError) results[index] = await settle(this.reject(found.item, normalized.reason));
        else if (normalized instanceof Error) results[index] = normalized;
        else together.push({ index, item: found.item, message: normalized });
      }
    }
    const committed = await this.ingestTogether(together);
    for (const [position, { index, item, message }] of together.entries()) {
      const outcome = committed?.[position];
      if (outcome) {
        results[index] = outcome;
        done(item.id);
      } else alone.push({ index, item, earlierPending: false, message });
    }
    // After the group, oldest first: an earlier message of a conversation may be in it, and is then done.
    alone.sort((a, b) => a.item.receivedAt.getTime() - b.item.receivedAt.getTime() || (a.item.id < b.item.id ? -1 : 1));
    const group = new Set(ids);
    for (const { index, item, earlierPending, message } of alone) {
      results[index] = await settle(this.processAlone(item, earlierPending, group, message));
      done(item.id);
    }
    return ids.map((_, index) => results[index] ?? new Error('no outcome'));
  }

  /** The group's items in one transaction; undefined when it rolled back (they go on alone). */
  private async ingestTogether(together: Normalized[]): Promise<IntakeOutcome[] | undefined> {
    if (together.length === 0) return [];
    let committed: Committed;
    try {
      committed = await this.ingestHoldingPlaces(together);
    } catch (error) {
      if (together.length > 1) this.logger.warn(`intake group of ${together.length} rolled back (${(error as Error).message}); each item goes on alone`);
      return undefined;
    }
    await this.afterCommit(
      together.map(({ item }, position) => ({ item, outcome: committed.outcomes[position]! })),
      committed.places,
    );
    return committed.outcomes;
  }

  /**
   * Ingests the entries in one transaction with direct-send places held for what it writes begun:
   * they go back if it rolls back, else to `afterCommit` with the sends.
   */
  private async ingestHoldingPlaces(entries: Array<{ item: InboundItemEntity; message: InboundMessage }>): Promise<Committed> {
    const places = this.deliveries.hold();
    try {
      const outcomes = await this.intake.ingestMany(
        entries.map(({ item, message }) => ({ item, message })),
        { sendHere: places },
      );
      return { outcomes, places };
    } catch (error) {
      this.deliveries.release(places);
      throw error;
    }
  }

  /**
   * One item in its own transaction, after the earlier pending messages of its conversation: those
   * another group of this process is recording are waited for; the others (their jobs not begun,
   * lost, or in another worker) are recorded here first. `group`: the ids of the item's own group.
   */
  private async processAlone(item: InboundItemEntity, earlierPending: boolean, group: ReadonlySet<string>, message?: InboundMessage): Promise<PipelineOutcome> {
    if (earlierPending) {
      for (const earlierId of await this.items.findEarlierPending(item.id)) {
        const recording = group.has(earlierId) ? undefined : this.inFlight.recordedElsewhere(earlierId);
        // Bounded: should that group itself wait (its own earlier message), this goes on as without it.
        if (recording) await settle(withTimeout(recording, EARLIER_WAIT_MS, `inbound ${earlierId} recorded by another group`));
        const earlier = await this.items.loadRaw(earlierId);
        if (earlier?.status !== 'pending') continue;
        const earlierDone = await settle(this.processItem(earlier));
        // Its own job may have been recording it at this very moment (in another group or worker):
        // the unique keys fail this second run, and it is done, which is all this item waits for.
        if (!(earlierDone instanceof Error)) continue;
        if ((await this.items.loadRaw(earlierId))?.status === 'pending') throw earlierDone;
        this.logger.log(`inbound ${earlierId} was recorded by its own job meanwhile (${earlierDone.message}); going on with ${item.id}`);
      }
    }
    return this.processItem(item, message);
  }

  /** `normalized`: the item's message when a rolled-back group already normalised it. */
  private async processItem(item: InboundItemEntity, normalized?: InboundMessage): Promise<PipelineOutcome> {
    if (!item.raw) return this.reject(item, 'no raw content stored');
    let message: InboundMessage;
    try {
      message = normalized ?? (await this.normalize(item));
    } catch (error) {
      if (!(error instanceof UnprocessableInboundError)) throw error;
      return this.reject(item, error.reason);
    }
    let committed: Committed;
    try {
      committed = await this.ingestHoldingPlaces([{ item, message }]);
    } catch (error) {
      if (error instanceof InboundItemTakenError) {
        // The same job ran twice at once (it stalled here and another worker took it): theirs counts.
        this.logger.log(`inbound ${item.id} was recorded by another run of its job meanwhile (another worker, or this one twice); this run's work is rolled back`);
        return { kind: 'already_processed', deliveryIds: [] };
      }
      throw error;
    }
    const outcome = committed.outcomes[0]!;
    this.inFlight.markRecorded(item.id);
    await this.afterCommit([{ item, outcome }], committed.places);
    return outcome;
  }

  private normalize(item: InboundItemEntity): Promise<InboundMessage> {
    return this.channels.get(item.channel).normalize(item.raw!, { inboundId: item.id, dedupeKey: item.dedupeKey, receivedAt: item.receivedAt });
  }

  private async reject(item: InboundItemEntity, reason: string): Promise<PipelineOutcome> {
    await this.intake.reject(item.id, reason);
    intakeTotal.inc({ channel: item.channel, outcome: 'rejected' });
    return { kind: 'rejected', reason };
  }

  /**
   * What committed outcomes owe: their deliveries sent from here (or queued with one call), the inbox
   * told. `places`: those held for the sends the intake wrote begun, given back with them.
   */
  private async afterCommit(done: Array<{ item: InboundItemEntity; outcome: IntakeOutcome }>, places: HeldPlaces): Promise<void> {
    for (const { item, outcome } of done) intakeTotal.inc({ channel: item.channel, outcome: outcome.kind });
    this.faults.crashIfArmed('after-intake-commit');
    await this.deliveries.start(
      done.flatMap(({ outcome }) => outcome.deliveryIds),
      done.flatMap(({ outcome }) => outcome.begun ?? []),
      places,
    );
    for (const { outcome } of done) {
      if (!('ticketNumber' in outcome)) continue;
      this.changes.publish({ number: outcome.ticketNumber, tiers: [outcome.tier], kind: outcome.kind === 'ticket_created' ? 'created' : 'message' });
    }
  }

  /** Outage detection runs after the tickets are committed and confirmed: it never holds up or fails an intake. */
  private async detectIncidents(ticketIds: string[]): Promise<void[]> {
    const unique = [...new Set(ticketIds)];
    try {
      const outcomes = await this.detector.considerTickets(unique);
      this.changes.publishEach(outcomes.flatMap((outcome) => outcome.changed), 'updated');
    } catch (error) {
      this.logger.warn(`incident detection skipped for tickets ${unique.join(', ')}: ${(error as Error).message}`);
    }
    return ticketIds.map(() => undefined);
  }
}
