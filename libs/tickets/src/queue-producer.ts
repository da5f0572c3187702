import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { RedisErrorLog } from '@app/platform';
import {
  JOBS,
  OUTBOUND_JOB_OPTIONS,
  QUEUES,
  deliverJobId,
  maintenanceReminderJobId,
  noticeJobId,
  slaCheckJobId,
  type DeliverJob,
  type DeliverNoticeJob,
  type IngestJob,
  type MaintenanceReminderJob,
  type SlaCheckJob,
} from './jobs.js';

export interface EnqueueOptions {
  /** Run again a job that failed for good (see `add`). */
  retryFailed?: boolean;
  /** Run it this long from now, not at once. */
  delayMs?: number;
  /** Deliveries: attempts already made outside the queue, taken from the queue's own so the total stays the same. */
  attemptsBefore?: number;
}

/** Stored items to ingest in one job, under the job id kept with them. */
export interface IngestBatch {
  jobId: string;
  inboundIds: string[];
}

interface IdentifiedJob {
  name: string;
  data: IngestJob | DeliverJob | DeliverNoticeJob;
  opts: { jobId: string; delay?: number; attempts?: number };
}

/** The one place that puts work on BullMQ. */
@Injectable()
export class QueueProducer {
  private readonly redisErrors = new RedisErrorLog(new Logger(QueueProducer.name));

  constructor(
    @InjectQueue(QUEUES.intake) private readonly intake: Queue<IngestJob>,
    @InjectQueue(QUEUES.outbound) private readonly outbound: Queue<DeliverJob | DeliverNoticeJob>,
    @InjectQueue(QUEUES.sla) private readonly sla: Queue<SlaCheckJob | MaintenanceReminderJob>,
  ) {
    // Without a listener BullMQ prints each failed reconnect of a queue as a raw dump, past the logger
    // (not JSON with LOG_FORMAT=json): these are the app's queues, the same instances everywhere.
    for (const queue of [intake, outbound, sla] as Queue[]) queue.on('error', (error: Error) => this.redisErrors.warn(`${queue.name} queue`, error));
  }

  /** Resolves with how many failed jobs were run again (with `retryFailed`). */
  enqueueIngest(batches: IngestBatch[], options: EnqueueOptions = {}): Promise<number> {
    return this.add(
      this.intake,
      batches.map(({ jobId, inboundIds }) => ({ name: JOBS.ingest, data: { inboundIds }, opts: { jobId } })),
      options,
    );
  }

  enqueueDeliveries(deliveryIds: string[], options: EnqueueOptions = {}): Promise<number> {
    const { delayMs: delay, attemptsBefore } = options;
    // Only what the queue's defaults do not say: BullMQ lets a key given as undefined replace them.
    // At least one attempt is the queue's, so that a failure is recorded for good by its last one.
    const attempts = attemptsBefore ? { attempts: Math.max(1, (OUTBOUND_JOB_OPTIONS.attempts ?? 1) - attemptsBefore) } : {};
    return this.add(
      this.outbound,
      deliveryIds.map((deliveryId) => ({
        name: JOBS.deliver,
        data: attemptsBefore ? { deliveryId, attemptsBefore } : { deliveryId },
        opts: { jobId: deliverJobId(deliveryId), ...(delay === undefined ? {} : { delay }), ...attempts },
      })),
      options,
    );
  }

  enqueueNotices(noticeIds: string[], options: EnqueueOptions = {}): Promise<number> {
    return this.add(
      this.outbound,
      noticeIds.map((noticeId) => ({ name: JOBS.deliverNotice, data: { noticeId }, opts: { jobId: noticeJobId(noticeId) } })),
      options,
    );
  }

  /** Delayed jobs that run at their moment (at once when it has passed). */
  async scheduleSlaChecks(moments: Array<{ ticketId: string; at: Date }>): Promise<void> {
    if (moments.length === 0) return;
    const now = Date.now();
    await this.sla.addBulk(
      moments.map(({ ticketId, at }) => ({
        name: JOBS.slaCheck,
        data: { ticketId },
        opts: { jobId: slaCheckJobId(ticketId, at), delay: Math.max(0, at.getTime() - now) },
      })),
    );
  }

  async scheduleMaintenanceReminder(windowId: string, at: Date): Promise<void> {
    await this.sla.add(
      JOBS.maintenanceReminder,
      { windowId },
      { jobId: maintenanceReminderJobId(windowId), delay: Math.max(0, at.getTime() - Date.now()) },
    );
  }

  /**
   * Adds the jobs; one whose id BullMQ still holds is left as it is (deterministic ids). With
   * `retryFailed`, a job that failed for good is run again: the recovery sweep asks for it when
   * Postgres says the work is unfinished, which happens when the failure itself could not be
   * recorded (Postgres was down through every attempt), so the work would otherwise wait forever.
   */
  private async add(queue: Queue, jobs: IdentifiedJob[], { retryFailed = false }: EnqueueOptions): Promise<number> {
    if (jobs.length === 0) return 0;
    await queue.addBulk(jobs);
    if (!retryFailed) return 0;
    let retried = 0;
    for (const { opts } of jobs) {
      if ((await queue.getJobState(opts.jobId)) !== 'failed') continue;
      await (await queue.getJob(opts.jobId))?.retry('failed');
      retried += 1;
    }
    return retried;
  }
}
