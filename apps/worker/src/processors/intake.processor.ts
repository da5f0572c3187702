import { Injectable, Logger } from '@nestjs/common';
import { settle } from '@app/platform';
import { InboundItemsRepository, inboundIdsOf, type IngestJob, type SingleIngestJob } from '@app/tickets';
import { UnrecoverableError, type Job } from 'bullmq';
import { InboundPipeline } from '../intake/inbound-pipeline.js';
import { InboundItemsFailedError } from './inbound-items-failed.error.js';
import type { JobProcessor } from './job-processor.js';

/** Intake queue: stored inbound items → tickets, messages or recorded skips. */
@Injectable()
export class IntakeProcessor implements JobProcessor<IngestJob | SingleIngestJob> {
  private readonly logger = new Logger(IntakeProcessor.name);

  constructor(
    private readonly pipeline: InboundPipeline,
    private readonly items: InboundItemsRepository,
  ) {}

  /**
   * Hands every item of the job to the pipeline at once (it groups them into transactions) and ends
   * once each is ingested. The job fails if any item did; tried again, the items already ingested
   * are found done and only the others are worked on. Resolves with what became of them.
   */
  async process(job: Job<IngestJob | SingleIngestJob>): Promise<string> {
    const ids = inboundIdsOf(job.data);
    const outcomes = await Promise.all(ids.map((id) => settle(this.pipeline.process(id))));
    const failures = new Map<string, string>();
    const kinds = new Map<string, number>();
    for (const [index, outcome] of outcomes.entries()) {
      if (outcome instanceof Error) failures.set(ids[index]!, outcome.message);
      else kinds.set(outcome.kind, (kinds.get(outcome.kind) ?? 0) + 1);
    }
    if (failures.size > 0) throw new InboundItemsFailedError(failures);
    // Only an item deleted after it was queued (retention, erasure) is missing: nothing to do, nothing to retry.
    if (kinds.get('missing') === ids.length) throw new UnrecoverableError(`inbound item(s) ${ids.join(', ')} do not exist`);
    return ids.length === 1 ? [...kinds.keys()][0]! : [...kinds].map(([kind, count]) => `${kind} ${count}`).join(', ');
  }

  /** Outage detection of the last reports, which runs after their jobs ended. */
  drain(): Promise<void> {
    return this.pipeline.drain();
  }

  /** Records each failed attempt on its items; after the last one they are marked failed and stay visible. */
  async failed(job: Job<IngestJob | SingleIngestJob>, error: Error, finalAttempt: boolean): Promise<void> {
    this.logger.warn(`ingest job ${job.id} attempt ${job.attemptsMade} failed: ${error.message}`);
    const reasons = error instanceof InboundItemsFailedError ? error.reasons : new Map(inboundIdsOf(job.data).map((id) => [id, error.message]));
    // Only items still pending are touched: those of the job that were ingested keep their outcome.
    for (const [id, reason] of reasons) await this.items.recordAttemptError(id, reason, finalAttempt);
  }
}
