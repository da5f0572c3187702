import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CONFIG_ERROR_EXIT_CODE, EnvReader, loadDotEnv } from '@app/platform';
import { migrate, readCoreConfig } from '@app/tickets';
import { loadGatewayConfig } from '../apps/gateway/src/config/gateway-config.js';
import { loadWorkerConfig } from '../apps/worker/src/config/worker-config.js';

/**
 * `npm start`: checks every setting, applies migrations, then runs the gateway and the worker as
 * two processes. A process that dies is started again (after a pause that grows while it keeps
 * dying), unless it stopped on a bad setting; SIGINT/SIGTERM stop both gracefully.
 */
const APPS = {
  gateway: fileURLToPath(new URL('../apps/gateway/src/main.js', import.meta.url)),
  worker: fileURLToPath(new URL('../apps/worker/src/main.js', import.meta.url)),
};

let stopping = false;
const children = new Map<string, ChildProcess>();

function run(name: keyof typeof APPS, restarts = 0): void {
  const startedAt = Date.now();
  // Their own process group: a terminal's Ctrl+C reaches only this supervisor, which stops them once.
  const child = spawn(process.execPath, [APPS[name]], { stdio: 'inherit', env: name === 'worker' ? workerEnv(process.env) : process.env, detached: true });
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
    setTimeout(() => run(name, attempt), delay);
  });
}

/** Both processes share one environment here: the worker's /metrics goes on the port after the gateway's. */
function workerEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const port = Number(env.METRICS_PORT?.trim() || 0);
  return port > 0 ? { ...env, METRICS_PORT: String(port + 1) } : env;
}

function stop(signal: NodeJS.Signals): void {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping gateway and worker`);
  if (children.size === 0) process.exit(0);
  for (const child of children.values()) child.kill('SIGTERM');
  setTimeout(() => process.exit(1), 30_000).unref();
}

async function main(): Promise<void> {
  loadDotEnv();
  // Every setting of both apps, before anything starts: a typo stops here with its name.
  loadGatewayConfig(process.env);
  loadWorkerConfig(process.env);
  const { databaseUrl } = readCoreConfig(new EnvReader(process.env));
  const applied = await migrate(databaseUrl);
  console.log(applied.length ? `applied migrations: ${applied.join(', ')}` : 'database schema is up to date');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  run('gateway');
  run('worker');
}

main().catch((error: unknown) => {
  console.error(`Ventanilla could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
