import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { MaintenanceService, type Actor, type MaintenanceListJson, type MaintenanceWindowEntity, type MaintenanceWindowJson, type ScheduledMaintenanceJson } from '@app/tickets';
import { AdminOnly, CurrentActor } from '../auth/auth.decorators.js';
import { UuidPipe } from '../http/uuid.pipe.js';
import { MaintenanceListResponse, MaintenanceWindowResponse, ScheduledMaintenanceResponse } from './dto/maintenance.response.js';
import { ScheduleMaintenanceDto } from './dto/schedule-maintenance.dto.js';

const present = (window: MaintenanceWindowEntity): MaintenanceWindowJson => ({
  id: window.id,
  startsAt: window.startsAt.toISOString(),
  endsAt: window.endsAt.toISOString(),
  description: window.description,
  createdAt: window.createdAt.toISOString(),
  cancelledAt: window.cancelledAt?.toISOString() ?? null,
  reminderSentAt: window.reminderSentAt?.toISOString() ?? null,
});

/** Planned maintenance windows: every agent sees them; administrators schedule and cancel them. */
@Controller('api/maintenance')
export class MaintenanceController {
  constructor(private readonly maintenance: MaintenanceService) {}

  @Get()
  @ApiOkResponse({ type: MaintenanceListResponse })
  async list(): Promise<MaintenanceListJson> {
    const [windows, active] = await Promise.all([this.maintenance.list(), this.maintenance.active()]);
    return { items: windows.map(present), active: active ? present(active) : null };
  }

  /** 201 with `warnings` (e.g. a second window in the quarter); 400 when it breaks the 24 h / 7 days rules. */
  @AdminOnly()
  @Post()
  @ApiCreatedResponse({ type: ScheduledMaintenanceResponse })
  async schedule(@CurrentActor() actor: Actor, @Body() window: ScheduleMaintenanceDto): Promise<ScheduledMaintenanceJson> {
    const result = await this.maintenance.schedule({ startsAt: window.startsAt, endsAt: window.endsAt, description: window.description }, actor);
    return { window: present(result.window), warnings: result.warnings, noticesQueued: result.noticesQueued };
  }

  @AdminOnly()
  @Delete(':id')
  @HttpCode(200)
  @ApiOkResponse({ type: MaintenanceWindowResponse })
  async cancel(@Param('id', UuidPipe) id: string): Promise<MaintenanceWindowJson> {
    return present(await this.maintenance.cancel(id));
  }
}
