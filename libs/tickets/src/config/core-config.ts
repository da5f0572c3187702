import { type EnvReader } from './env-reader.js';

/** Settings every process of Ventanilla shares: stores, queues and the support identity. */
export interface CoreConfig {
  databaseUrl: string;
  redisUrl: string;
  /** Prefix of every BullMQ key, so several deployments (or test runs) can share a Redis. */
  queuePrefix: string;
  supportEmail: string;
  publicBaseUrl: string;
  sla: { attentionMinutes: number; solutionMinutes: number };
  /** Confirmations one sender may receive per hour before we stop answering (loop guard). */
  confirmationsPerSenderPerHour: number;
  /** Named points where a test may ask the process to crash (see README, "Fault injection"). */
  faultPoints: ReadonlySet<string>;
}

export function readCoreConfig(env: EnvReader): CoreConfig {
  return {
    databaseUrl: env.url('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/ventanilla', ['postgres:', 'postgresql:']),
    redisUrl: env.url('REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']),
    queuePrefix: env.string('QUEUE_PREFIX', 'ventanilla'),
    supportEmail: env.email('SUPPORT_EMAIL', 'portalgratuito@interfactura.com'),
    publicBaseUrl: env.url('PUBLIC_BASE_URL', 'http://localhost:3000', ['http:', 'https:']).replace(/\/+$/, ''),
    sla: {
      attentionMinutes: env.int('SLA_ATTENTION_MINUTES', 120, { min: 1 }),
      solutionMinutes: env.int('SLA_SOLUTION_MINUTES', 480, { min: 1 }),
    },
    confirmationsPerSenderPerHour: env.int('CONFIRMATIONS_PER_SENDER_PER_HOUR', 3, { min: 1 }),
    faultPoints: new Set(env.list('FAULT_INJECT', [])),
  };
}
