import { ConfigError, readLoggingSettings, type EnvReader, type LoggingSettings } from '@app/platform';
import { DEFAULT_DETECTION, type DetectionSettings } from '../incidents/incident-detection.js';
import type { Severity } from '../severity/severity.js';
import { DEFAULT_SLA_POLICY, type SlaPolicy } from '../sla/sla-policy.js';

/** Rules for planned maintenance, from the support process (in SLA minutes, so tests can shrink them). */
export interface MaintenancePolicy {
  /** Announced at least this long before it starts [7 days]. */
  noticeMinutes: number;
  /** Lasts at most this long [24 h]. */
  maxMinutes: number;
  /** A reminder goes this long before it starts [24 h]. */
  reminderMinutes: number;
  /** Customers with a ticket in this many days are told [90]. */
  audienceDays: number;
}

/** Settings every process of Ventanilla shares: stores, queues, the support identity and the SLA. */
export interface CoreConfig {
  databaseUrl: string;
  /** Hot-path statements prepared once per connection; off behind a pooler that cannot keep them. */
  preparedStatements: boolean;
  redisUrl: string;
  /** Prefix of every BullMQ key, so several deployments (or test runs) can share a Redis. */
  queuePrefix: string;
  supportEmail: string;
  publicBaseUrl: string;
  sla: SlaPolicy;
  maintenance: MaintenancePolicy;
  /** Confirmations one sender may receive per hour before we stop answering (loop guard). */
  confirmationsPerSenderPerHour: number;
  /** Below this confidence the classifier's severity is marked "revisar severidad" for L1 (0-1). */
  severityReviewBelow: number;
  /** Tickets one address may open by mail per hour; later mails join its latest ticket (0: no limit). */
  mailTicketsPerSenderPerHour: number;
  /** How long the link that verifies a chat's email works [24 h]. */
  verificationLinkTtlMinutes: number;
  /** Largest file an agent or a chat customer may send [10 MiB]. */
  attachmentMaxBytes: number;
  /** How long the link to a file an agent sent in a chat works [7 days]. */
  attachmentLinkTtlDays: number;
  /** Outage mode: when reports close together are linked under one incident. */
  incidents: DetectionSettings;
  /**
   * How long a send once begun is taken to be still running: no other attempt sends the same
   * delivery before then (a slow provider is not a lost send); after a crash mid-send, the retry
   * waits this long. Longer than any send can take, the providers' timeouts included.
   */
  sendLeaseMs: number;
  /** Named points where a test may ask the process to crash (see docs/reliability.md). */
  faultPoints: ReadonlySet<string>;
  logging: LoggingSettings;
}

export function readCoreConfig(env: EnvReader): CoreConfig {
  return {
    databaseUrl: env.url('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/ventanilla', ['postgres:', 'postgresql:']),
    preparedStatements: env.bool('DATABASE_PREPARED_STATEMENTS', true),
    redisUrl: env.url('REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']),
    queuePrefix: env.string('QUEUE_PREFIX', 'ventanilla'),
    supportEmail: env.email('SUPPORT_EMAIL', 'portalgratuito@interfactura.com'),
    // Unset, it follows the gateway's PORT: links in mails name the port the gateway answers on.
    publicBaseUrl: env.url('PUBLIC_BASE_URL', `http://localhost:${env.int('PORT', 3000, { min: 0, max: 65_535 })}`, ['http:', 'https:']).replace(/\/+$/, ''),
    sla: readSlaPolicy(env),
    maintenance: {
      noticeMinutes: env.int('MAINTENANCE_NOTICE_MINUTES', 7 * 24 * 60, { min: 0 }),
      maxMinutes: env.int('MAINTENANCE_MAX_MINUTES', 24 * 60, { min: 1 }),
      reminderMinutes: env.int('MAINTENANCE_REMINDER_MINUTES', 24 * 60, { min: 0 }),
      audienceDays: env.int('MAINTENANCE_AUDIENCE_DAYS', 90, { min: 1 }),
    },
    confirmationsPerSenderPerHour: env.int('CONFIRMATIONS_PER_SENDER_PER_HOUR', 3, { min: 1 }),
    severityReviewBelow: env.int('SEVERITY_REVIEW_BELOW_PERCENT', 60, { min: 0, max: 100 }) / 100,
    mailTicketsPerSenderPerHour: env.int('MAIL_TICKETS_PER_SENDER_PER_HOUR', 10, { min: 0 }),
    verificationLinkTtlMinutes: env.int('VERIFICATION_LINK_TTL_MINUTES', 24 * 60, { min: 1, max: 7 * 24 * 60 }),
    attachmentMaxBytes: env.int('ATTACHMENT_MAX_BYTES', 10 * 1024 * 1024, { min: 1024, max: 25 * 1024 * 1024 }),
    attachmentLinkTtlDays: env.int('ATTACHMENT_LINK_TTL_DAYS', 7, { min: 1, max: 90 }),
    sendLeaseMs: env.int('SEND_LEASE_MS', 120_000, { min: 1_000 }),
    incidents: {
      windowMs: env.int('INCIDENT_WINDOW_MINUTES', DEFAULT_DETECTION.windowMs / 60_000, { min: 1, max: 24 * 60 }) * 60_000,
      joinScore: env.int('INCIDENT_JOIN_PERCENT', Math.round(DEFAULT_DETECTION.joinScore * 100), { min: 1, max: 100 }) / 100,
      pairScore: env.int('INCIDENT_PAIR_PERCENT', Math.round(DEFAULT_DETECTION.pairScore * 100), { min: 1, max: 100 }) / 100,
      minReports: env.int('INCIDENT_MIN_REPORTS', DEFAULT_DETECTION.minReports, { min: 2 }),
      surgeFactor: env.int('INCIDENT_SURGE_FACTOR', DEFAULT_DETECTION.surgeFactor, { min: 2 }),
    },
    faultPoints: new Set(env.list('FAULT_INJECT', [])),
    logging: readLoggingSettings(env),
  };
}

function readSlaPolicy(env: EnvReader): SlaPolicy {
  const atRiskPercent = env.int('SLA_AT_RISK_PERCENT', 75, { min: 1, max: 99 });
  return {
    minuteMs: env.positive('SLA_MINUTE_MS', DEFAULT_SLA_POLICY.minuteMs),
    attentionMinutes: bySeverity(env, 'SLA_ATTENTION_MINUTES', DEFAULT_SLA_POLICY.attentionMinutes, false) as Record<Severity, number>,
    solutionMinutes: bySeverity(env, 'SLA_SOLUTION_MINUTES', DEFAULT_SLA_POLICY.solutionMinutes, false) as Record<Severity, number>,
    atRiskShare: atRiskPercent / 100,
    updateEveryMinutes: bySeverity(env, 'SLA_STATUS_UPDATE_MINUTES', DEFAULT_SLA_POLICY.updateEveryMinutes, true),
  };
}

/** One number for every severity, or four comma-separated (severity 0 to 3); 0 means "none" where allowed. */
function bySeverity(env: EnvReader, name: string, fallback: Record<Severity, number | null>, zeroMeansNone: boolean): Record<Severity, number | null> {
  const raw = env.optionalString(name);
  if (raw === undefined) return fallback;
  const values = raw.split(',').map((value) => Number(value.trim()));
  const all = values.length === 1 ? [values[0]!, values[0]!, values[0]!, values[0]!] : values;
  if (all.length !== 4 || all.some((value) => !Number.isInteger(value) || value < 0 || (!zeroMeansNone && value === 0))) {
    throw new ConfigError(`${name} must be one whole number of minutes, or four (severity 0,1,2,3), got "${raw}"`);
  }
  return { 0: none(all[0]!), 1: none(all[1]!), 2: none(all[2]!), 3: none(all[3]!) };
  function none(value: number): number | null {
    return zeroMeansNone && value === 0 ? null : value;
  }
}
