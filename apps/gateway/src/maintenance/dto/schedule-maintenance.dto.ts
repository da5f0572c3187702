import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDate } from 'class-validator';
import { FIELD_MAX } from '../../http/field-limits.js';
import { RequiredText } from '../../http/dto-fields.js';

const DATE_MESSAGE = '$property debe ser una fecha y hora ISO 8601 con su desfase horario (por ejemplo, 2027-01-10T02:00:00-06:00)';

/** An ISO 8601 date-time (with its time part) as a Date; anything else stays invalid for @IsDate. */
const IsoDateTime = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : value));

/** POST /api/maintenance (administrators): the 24 h and 7 days rules are the service's (400 with the rule). */
export class ScheduleMaintenanceDto {
  @ApiProperty({ type: String, format: 'date-time', example: '2031-01-01T02:00:00-06:00' })
  @IsoDateTime()
  @IsDate({ message: DATE_MESSAGE })
  startsAt!: Date;

  @ApiProperty({ type: String, format: 'date-time', example: '2031-01-01T04:00:00-06:00' })
  @IsoDateTime()
  @IsDate({ message: DATE_MESSAGE })
  endsAt!: Date;

  @RequiredText(FIELD_MAX.note, 'What customers are told.')
  description!: string;
}
