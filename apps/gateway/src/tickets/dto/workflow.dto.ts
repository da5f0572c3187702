import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, ValidateBy } from 'class-validator';
import { isUuid } from '@app/platform';
import { FIELD_MAX } from '../../http/field-limits.js';
import { OneOf, OptionalText, PresentText, RequiredText } from '../../http/dto-fields.js';

/** The bodies of the ticket workflow's steps (ticket-workflow.controller.ts); whether a step is allowed is the domain's. */

export const PATCHABLE_STATUSES = ['open', 'waiting_customer', 'pending_release', 'resolved'] as const;

/** PATCH /api/tickets/:number: `severity` and/or `status`, with what each needs. */
export class UpdateTicketDto {
  @ApiPropertyOptional({ enum: [0, 1, 2, 3] })
  @IsOptional()
  @IsIn([0, 1, 2, 3], { message: 'severity debe ser 0, 1, 2 o 3' })
  severity?: number;

  @OneOf(PATCHABLE_STATUSES, { description: '`resolved` needs `resolution`.' })
  status?: (typeof PATCHABLE_STATUSES)[number];

  @OptionalText(FIELD_MAX.note, 'Why the severity changed (or, with a status, the note).')
  reason?: string;

  @OptionalText(FIELD_MAX.note, 'What solved it (status `resolved`).')
  resolution?: string;

  @OptionalText(FIELD_MAX.note)
  note?: string;
}

export class EscalateDto {
  @RequiredText(FIELD_MAX.note)
  reason!: string;
}

/** Why the ticket is not for this tier: the agent who gets it back reads it. */
export class SendBackDto {
  @RequiredText(FIELD_MAX.note)
  reason!: string;
}

export class ResolveDto {
  @RequiredText(FIELD_MAX.note)
  resolution!: string;
}

export class ReopenDto {
  @OptionalText(FIELD_MAX.note)
  reason?: string;
}

/** fix-ready, release, called-back. */
export class NoteDto {
  @OptionalText(FIELD_MAX.note)
  note?: string;
}

/** What the customer reads in the next status update: required, so a body without it does not clear the note by accident; "" clears it. */
export class ProgressDto {
  @PresentText(FIELD_MAX.note, 'The progress the customer reads in the next status update; an empty text clears it.')
  note!: string;
}

/** `{ agentId }` assigns, `{ agentId: null }` unassigns. */
export class AssignDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  @ValidateBy({ name: 'agentId', validator: { validate: (value: unknown) => value === null || isUuid(value), defaultMessage: () => 'agentId debe ser el id de un agente o null' } })
  agentId!: string | null;
}

export class MergeDto {
  @RequiredText(FIELD_MAX.ticketNumber, 'The other ticket of the same customer, in full or short ("4", "IF-4").')
  into!: string;
}
