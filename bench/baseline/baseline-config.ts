/** Queue names and settings the bare baseline's two processes share (environment, no framework). */
export const BASELINE_QUEUES = { intake: 'baseline-intake', confirm: 'baseline-confirm' } as const;

export interface BaselineSettings {
  redisUrl: string;
  databaseUrl: string;
  prefix: string;
  port: number;
  sinkUrl: string;
  concurrency: number;
}

export function baselineSettings(env: NodeJS.ProcessEnv): BaselineSettings {
  return {
    redisUrl: env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    databaseUrl: env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ventanilla_bench',
    prefix: env.QUEUE_PREFIX ?? 'baseline',
    port: Number(env.PORT ?? 3500),
    sinkUrl: env.BASELINE_SINK_URL ?? 'http://127.0.0.1:3501/confirmations',
    concurrency: Number(env.BASELINE_CONCURRENCY ?? 8),
  };
}
