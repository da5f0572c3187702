import { BadRequestException } from '@nestjs/common';

/** JSON body readers that answer 400 with the field's name and what it accepts; every text has a size cap. */
export function requiredText(name: string, value: unknown, maxLength: number): string {
  if (typeof value !== 'string' || value.trim() === '') throw new BadRequestException(`${name} is required and must be text`);
  if (value.length > maxLength) throw new BadRequestException(`${name} must be at most ${maxLength} characters`);
  return value;
}

export function optionalBoolean(name: string, value: unknown): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw new BadRequestException(`${name} must be true or false`);
  return value;
}

export function optionalString(name: string, value: unknown, maxLength: number): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new BadRequestException(`${name} must be text`);
  if (value.length > maxLength) throw new BadRequestException(`${name} must be at most ${maxLength} characters`);
  return value;
}

export function optionalText(name: string, value: unknown, maxLength: number): string {
  return optionalString(name, value, maxLength) ?? '';
}
