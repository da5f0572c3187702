import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { StatusBoard } from '@app/platform';

const REPORT_EVERY_MS = 5_000;

/** Tells the rest of the system this gateway is up (the availability sampler counts on it). */
@Injectable()
export class GatewayHeartbeat implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(GatewayHeartbeat.name);
  private timer?: NodeJS.Timeout;

  constructor(private readonly statusBoard: StatusBoard) {}

  onApplicationBootstrap(): void {
    this.report();
    this.timer = setInterval(() => this.report(), REPORT_EVERY_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.statusBoard.clear('gateway').catch(() => undefined);
  }

  private report(): void {
    this.statusBoard.report('gateway', { pid: process.pid }, (REPORT_EVERY_MS * 3) / 1_000).catch((error: Error) => this.logger.debug(`heartbeat failed: ${error.message}`));
  }
}
