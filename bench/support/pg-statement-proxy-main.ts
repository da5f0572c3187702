import { PgStatementProxy } from './pg-statement-proxy.js';

/**
 * The statement-counting proxy as a process of its own (forked by PgStatementCounter): listens on
 * the port it is given, then answers `count` and `reset` over the IPC channel.
 */
type Request = { id: number; op: 'count' | 'reset' | 'close' };

async function main(): Promise<void> {
  const [host = '127.0.0.1', targetPort = '5432', port] = process.argv.slice(2);
  const proxy = await PgStatementProxy.start({ host, port: Number(targetPort) }, port ? Number(port) : undefined);
  process.on('message', (request: Request) => {
    if (request.op === 'reset') proxy.reset();
    const answer = { id: request.id, count: proxy.count };
    if (request.op === 'close') {
      void proxy.close().then(() => process.send!(answer, () => process.exit(0)));
      return;
    }
    process.send!(answer);
  });
  // Without the bench (its IPC channel gone), this proxy has no reason to live.
  process.on('disconnect', () => process.exit(0));
  process.send!({ id: 0, port: proxy.port });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
