import { Controller, Get, Inject, Res } from '@nestjs/common';
import { SystemHealth, type HealthReport } from '@app/tickets';
import type { Response } from 'express';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.js';

@Controller('health')
export class HealthController {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly health: SystemHealth,
  ) {}

  /** 200 when Postgres and Redis answer and queued work is being consumed; 503 naming what fails. */
  @Get()
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    const report = await this.health.report(this.config.healthMaxQueueAgeMs);
    response.status(report.status === 'ok' ? 200 : 503);
    return report;
  }
}
