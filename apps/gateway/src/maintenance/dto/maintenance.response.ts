import type { MaintenanceListJson, MaintenanceWindowJson, ScheduledMaintenanceJson } from '@app/tickets';
import { Int, Nested, Text, Texts, Time } from '../../openapi/response-fields.js';

export class MaintenanceWindowResponse implements MaintenanceWindowJson {
  @Text()
  id!: string;

  @Time()
  startsAt!: string;

  @Time()
  endsAt!: string;

  @Text()
  description!: string;

  @Time()
  createdAt!: string;

  @Time({ nullable: true })
  cancelledAt!: string | null;

  @Time({ nullable: true })
  reminderSentAt!: string | null;
}

export class MaintenanceListResponse implements MaintenanceListJson {
  @Nested(() => MaintenanceWindowResponse, { isArray: true })
  items!: MaintenanceWindowResponse[];

  @Nested(() => MaintenanceWindowResponse, { nullable: true, description: 'The window going on now.' })
  active!: MaintenanceWindowResponse | null;
}

export class ScheduledMaintenanceResponse implements ScheduledMaintenanceJson {
  @Nested(() => MaintenanceWindowResponse)
  window!: MaintenanceWindowResponse;

  @Texts({ description: 'Rules the window bends without breaking (a second window in the quarter...).' })
  warnings!: string[];

  @Int()
  noticesQueued!: number;
}
