import { BadRequestException } from '@nestjs/common';

/** JSON body readers that answer 400 with the field's name and what it accepts. */
export function requiredText(name: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw new BadRequestException(`${name} is required and must be text`);
  return value;
}

export function optionalBoolean(name: string, value: unknown): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw new BadRequestException(`${name} must be true or false`);
  return value;
}
