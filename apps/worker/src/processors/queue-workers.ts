import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { RedisErrorLog, withTimeout } from '@app/platform';
import { QUEUES } from '@app/tickets';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { WORKER_CONFIG, type WorkerConfig } from '../config/worker-config.js';
import { IntakeProcessor } from './intake.processor.js';
import type { JobProcessor } from './job-processor.js';
import { OutboundProcessor } from './outbound.processor.js';
import { SlaProcessor } from './sla.processor.js';

/**
 * Builds the BullMQ workers of the roles this process has, with concurrency and lock duration from
 * the configuration. On shutdown it stops taking jobs and waits for those in flight, at most one
 * lock duration.
 */
@Injectable()
export class QueueWorkers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(QueueWorkers.name);
  private readonly redisErrors = new RedisErrorLog(this.logger);
  private readonly workers: Array<{ worker: Worker; processor: JobProcessor<never> }> = [];

  constructor(
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    private readonly intake: IntakeProcessor,
    private readonly outbound: OutboundProcessor,
    private readonly sla: SlaProcessor,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.roles.has('intake')) this.consume(QUEUES.intake, this.intake, this.config.intakeConcurrency);
    if (this.config.roles.has('outbound')) this.consume(QUEUES.outbound, this.outbound, this.config.outboundConcurrency);
    if (this.config.roles.has('sla')) this.consume(QUEUES.sla, this.sla, 4);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map(({ worker, processor }) => this.close(worker, processor)));
  }

  /**
   * A worker whose Redis is down never finishes closing (its blocking read and QUIT wait for a
   * reconnection): stop waiting after one lock duration. A job still in flight then runs again once
   * its lock expires, which every handler allows (they are idempotent). Then the processor
   * finishes what its ended jobs left behind, within one lock duration too.
   */
  private async close(worker: Worker, processor: JobProcessor<never>): Promise<void> {
    const closing = worker.close();
    await withTimeout(closing, this.config.jobLockMs, `closing the ${worker.name} worker`).catch((error: Error) => {
      this.logger.warn(`${error.message} (Redis down?); leaving its jobs in flight to run again`);
      closing.catch(() => undefined);
    });
    if (!processor.drain) return;
    const draining = processor.drain();
    await withTimeout(draining, this.config.jobLockMs, `finishing the ${worker.name} jobs' work`).catch((error: Error) => {
      this.logger.warn(error.message);
      draining.catch(() => undefined);
    });
  }

  private consume<T>(queue: string, processor: JobProcessor<T>, concurrency: number): void {
    const worker = new Worker<T, string>(queue, (job, token) => processor.process(job, token), {
      connection: { url: this.config.core.redisUrl, connectionName: `ventanilla-worker-${queue}` },
      prefix: this.config.core.queuePrefix,
      concurrency,
      lockDuration: this.config.jobLockMs,
      stalledInterval: this.config.jobLockMs,
    });
    worker.on('failed', (job: Job<T> | undefined, error: Error) => {
      if (!job || !processor.failed) return;
      const finalAttempt = error instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
      processor.failed(job, error, finalAttempt).catch((recordError: Error) => {
        this.logger.error(`could not record a failed ${queue} job: ${recordError.message}`);
      });
    });
    worker.on('error', (error) => this.redisErrors.warn(`${queue} worker`, error));
    this.workers.push({ worker, processor: processor as JobProcessor<never> });
  }
}
