import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { withTimeout } from '@app/platform';
import { DELIVERY_WAIT_MS, DeliveryRefusedError, OutboundService, QueueProducer } from '@app/tickets';
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
 * finds them all busy is queued, so a surge waits in Redis, not in this process's memory.
 */
@Injectable()
export class DirectDeliveries implements OnApplicationShutdown {
  private readonly logger = new Logger(DirectDeliveries.name);
  private readonly inFlight = new Set<Promise<void>>();
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

  /** Starts the sends it has room for and queues the rest; resolves once those are queued, not sent. */
  async start(deliveryIds: string[]): Promise<void> {
    const room = this.enabled ? Math.max(0, this.config.outboundConcurrency - this.inFlight.size) : 0;
    for (const deliveryId of deliveryIds.slice(0, room)) this.track(this.sendOrQueue(deliveryId));
    await this.producer.enqueueDeliveries(deliveryIds.slice(room));
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

  private async sendOrQueue(deliveryId: string): Promise<void> {
    // A send still running when the recovery sweep could take it for lost (a slow provider) gets its
    // job now, delayed: the sweep's re-queueing is then a no-op instead of a second send, and the job
    // finds the delivery sent, or sends it if this process died.
    const backstop = setTimeout(() => {
      this.producer.enqueueDeliveries([deliveryId], { delayMs: this.config.jobLockMs, attemptsBefore: 1 }).catch((error: Error) => {
        this.logger.warn(`delivery ${deliveryId}: its backstop job could not be queued (${error.message})`);
      });
    }, this.config.sweepGraceMs / 2);
    try {
      // The first attempt, never the last: after a failure the queue makes the others, with their backoff.
      const result = await this.outbound.deliver(deliveryId, this.senders.senderFor, { number: 1, isLast: false });
      // Not begun: the queue asks again once what it follows has gone.
      if (result === 'waiting') await this.producer.enqueueDeliveries([deliveryId], { delayMs: DELIVERY_WAIT_MS });
    } catch (error) {
      // Refused for good: recorded as failed already, nothing to retry.
      if (error instanceof DeliveryRefusedError) return;
      this.logger.warn(`delivery ${deliveryId}: direct send failed (${(error as Error).message}); queued for retries`);
      await this.producer.enqueueDeliveries([deliveryId], { attemptsBefore: 1 }).catch((queueError: Error) => {
        this.logger.warn(`delivery ${deliveryId} could not be queued (${queueError.message}); the recovery sweep will`);
      });
    } finally {
      clearTimeout(backstop);
    }
  }
}
