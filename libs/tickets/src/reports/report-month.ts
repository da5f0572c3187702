import { InvalidInputError } from '../errors.js';

/** A report's month as `YYYY-MM`; anything else is refused with what it must look like. */
export function reportMonth(month: string): string {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new InvalidInputError('El mes (month) debe tener la forma 2026-11.');
  return month;
}
