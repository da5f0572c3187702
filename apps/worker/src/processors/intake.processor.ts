import { Injectable, Logger } from '@nestjs/common';
import { InboundItemsRepository, type IngestJob } from '@app/tickets';
import { UnrecoverableError, type Job } from 'bullmq';
import { InboundPipeline } from '../intake/inbound-pipeline.js';
import type { JobProcessor } from './job-processor.js';

/** Intake queue: one stored inbound item → ticket, message or recorded skip. */
@Injectable()
export class IntakeProcessor implements JobProcessor<IngestJob> {
  private readonly logger = new Logger(IntakeProcessor.name);

  constructor(
    private readonly pipeline: InboundPipeline,
    private readonly items: InboundItemsRepository,
  ) {}

  async process(job: Job<IngestJob>): Promise<string> {
    const outcome = await this.pipeline.process(job.data.inboundId);
    if (outcome.kind === 'missing') throw new UnrecoverableError(`inbound item ${job.data.inboundId} does not exist`);
    return outcome.kind;
  }

  /** Outage detection of the last reports, which runs after their jobs ended. */
  drain(): Promise<void> {
    return this.pipeline.drain();
  }

  /** Records each failed attempt on the item; after the last one it is marked failed and stays visible. */
  async failed(job: Job<IngestJob>, error: Error, finalAttempt: boolean): Promise<void> {
    this.logger.warn(`ingest ${job.data.inboundId} attempt ${job.attemptsMade} failed: ${error.message}`);
    await this.items.recordAttemptError(job.data.inboundId, error.message, finalAttempt);
  }
}
