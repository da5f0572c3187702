import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { MaintenanceService, type Actor, type MaintenanceWindowEntity } from '@app/tickets';
import { AdminOnly, CurrentActor } from '../auth/auth.decorators.js';
import { UuidPipe } from '../http/uuid.pipe.js';
import { ScheduleMaintenanceDto } from './dto/schedule-maintenance.dto.js';

const present = (window: MaintenanceWindowEntity) => ({
  id: window.id,
  startsAt: window.startsAt,
  endsAt: window.endsAt,
  description: window.description,
  createdAt: window.createdAt,
  cancelledAt: window.cancelledAt,
  reminderSentAt: window.reminderSentAt,
});

/** Planned maintenance windows: every agent sees them; administrators schedule and cancel them. */
@Controller('api/maintenance')
export class MaintenanceController {
  constructor(private readonly maintenance: MaintenanceService) {}

  @Get()
  async list() {
    const [windows, active] = await Promise.all([this.maintenance.list(), this.maintenance.active()]);
    return { items: windows.map(present), active: active ? present(active) : null };
  }

  /** 201 with `warnings` (e.g. a second window in the quarter); 400 when it breaks the 24 h / 7 days rules. */
  @AdminOnly()
  @Post()
  async schedule(@CurrentActor() actor: Actor, @Body() window: ScheduleMaintenanceDto) {
    const result = await this.maintenance.schedule({ startsAt: window.startsAt, endsAt: window.endsAt, description: window.description }, actor);
    return { window: present(result.window), warnings: result.warnings, noticesQueued: result.noticesQueued };
  }

  @AdminOnly()
  @Delete(':id')
  @HttpCode(200)
  async cancel(@Param('id', UuidPipe) id: string) {
    return present(await this.maintenance.cancel(id));
  }
}
