import { BadRequestException } from '@nestjs/common';
import { isUuid } from '@app/platform';

/** Query-string readers that answer 400 with the parameter's name and what it accepts. */
export function optionalEnum<T extends string>(name: string, value: unknown, allowed: readonly T[]): T | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new BadRequestException(`${name} must be one of ${allowed.join(', ')}`);
}

export function optionalInt(name: string, value: unknown, min: number, max: number): number | undefined {
  if (value === undefined || value === '') return undefined;
  const parsed = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
    throw new BadRequestException(`${name} must be an integer from ${min} to ${max}`);
  }
  return parsed;
}

export function optionalText(name: string, value: unknown, maxLength: number): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || value.length > maxLength) {
    throw new BadRequestException(`${name} must be text of at most ${maxLength} characters`);
  }
  return value.trim() || undefined;
}

export function optionalUuidOr<T extends string>(name: string, value: unknown, keywords: readonly T[]): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'string' && ((keywords as readonly string[]).includes(value) || isUuid(value))) return value;
  throw new BadRequestException(`${name} must be an id or one of ${keywords.join(', ')}`);
}
