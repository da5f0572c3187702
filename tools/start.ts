import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CONFIG_ERROR_EXIT_CODE, ConfigError, EnvReader, loadDotEnv } from '@app/platform';
import { describeMigration, migrate, readCoreConfig } from '@app/tickets';
import { loadGatewayConfig } from '../apps/gateway/src/config/gateway-config.js';
import { defaultWorkerProcesses, loadWorkerConfig } from '../apps/worker/src/config/worker-config.js';

/**
 * `npm start`: checks every setting, applies migrations, then runs the gateway and
 * `WORKER_PROCESSES` workers (default: one fewer than the cores, at least one), each a process of
 * its own. A process that dies is started again (after a pause that grows while it keeps dying),
 * unless it stopped on a bad setting; SIGINT/SIGTERM stop them all gracefully.
 */
const APPS = {
  gateway: fileURLToPath(new URL('../apps/gateway/src/main.js', import.meta.url)),
  worker: fileURLToPath(new URL('../apps/worker/src/main.js', import.meta.url)),
};

let stopping = false;
const children = new Map<string, ChildProcess>();

/** Runs `app` as the process called `name` (e.g. worker-2). */
function run(app: keyof typeof APPS, name: string = app, restarts = 0): void {
  const startedAt = Date.now();
  const env = app === 'worker' ? workerEnv(process.env, name) : process.env;
  // Their own process group: a terminal's Ctrl+C reaches only this supervisor, which stops them once.
  const child = spawn(process.execPath, [APPS[app]], { stdio: 'inherit', env, detached: true });
  children.set(name, child);
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (stopping) {
      if (children.size === 0) process.exit(0);
      return;
    }
    if (code === CONFIG_ERROR_EXIT_CODE) {
      console.error(`${name} stopped on a bad setting; fix it and start again`);
      stop('SIGTERM');
      return;
    }
    const stable = Date.now() - startedAt > 60_000;
    const attempt = stable ? 0 : restarts + 1;
    const delay = Math.min(30_000, 1_000 * 2 ** Math.min(attempt, 5));
    console.error(`${name} exited (${signal ?? code}); starting it again in ${delay / 1_000} s`);
    setTimeout(() => run(app, name, attempt), delay);
  });
}

/** METRICS_PORT as the apps read it (checked before this runs); 0 when unset: no /metrics. */
const metricsPortOf = (env: NodeJS.ProcessEnv): number => Number(env.METRICS_PORT?.trim() || 0);

/**
 * Every process shares one environment here: each worker's /metrics goes on a port after the
 * gateway's (worker or worker-1: the next one, worker-n: n after it).
 */
function workerEnv(env: NodeJS.ProcessEnv, name: string): NodeJS.ProcessEnv {
  const port = metricsPortOf(env);
  const offset = Number(/-(\d+)$/.exec(name)?.[1] ?? 1);
  return port > 0 ? { ...env, METRICS_PORT: String(port + offset) } : env;
}

/** The workers' /metrics ports (METRICS_PORT + 1 … + n) must not take the gateway's PORT: it would never start. */
function checkWorkerMetricsPorts(env: NodeJS.ProcessEnv, workers: number): void {
  const metrics = metricsPortOf(env);
  const port = Number(env.PORT?.trim() || 3000);
  if (metrics > 0 && port > metrics && port <= metrics + workers) {
    throw new ConfigError(`METRICS_PORT ${metrics} gives the workers' metrics ports ${metrics + 1}-${metrics + workers}, which take PORT ${port}; choose a METRICS_PORT outside ${port - workers}-${port}`);
  }
}

function stop(signal: NodeJS.Signals): void {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping ${[...children.keys()].join(', ')}`);
  if (children.size === 0) process.exit(0);
  for (const child of children.values()) child.kill('SIGTERM');
  setTimeout(() => process.exit(1), 30_000).unref();
}

async function main(): Promise<void> {
  loadDotEnv();
  // Every setting of both apps, before anything starts: a typo stops here with its name.
  loadGatewayConfig(process.env);
  loadWorkerConfig(process.env);
  const reader = new EnvReader(process.env);
  const { databaseUrl } = readCoreConfig(reader);
  const workers = reader.int('WORKER_PROCESSES', defaultWorkerProcesses(), { min: 1, max: 64 });
  checkWorkerMetricsPorts(process.env, workers);
  for (const line of describeMigration(await migrate(databaseUrl))) console.log(line);
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  run('gateway');
  for (let index = 1; index <= workers; index += 1) run('worker', workers === 1 ? 'worker' : `worker-${index}`);
}

main().catch((error: unknown) => {
  console.error(`Ventanilla could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
