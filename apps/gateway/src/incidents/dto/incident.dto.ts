import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDefined, IsIn, IsOptional, ValidateBy } from 'class-validator';
import { INCIDENT_DISMISS_REASON_MAX_CHARS, INCIDENT_TITLE_MAX_CHARS, INCIDENT_UPDATE_MAX_CHARS, type Severity } from '@app/tickets';
import { OneOf, OptionalBoolean, OptionalText, QueryOneOf, RequiredText } from '../../http/dto-fields.js';
import { ticketNumbersProblem, toTicketNumbers } from '../incident-fields.js';

const SEVERITY_MESSAGE = '$property debe ser 0, 1, 2 o 3';

/** A list of ticket numbers, each in full or short (`IF-000004`, `IF-4`, `4`), read as full numbers. */
const TicketNumbers = (description: string) =>
  applyDecorators(
    ApiPropertyOptional({ type: [String], maxItems: 500, description, example: ['IF-000004', '5'] }),
    Transform(({ value }: { value: unknown }) => toTicketNumbers(value) ?? value),
    IsOptional(),
    ValidateBy({
      name: 'ticketNumbers',
      validator: { validate: (value: unknown) => ticketNumbersProblem(value) === undefined, defaultMessage: (args) => `${args?.property ?? 'tickets'} ${ticketNumbersProblem(args?.value)}` },
    }),
  );

/** GET /api/incidents: `dismissed=true` lists only the suspected incidents agents dismissed as false alarms. */
export class IncidentListQuery {
  @QueryOneOf(['true', 'false'], '`true`: only the incidents dismissed as false alarms, latest dismissed first (default: every other one).')
  dismissed?: 'true' | 'false';
}

/** POST /api/incidents: an incident opened by hand. */
export class OpenIncidentDto {
  @RequiredText(INCIDENT_TITLE_MAX_CHARS)
  title!: string;

  @ApiProperty({ enum: [0, 1, 2, 3] })
  @IsDefined({ message: SEVERITY_MESSAGE })
  @IsIn([0, 1, 2, 3], { message: SEVERITY_MESSAGE })
  severity!: Severity;

  @TicketNumbers('Tickets to link at once.')
  tickets?: string[];
}

/** PATCH /api/incidents/:id. */
export class EditIncidentDto {
  @OptionalText(INCIDENT_TITLE_MAX_CHARS)
  title?: string;

  @ApiPropertyOptional({ enum: [0, 1, 2, 3] })
  @IsOptional()
  @IsIn([0, 1, 2, 3], { message: SEVERITY_MESSAGE })
  severity?: Severity;

  @OptionalBoolean('Whether its time counts against availability.')
  countsAsDowntime?: boolean;
}

/** POST /api/incidents/:id/tickets: at least one of the two. */
export class IncidentLinksDto {
  @TicketNumbers('Tickets to link.')
  add?: string[];

  @TicketNumbers('Tickets to unlink.')
  remove?: string[];
}

/** POST /api/incidents/:id/dismiss: a suspected incident that is not one, and optionally why. */
export class DismissIncidentDto {
  @OptionalText(INCIDENT_DISMISS_REASON_MAX_CHARS, 'Why the grouped reports are not one failure (shown on the incident and on each ticket\'s timeline).')
  reason?: string;
}

/** POST /api/incidents/:id/updates and /resolve: what every linked customer is told. */
export class IncidentMessageDto {
  @RequiredText(INCIDENT_UPDATE_MAX_CHARS)
  body!: string;
}

/** POST /api/incidents/:id/updates/preview: the text as it would go out, and as what (an update unless said). */
export class IncidentPreviewDto extends IncidentMessageDto {
  @OneOf(['update', 'resolution'], { description: 'What the text would be sent as (default: update).' })
  kind?: 'update' | 'resolution';
}
