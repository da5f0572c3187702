import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Channel } from '@app/channels';
import { BatchCollector, withTimeout } from '@app/platform';
import { CORE_CONFIG, DELIVERY_WAIT_MS, DeliveryRefusedError, OutboundService, QueueProducer, type CoreConfig, type DeliveryAttempt, type DeliveryResult, type DeliveryToSend } from '@app/tickets';
import { WORKER_CONFIG, type WorkerConfig } from '../config/worker-config.js';
import { ChannelSenders } from '../processors/channel-senders.js';
import { HeldPlaces } from './held-places.js';
import { LaneClosedError, SendLane } from './send-lane.js';

/**
 * Sends an intake hands over that may wait their turn on each channel, beyond the
 * `outboundConcurrency` running: at saturation a group owes more than that at once (a chat start, its
 * confirmation and a verification mail), and queueing the rest cost the machine more than the
 * intake itself (a job, its pick-up, a statement to read each delivery back).
 */
const WAITING_PER_CHANNEL = 256;

/**
 * Sends what an intake owes (the confirmation, a verification mail) from this process right after
 * the commit, instead of queueing it for whichever worker picks it up: the customer waiting for a
 * ticket number is spared a queue's round trip and a job's pick-up. The deliveries are committed
 * rows, so nothing depends on this process: a send that fails is queued and retried with the
 * outbound queue's backoff, and one lost with the process is re-queued by the recovery sweep.
 *
 * Each channel has its lane (`SendLane`): `outboundConcurrency` sends at once, and up to
 * `WAITING_PER_CHANNEL` waiting their turn, so a slow mail server holds up neither the chat nor the
 * SMS, and a surge waits in Redis, not in this process's memory, once the lanes are full. An intake
 * holds places before its transaction (`hold`) for what it writes begun (`SendsBegunHere`): those
 * are sent as written, without a statement to read them back and mark them begun. A begun send
 * holds its lease from the commit: one that waited so long that it might outlast the lease, or that
 * still waits when the process stops, is not started here: its lease is given up and it is queued,
 * for any worker to send at once.
 */
@Injectable()
export class DirectDeliveries implements OnApplicationShutdown {
  private readonly logger = new Logger(DirectDeliveries.name);
  private readonly inFlight = new Set<Promise<void>>();
  private readonly lanes = new Map<Channel, SendLane>();
  /** Deliveries handed over by id (not written begun, their channel read as they are sent): at most `outboundConcurrency` at once, none waiting. */
  private readonly unread: SendLane;
  private readonly enabled: boolean;
  private closed = false;
  private readonly handOvers = new BatchCollector<DeliveryToSend, void>({ maxItems: 500, maxWaitMs: 0, flush: (sends) => this.handOverTogether(sends) });

  constructor(
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    @Inject(CORE_CONFIG) private readonly core: CoreConfig,
    private readonly outbound: OutboundService,
    private readonly senders: ChannelSenders,
    private readonly producer: QueueProducer,
  ) {
    // A process without the outbound role leaves sending to those that have it.
    this.enabled = config.roles.has('outbound');
    this.unread = new SendLane(this.enabled ? config.outboundConcurrency : 0, 0);
  }

  /** Places for an intake about to commit: `start` takes those its sends use, `release` all of them if it rolled back. */
  hold(): HeldPlaces {
    return new HeldPlaces((channel) => this.laneOf(channel));
  }

  release(places: HeldPlaces): void {
    places.giveBackAll();
  }

  /**
   * Sends the deliveries the intake wrote begun (on the places it held, given back here), starts the
   * others it has room for and queues the rest; resolves once those are queued, not sent. When a
   * lane had no place for one of them, the others are all queued: they are what did not fit.
   */
  async start(deliveryIds: string[], begun: DeliveryToSend[], places: HeldPlaces): Promise<void> {
    for (const toSend of begun) {
      const lane = this.laneOf(toSend.delivery.channel);
      places.use(toSend.delivery.channel);
      this.track(lane ? this.sendBegun(toSend, lane) : this.handOver(toSend));
    }
    places.giveBackAll();
    const written = new Set(begun.map((toSend) => toSend.delivery.id));
    const queued: string[] = [];
    for (const deliveryId of deliveryIds) {
      if (written.has(deliveryId)) continue;
      // The lane of sends by id has no waiting room: room there means the send starts now.
      if (places.refused || !this.unread.hasRoom) queued.push(deliveryId);
      else this.track(this.sendUnread(deliveryId));
    }
    await this.producer.enqueueDeliveries(queued);
  }

  /**
   * No send starts from now on (an intake still running, its job not given up, queues what it owes);
   * sends not yet started are handed back (`handOver`); those under way are waited for (at most one
   * job lock), so none is cut off between the provider and its record.
   */
  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    for (const lane of [...this.lanes.values(), this.unread]) lane.close();
    const finished = async () => {
      while (this.inFlight.size > 0) await Promise.all(this.inFlight);
    };
    await withTimeout(finished(), this.config.jobLockMs, 'finishing direct sends').catch((error: Error) => {
      this.logger.warn(`${error.message}; the recovery sweep will queue what is left`);
    });
  }

  private laneOf(channel: Channel): SendLane | undefined {
    if (!this.enabled || this.closed) return undefined;
    let lane = this.lanes.get(channel);
    if (!lane) {
      lane = new SendLane(this.config.outboundConcurrency, WAITING_PER_CHANNEL);
      this.lanes.set(channel, lane);
    }
    return lane;
  }

  private track(send: Promise<void>): void {
    this.inFlight.add(send);
    void send.finally(() => this.inFlight.delete(send));
  }

  /** A delivery its intake wrote begun, sent without reading it back when its turn comes, if its lease still leaves the time a send may take. */
  private async sendBegun(toSend: DeliveryToSend, lane: SendLane): Promise<void> {
    try {
      await lane.run(() => (this.mayStillSend(toSend) ? this.attempt(toSend.delivery.id, (attempt) => this.outbound.sendBegun(toSend, this.senders.senderFor, attempt)) : this.handOver(toSend)));
    } catch (error) {
      if (!(error instanceof LaneClosedError)) throw error;
      await this.handOver(toSend);
    }
  }

  private sendUnread(deliveryId: string): Promise<void> {
    return this.unread.run(() => this.attempt(deliveryId, (attempt) => this.outbound.deliver(deliveryId, this.senders.senderFor, attempt)));
  }

  /**
   * Half the lease at least: a send may take as long as the provider's timeouts (about 50 s for a
   * mail server), and it must end before its lease does, or the recovery sweep could queue it for
   * another worker while it still runs.
   */
  private mayStillSend(toSend: DeliveryToSend): boolean {
    const until = toSend.delivery.sendingUntil;
    return !until || until.getTime() - Date.now() >= this.core.sendLeaseMs / 2;
  }

  /** A begun delivery not sent here after all: its lease given up and queued, to be sent at once by whichever worker takes it. */
  private handOver(toSend: DeliveryToSend): Promise<void> {
    return this.handOvers.add(toSend);
  }

  /**
   * Hand-overs together (a stop hands over every send still waiting at once): one statement gives up
   * their leases, one call queues them. Should the statement fail, each is queued for when its lease
   * runs out, since until then it counts as being sent.
   */
  private async handOverTogether(sends: DeliveryToSend[]): Promise<void[]> {
    try {
      await this.producer.enqueueDeliveries(await this.outbound.giveUpUnattempted(sends.map((toSend) => toSend.delivery.id)));
    } catch (error) {
      this.logger.warn(`${sends.length} sends not made here could not be handed back (${(error as Error).message}); queued for when their leases run out`);
      for (const { delivery } of sends) {
        const delayMs = Math.max(0, (delivery.sendingUntil?.getTime() ?? 0) - Date.now());
        await this.producer.enqueueDeliveries([delivery.id], { delayMs }).catch((queueError: Error) => {
          this.logger.warn(`delivery ${delivery.id} could not be queued (${queueError.message}); the recovery sweep will once its lease runs out`);
        });
      }
    }
    return sends.map(() => undefined);
  }

  /**
   * One send, the first attempt: after a failure the queue makes the others, with its backoff. A send
   * still running when the recovery sweep looks (a slow provider) holds its lease: the job the sweep
   * queues for it waits, and finds it sent (or sends it, once the lease has run out, if this process died).
   */
  private async attempt(deliveryId: string, send: (attempt: DeliveryAttempt) => Promise<DeliveryResult>): Promise<void> {
    try {
      const result = await send({ number: 1, isLast: false });
      // Not begun: the queue asks again once what it follows has gone.
      if (result === 'waiting') await this.producer.enqueueDeliveries([deliveryId], { delayMs: DELIVERY_WAIT_MS });
    } catch (error) {
      // Refused for good: recorded as failed already, nothing to retry.
      if (error instanceof DeliveryRefusedError) return;
      this.logger.warn(`delivery ${deliveryId}: direct send failed (${(error as Error).message}); queued for retries`);
      await this.producer.enqueueDeliveries([deliveryId], { attemptsBefore: 1 }).catch((queueError: Error) => {
        this.logger.warn(`delivery ${deliveryId} could not be queued (${queueError.message}); the recovery sweep will`);
      });
    }
  }
}
