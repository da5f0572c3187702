import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { wellFormed } from '@app/platform';

/**
 * The field rules DTO classes are made of: each validates (class-validator), converts
 * (class-transformer) and describes itself in the OpenAPI document (@nestjs/swagger), with a
 * message that names the field and says what it accepts.
 */

/**
 * What every text field does before its rules: half of a surrogate pair becomes U+FFFD, and a NUL
 * is refused by name. Postgres refuses both (in text and JSON), which would otherwise be a 500 after
 * part of the work was done.
 */
const storableText = () =>
  applyDecorators(
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? wellFormed(value) : value)),
    Matches(/^[^\u0000]*$/, { message: '$property no puede contener el carácter nulo (U+0000)' }),
  );

/** Text that must be there and not blank, with a size cap. */
export const RequiredText = (maxLength: number, description?: string) =>
  applyDecorators(
    ApiProperty({ type: String, maxLength, description }),
    IsDefined({ message: '$property es obligatorio y debe ser texto' }),
    IsString({ message: '$property es obligatorio y debe ser texto' }),
    Matches(/\S/, { message: '$property es obligatorio y debe ser texto' }),
    MaxLength(maxLength, { message: `$property debe tener como máximo ${maxLength} caracteres` }),
    storableText(),
  );

/** Text that must be sent, though it may be empty (an empty text clears what it sets), with a size cap. */
export const PresentText = (maxLength: number, description?: string) =>
  applyDecorators(
    ApiProperty({ type: String, maxLength, description }),
    IsDefined({ message: '$property es obligatorio y debe ser texto (puede ir vacío)' }),
    IsString({ message: '$property es obligatorio y debe ser texto (puede ir vacío)' }),
    MaxLength(maxLength, { message: `$property debe tener como máximo ${maxLength} caracteres` }),
    storableText(),
  );

/** Text that may be left out (or null), with a size cap. */
export const OptionalText = (maxLength: number, description?: string) =>
  applyDecorators(
    ApiPropertyOptional({ type: String, maxLength, description }),
    IsOptional(),
    IsString({ message: '$property debe ser texto' }),
    MaxLength(maxLength, { message: `$property debe tener como máximo ${maxLength} caracteres` }),
    storableText(),
  );

export const OptionalBoolean = (description?: string) =>
  applyDecorators(ApiPropertyOptional({ type: Boolean, description }), IsOptional(), IsBoolean({ message: '$property debe ser true o false' }));

/** One of a list of words. */
export const OneOf = (values: readonly string[], { required = false, description }: { required?: boolean; description?: string } = {}) =>
  applyDecorators(
    (required ? ApiProperty : ApiPropertyOptional)({ enum: [...values], description }),
    ...(required ? [IsDefined({ message: `$property debe ser uno de: ${values.join(', ')}` })] : [IsOptional()]),
    IsIn([...values], { message: `$property debe ser uno de: ${values.join(', ')}` }),
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
    IsInt({ message: `$property debe ser un número entero de ${min} a ${max}` }),
    Min(min, { message: `$property debe ser un número entero de ${min} a ${max}` }),
    Max(max, { message: `$property debe ser un número entero de ${min} a ${max}` }),
  );

/** Free text in a query, trimmed (empty: absent). */
export const QueryText = (maxLength: number, description?: string) =>
  applyDecorators(
    ApiPropertyOptional({ type: String, maxLength, description }),
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || undefined : value)),
    IsOptional(),
    IsString({ message: `$property debe ser texto de como máximo ${maxLength} caracteres` }),
    MaxLength(maxLength, { message: `$property debe ser texto de como máximo ${maxLength} caracteres` }),
    storableText(),
  );
