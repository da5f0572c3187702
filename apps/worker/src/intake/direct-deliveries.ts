import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { withTimeout } from '@app/platform';
import { DELIVERY_WAIT_MS, DeliveryRefusedError, OutboundService, QueueProducer, type DeliveryToSend } from '@app/tickets';
import { WORKER_CONFIG, type WorkerConfig } from '../config/worker-config.js';
import { ChannelSenders } from '../processors/channel-senders.js';

/**
 * Sends what an intake owes (the confirmation, a verification mail) from this process right after
 * the commit, instead of queueing it for whichever worker picks it up: the customer waiting for a
 * ticket number is spared a queue's round trip and a job's pick-up. The deliveries are committed
 * rows, so nothing depends on this process: a send that fails is queued and retried with the
 * outbound queue's backoff, and one lost with the process is re-queued by the recovery sweep.
 *
 * At most `outboundConcurrency` sends run this way at once (beside the outbound queue's own); what
 * finds them all busy is queued, so a surge waits in Redis, not in this process's memory. An intake
 * reserves places before its transaction, for what it writes begun (`SendsBegunHere`: a new ticket's
 * confirmation and verification mail):
 * those are sent as written, without a statement to read them back and mark them begun.
 */
@Injectable()
export class DirectDeliveries implements OnApplicationShutdown {
  private readonly logger = new Logger(DirectDeliveries.name);
  private readonly inFlight = new Set<Promise<void>>();
  /** Places intakes hold for the sends they will hand over at their commit. */
  private reserved = 0;
  private readonly enabled: boolean;

  constructor(
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    private readonly outbound: OutboundService,
    private readonly senders: ChannelSenders,
    private readonly producer: QueueProducer,
  ) {
    // A process without the outbound role leaves sending to those that have it.
    this.enabled = config.roles.has('outbound');
  }

  /** Holds up to `wanted` places for an intake about to commit; it gives them back to `start`, or to `release` if it rolled back. */
  reserve(wanted: number): number {
    const places = Math.min(wanted, this.room());
    this.reserved += places;
    return places;
  }

  release(places: number): void {
    this.reserved = Math.max(0, this.reserved - places);
  }

  /**
   * Sends the deliveries the intake wrote begun (on the `reserved` places it held, given back here),
   * starts the others it has room for and queues the rest; resolves once those are queued, not sent.
   */
  async start(deliveryIds: string[], begun: DeliveryToSend[] = [], reserved = 0): Promise<void> {
    this.release(reserved);
    for (const toSend of begun) this.track(this.sendOrQueue(toSend.delivery.id, toSend));
    const written = new Set(begun.map((toSend) => toSend.delivery.id));
    const others = deliveryIds.filter((deliveryId) => !written.has(deliveryId));
    const room = this.room();
    for (const deliveryId of others.slice(0, room)) this.track(this.sendOrQueue(deliveryId));
    await this.producer.enqueueDeliveries(others.slice(room));
  }

  private room(): number {
    return this.enabled ? Math.max(0, this.config.outboundConcurrency - this.inFlight.size - this.reserved) : 0;
  }

  /** Waits for the sends in flight (at most one job lock), so none is cut off between the provider and its record. */
  async onApplicationShutdown(): Promise<void> {
    if (this.inFlight.size === 0) return;
    await withTimeout(Promise.all(this.inFlight), this.config.jobLockMs, 'finishing direct sends').catch((error: Error) => {
      this.logger.warn(`${error.message}; the recovery sweep will queue what is left`);
    });
  }

  private track(send: Promise<void>): void {
    this.inFlight.add(send);
    void send.finally(() => this.inFlight.delete(send));
  }

  /** `begun`: the delivery as its intake wrote it begun, sent without reading it back. */
  private async sendOrQueue(deliveryId: string, begun?: DeliveryToSend): Promise<void> {
    // A send still running when the recovery sweep looks (a slow provider) holds its lease: the job the
    // sweep queues for it waits, and finds it sent (or sends it, once the lease has run out, if this
    // process died).
    try {
      // The first attempt, never the last: after a failure the queue makes the others, with their backoff.
      const attempt = { number: 1, isLast: false };
      const result = begun ? await this.outbound.sendBegun(begun, this.senders.senderFor, attempt) : await this.outbound.deliver(deliveryId, this.senders.senderFor, attempt);
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
