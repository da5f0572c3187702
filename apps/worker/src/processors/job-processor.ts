import type { Job } from 'bullmq';

/** The handler of one queue's jobs. */
export interface JobProcessor<T> {
  /** `token` is the worker's lock on the job, which moving it (e.g. to delayed) needs. */
  process(job: Job<T>, token?: string): Promise<string>;
  /** Called after every failed attempt; `finalAttempt` when BullMQ will not try again. */
  failed?(job: Job<T>, error: Error, finalAttempt: boolean): Promise<void>;
  /** Called on shutdown once the queue's worker has stopped: finishes work the jobs left behind. */
  drain?(): Promise<void>;
}
