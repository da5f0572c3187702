import { availableParallelism } from 'node:os';
import { readEmailSettings, readPhoneSettings, type EmailSettings, type PhoneSettings } from '@app/channels';
import { ConfigError, EnvReader, readMetricsSettings, type Env, type MetricsSettings } from '@app/platform';
import { DEFAULT_ATTACHMENT_RETENTION_DAYS, DEFAULT_RECORDING_RETENTION_DAYS, readCoreConfig, type CoreConfig, type RetentionPolicy } from '@app/tickets';
import { DEFAULT_DETECTION_BACKLOG, DEFAULT_DETECTION_GATHER_MS, type DetectionTiming } from '../intake/detection-timing.js';

/** What a worker process does; all by default. Splitting them lets each part scale on its own. */
export const WORKER_ROLES = ['mailbox', 'intake', 'outbound', 'recovery', 'sla'] as const;
export type WorkerRole = (typeof WORKER_ROLES)[number];

export interface WorkerConfig {
  core: CoreConfig;
  email: EmailSettings;
  phone: PhoneSettings;
  roles: ReadonlySet<WorkerRole>;
  intakeConcurrency: number;
  outboundConcurrency: number;
  /** How long outage detection gathers reports before a run, and how many may wait before intake jobs wait for it. */
  detection: DetectionTiming;
  /** How long a job's lock lasts; a job whose worker died is taken up again after about this long. */
  jobLockMs: number;
  /** How often unfinished work in Postgres is compared with the queue. */
  sweepIntervalMs: number;
  /** How old unfinished work must be before the sweeper re-queues it (its job may still be on its way). */
  sweepGraceMs: number;
  /** How often SLA moments due soon (or missed) are scheduled as delayed jobs; they fire exactly on time. */
  slaScheduleIntervalMs: number;
  /** How often the service's health is recorded for the availability report (one record per minute). */
  healthSampleIntervalMs: number;
  /** How long attachments and recording links of resolved tickets are kept (sla role). */
  retention: RetentionPolicy;
  /** How often the retention policy is applied. */
  retentionIntervalMs: number;
  /** Its /metrics server (METRICS_PORT, METRICS_HOST). */
  metrics: MetricsSettings;
}

/** Reads and validates the worker's settings once; a bad value stops start-up with its name. */
export function loadWorkerConfig(env: Env): WorkerConfig {
  const reader = new EnvReader(env);
  const core = readCoreConfig(reader);
  const roles = reader.list('WORKER_ROLES', [...WORKER_ROLES]);
  const unknown = roles.filter((role) => !(WORKER_ROLES as readonly string[]).includes(role));
  if (unknown.length > 0) throw new ConfigError(`WORKER_ROLES has unknown roles ${unknown.join(', ')}; use ${WORKER_ROLES.join(', ')}`);
  return {
    core,
    email: readEmailSettings(reader, core.supportEmail),
    phone: readPhoneSettings(reader, core.publicBaseUrl),
    roles: new Set(roles as WorkerRole[]),
    intakeConcurrency: reader.int('INTAKE_CONCURRENCY', 64, { min: 1, max: 200 }),
    outboundConcurrency: reader.int('OUTBOUND_CONCURRENCY', 8, { min: 1, max: 200 }),
    detection: {
      gatherMs: reader.int('INCIDENT_DETECTION_GATHER_MS', DEFAULT_DETECTION_GATHER_MS, { min: 0, max: 600_000 }),
      backlog: reader.int('INCIDENT_DETECTION_BACKLOG', DEFAULT_DETECTION_BACKLOG, { min: 1, max: 100_000 }),
    },
    jobLockMs: reader.int('JOB_LOCK_MS', 30_000, { min: 1_000 }),
    sweepIntervalMs: reader.int('SWEEP_INTERVAL_MS', 30_000, { min: 100 }),
    sweepGraceMs: reader.int('SWEEP_GRACE_MS', 60_000, { min: 0 }),
    slaScheduleIntervalMs: reader.int('SLA_SCHEDULE_INTERVAL_MS', 30_000, { min: 100 }),
    healthSampleIntervalMs: reader.int('HEALTH_SAMPLE_INTERVAL_MS', 60_000, { min: 100 }),
    retention: {
      attachmentDays: reader.int('RETENTION_ATTACHMENT_DAYS', DEFAULT_ATTACHMENT_RETENTION_DAYS, { min: 0, max: 36_500 }),
      recordingDays: reader.int('RETENTION_RECORDING_DAYS', DEFAULT_RECORDING_RETENTION_DAYS, { min: 0, max: 36_500 }),
    },
    retentionIntervalMs: reader.int('RETENTION_INTERVAL_MS', 3_600_000, { min: 100 }),
    metrics: readMetricsSettings(reader),
  };
}

export const WORKER_CONFIG = Symbol('WORKER_CONFIG');

/**
 * `npm start`'s worker processes unless WORKER_PROCESSES says: one fewer than the cores, at least one,
 * leaving a core to the gateway, Postgres and Redis that run beside them. On 2 cores one worker
 * confirmed as many calls and chat starts as two at 1,000/s, with 15-30 % less worker CPU, the same
 * p99 at 40/s and fewer statements in the surge (docs/performance.md, thirteenth pass).
 */
export const defaultWorkerProcesses = (): number => Math.max(1, availableParallelism() - 1);
