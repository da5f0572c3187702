import { PickType } from '@nestjs/swagger';
import { SEVERITIES, type PublicStatus, type Severity } from '@app/tickets';
import { MaintenanceWindowResponse } from '../../maintenance/dto/maintenance.response.js';
import { Bool, Enum, Nested, Text, Time } from '../../openapi/response-fields.js';

// What GET /status answers (anyone may ask; no personal data), for the OpenAPI document.

export class StatusUpdateResponse {
  @Time()
  at!: string;

  @Text()
  text!: string;
}

export class OpenIncidentResponse {
  @Text()
  title!: string;

  @Enum(SEVERITIES)
  severity!: Severity;

  @Time()
  since!: string;

  @Nested(() => StatusUpdateResponse, { nullable: true, description: 'The latest update agents published, if any.' })
  lastUpdate!: StatusUpdateResponse | null;
}

/** A window as the public sees it: no id, no bookkeeping. */
export class MaintenanceNoticeResponse extends PickType(MaintenanceWindowResponse, ['startsAt', 'endsAt', 'description'] as const) {
  @Bool({ description: 'The window has begun.' })
  active!: boolean;
}

export class PublicStatusResponse implements PublicStatus {
  @Nested(() => OpenIncidentResponse, { isArray: true, description: 'Failures agents confirmed and have not closed.' })
  incidents!: OpenIncidentResponse[];

  @Nested(() => MaintenanceNoticeResponse, { isArray: true, description: 'Maintenance windows not yet over (announced or going on).' })
  maintenance!: MaintenanceNoticeResponse[];
}
