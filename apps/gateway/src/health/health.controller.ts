import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse } from '@nestjs/swagger';
import { SystemHealth, type HealthReport } from '@app/tickets';
import type { Response } from 'express';
import { AdminOnly, Public } from '../auth/auth.decorators.js';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.js';
import { HealthReportResponse, PublicHealthResponse } from './dto/health.response.js';

/** What anyone may learn: up or not, and which part fails (names only: no hosts, PIDs or driver errors). */
export type PublicHealth = Pick<HealthReport, 'status' | 'failing'>;

@Controller()
export class HealthController {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly health: SystemHealth,
  ) {}

  /** For load balancers and monitors: 200 when Postgres and Redis answer and queued work is consumed; 503 naming what fails. */
  @Public()
  @Get('health')
  @ApiOkResponse({ type: PublicHealthResponse })
  @ApiServiceUnavailableResponse({ type: PublicHealthResponse, description: 'Something fails: `failing` names it.' })
  async check(@Res({ passthrough: true }) response: Response): Promise<PublicHealth> {
    const { status, failing } = await this.report(response);
    return { status, failing };
  }

  /** Liveness: the process answers (a supervisor restarts it when this stops answering). Asks nothing else. */
  @Public()
  @Get('health/live')
  @ApiOkResponse({ type: PublicHealthResponse })
  live(): PublicHealth {
    return { status: 'ok', failing: [] };
  }

  /** Readiness: Postgres and Redis answer, so a balancer may send requests here; 503 naming which does not. */
  @Public()
  @Get('health/ready')
  @ApiOkResponse({ type: PublicHealthResponse })
  @ApiServiceUnavailableResponse({ type: PublicHealthResponse, description: 'Postgres or Redis does not answer: `failing` names which.' })
  async ready(@Res({ passthrough: true }) response: Response): Promise<PublicHealth> {
    const readiness = await this.health.readiness();
    response.status(readiness.status === 'ok' ? 200 : 503);
    return readiness;
  }

  /** The same, with every check's detail (latencies, errors, workers and their mailbox), for administrators. */
  @AdminOnly()
  @Get('api/health')
  @ApiOkResponse({ type: HealthReportResponse })
  @ApiServiceUnavailableResponse({ type: HealthReportResponse, description: 'Something fails: `failing` names it, `checks` says why.' })
  detail(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    return this.report(response);
  }

  private async report(response: Response): Promise<HealthReport> {
    const report = await this.health.report(this.config.healthMaxQueueAgeMs);
    response.status(report.status === 'ok' ? 200 : 503);
    return report;
  }
}
