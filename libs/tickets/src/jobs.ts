import { randomUUID } from 'node:crypto';
import type { DefaultJobOptions } from 'bullmq';

/** Every queue, job name and payload of Ventanilla, in one place. */
export const QUEUES = {
  /** Stored inbound items to turn into tickets or messages. */
  intake: 'intake',
  /** Outbox deliveries to send through their channel (ticket messages and maintenance notices). */
  outbound: 'outbound',
  /** SLA moments (at risk, breached, status update owed) and maintenance reminders, as delayed jobs. */
  sla: 'sla',
} as const;

export const JOBS = {
  ingest: 'ingest',
  deliver: 'deliver',
  deliverNotice: 'deliver-notice',
  slaCheck: 'sla-check',
  maintenanceReminder: 'maintenance-reminder',
} as const;

/**
 * Payloads carry ids only: Postgres holds the data and is the source of truth. An intake job carries
 * the items a gateway stored together (one job for a batch: a job costs Redis and the worker about
 * as much for one item as for twenty), or those the recovery sweep queues again.
 */
export interface IngestJob {
  inboundIds: string[];
}

/** An intake job as versions before batched jobs queued it; one may still wait in Redis after an upgrade. */
export interface SingleIngestJob {
  inboundId: string;
}

export const inboundIdsOf = (data: IngestJob | SingleIngestJob): string[] => ('inboundIds' in data ? data.inboundIds : [data.inboundId]);

export interface DeliverJob {
  deliveryId: string;
  /** Attempts made before the job existed (the intake worker's direct send): the job's are numbered after them. */
  attemptsBefore?: number;
}

export interface DeliverNoticeJob {
  noticeId: string;
}

export interface SlaCheckJob {
  ticketId: string;
}

export interface MaintenanceReminderJob {
  windowId: string;
}

// Deterministic ids make a re-enqueue of work still in Redis a no-op (BullMQ rejects ':' in ids).
// An intake job's id is drawn when its items are stored and kept with them (`inbound_items.queue_job_id`),
// so the recovery sweep queues an item again under the id of the job that holds it.
export const newIngestJobId = (): string => `ingest-${randomUUID()}`;
/** The job id of an item stored before its job's id was kept with it. */
export const singleIngestJobId = (inboundId: string): string => `ingest-${inboundId}`;
export const deliverJobId = (deliveryId: string): string => `deliver-${deliveryId}`;
export const noticeJobId = (noticeId: string): string => `notice-${noticeId}`;
// One check per ticket and moment: the same moment scheduled twice (sweep, restart) is one job.
export const slaCheckJobId = (ticketId: string, at: Date): string => `sla-${ticketId}-${at.getTime()}`;
export const maintenanceReminderJobId = (windowId: string): string => `maintenance-reminder-${windowId}`;

export const INTAKE_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { age: 3_600, count: 10_000 },
  // Failed jobs stay visible and retryable for a week.
  removeOnFail: { age: 7 * 24 * 3_600 },
};

export const OUTBOUND_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 10,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 3_600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3_600 },
};

export const SLA_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 10,
  backoff: { type: 'exponential', delay: 1_000 },
  // Kept a day so a moment scheduled again (by the sweep) while recent is recognised as done.
  removeOnComplete: { age: 24 * 3_600 },
  removeOnFail: { age: 7 * 24 * 3_600 },
};
