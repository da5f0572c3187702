import { CANNED_BODY_MAX, CANNED_TITLE_MAX, MACRO_STATUSES, type MacroStatus } from '@app/tickets';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { OptionalText } from '../../http/dto-fields.js';

/**
 * POST and PATCH /api/canned-responses (administrators): `{ title?, body?, setStatus?, setSeverity? }`;
 * `null` clears a macro's status or severity. Whether the text's {{variables}} exist is the service's to say.
 */
export class CannedResponseDto {
  @OptionalText(CANNED_TITLE_MAX)
  title?: string;

  @OptionalText(CANNED_BODY_MAX, 'May use {{variables}} (docs/inbox.md).')
  body?: string;

  @ApiPropertyOptional({ enum: [...MACRO_STATUSES], nullable: true })
  @IsOptional()
  @IsIn([...MACRO_STATUSES], { message: `setStatus debe ser ${MACRO_STATUSES.join(', ')} o null` })
  setStatus?: MacroStatus | null;

  @ApiPropertyOptional({ enum: [0, 1, 2, 3], nullable: true })
  @IsOptional()
  @IsIn([0, 1, 2, 3], { message: 'setSeverity debe ser 0, 1, 2, 3 o null' })
  setSeverity?: number | null;
}
