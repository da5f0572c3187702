import { createServer } from 'node:http';
import { Queue } from 'bullmq';
import { BASELINE_QUEUES, baselineSettings } from './baseline-config.js';

/**
 * The bare baseline's front: HTTP POST → BullMQ add → 202. Nothing else (no framework, no
 * validation, no durable raw store): the physical limit of this stack on this machine.
 */
const settings = baselineSettings(process.env);
const queue = new Queue(BASELINE_QUEUES.intake, { connection: { url: settings.redisUrl }, prefix: settings.prefix });

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const id = Buffer.concat(chunks).toString() || String(Date.now());
    queue
      .add('event', { id }, { removeOnComplete: true, removeOnFail: true })
      .then(() => response.writeHead(202).end())
      .catch(() => response.writeHead(503).end());
  });
});
server.listen(settings.port, '127.0.0.1', () => console.log('baseline server ready'));
process.on('SIGTERM', () => {
  server.close();
  void queue.close().then(() => process.exit(0));
});
