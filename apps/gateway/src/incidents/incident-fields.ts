import { BadRequestException } from '@nestjs/common';
import { ticketNumberFromQuery, type Severity } from '@app/tickets';

/** Tickets named in one request, at most: an outage links many, but by hand in batches. */
const MAX_TICKETS = 500;

export function severityField(name: string, value: unknown): Severity {
  if (value !== 0 && value !== 1 && value !== 2 && value !== 3) throw new BadRequestException(`${name} must be 0, 1, 2 or 3`);
  return value;
}

/** A list of ticket numbers, each in full or short (`IF-000004`, `IF-4`, `4`). */
export function ticketNumbersField(name: string, value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new BadRequestException(`${name} must be a list of ticket numbers`);
  if (value.length > MAX_TICKETS) throw new BadRequestException(`${name} may name at most ${MAX_TICKETS} tickets`);
  return value.map((item) => {
    const number = typeof item === 'string' || typeof item === 'number' ? ticketNumberFromQuery(String(item).slice(0, 40)) : undefined;
    if (!number) throw new BadRequestException(`${name} holds ${JSON.stringify(item).slice(0, 40)}, which is not a ticket number`);
    return number;
  });
}
