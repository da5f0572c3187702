import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

/**
 * The field rules DTO classes are made of: each validates (class-validator), converts
 * (class-transformer) and describes itself in the OpenAPI document (@nestjs/swagger), with a
 * message that names the field and says what it accepts.
 */

/** Text that must be there and not blank, with a size cap. */
export const RequiredText = (maxLength: number, description?: string) =>
  applyDecorators(
    ApiProperty({ type: String, maxLength, description }),
    IsDefined({ message: '$property is required and must be text' }),
    IsString({ message: '$property is required and must be text' }),
    Matches(/\S/, { message: '$property is required and must be text' }),
    MaxLength(maxLength, { message: `$property must be at most ${maxLength} characters` }),
  );

/** Text that may be left out (or null), with a size cap. */
export const OptionalText = (maxLength: number, description?: string) =>
  applyDecorators(
    ApiPropertyOptional({ type: String, maxLength, description }),
    IsOptional(),
    IsString({ message: '$property must be text' }),
    MaxLength(maxLength, { message: `$property must be at most ${maxLength} characters` }),
  );

export const OptionalBoolean = (description?: string) =>
  applyDecorators(ApiPropertyOptional({ type: Boolean, description }), IsOptional(), IsBoolean({ message: '$property must be true or false' }));

/** One of a list of words. */
export const OneOf = (values: readonly string[], { required = false, description }: { required?: boolean; description?: string } = {}) =>
  applyDecorators(
    (required ? ApiProperty : ApiPropertyOptional)({ enum: [...values], description }),
    ...(required ? [IsDefined({ message: `$property must be one of ${values.join(', ')}` })] : [IsOptional()]),
    IsIn([...values], { message: `$property must be one of ${values.join(', ')}` }),
  );

/** A query parameter left empty (`?status=`) counts as left out. */
const emptyIsAbsent = Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value));

/** A query word from a list (empty: absent). */
export const QueryOneOf = (values: readonly string[], description?: string) =>
  applyDecorators(emptyIsAbsent, OneOf(values, { description }));

/** A whole number in a query, written in digits only (empty: absent). */
export const QueryInt = (min: number, max: number, description?: string) =>
  applyDecorators(
    ApiPropertyOptional({ type: Number, minimum: min, maximum: max, description }),
    Transform(({ value }: { value: unknown }) => (value === '' || value === undefined ? undefined : typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : NaN)),
    IsOptional(),
    IsInt({ message: `$property must be an integer from ${min} to ${max}` }),
    Min(min, { message: `$property must be an integer from ${min} to ${max}` }),
    Max(max, { message: `$property must be an integer from ${min} to ${max}` }),
  );

/** Free text in a query, trimmed (empty: absent). */
export const QueryText = (maxLength: number, description?: string) =>
  applyDecorators(
    ApiPropertyOptional({ type: String, maxLength, description }),
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || undefined : value)),
    IsOptional(),
    IsString({ message: `$property must be text of at most ${maxLength} characters` }),
    MaxLength(maxLength, { message: `$property must be text of at most ${maxLength} characters` }),
  );
