import { ticketNumberFromQuery } from '@app/tickets';

/** Tickets named in one request, at most: an outage links many, but by hand in batches. */
const MAX_TICKETS = 500;

/** What is wrong with a list of ticket numbers (said after the field's name), or undefined when nothing is. */
export function ticketNumbersProblem(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) return 'debe ser una lista de números de ticket';
  if (value.length > MAX_TICKETS) return `may name at most ${MAX_TICKETS} tickets`;
  const wrong = value.find((item) => numberOf(item) === undefined);
  return wrong === undefined ? undefined : `tiene ${String(JSON.stringify(wrong)).slice(0, 40)}, que no es un número de ticket`;
}

/** The list with every number in full (`4` → `IF-000004`), or undefined when it is not a valid list. */
export function toTicketNumbers(value: unknown): string[] | undefined {
  if (!Array.isArray(value) || ticketNumbersProblem(value) !== undefined) return undefined;
  return value.map((item) => numberOf(item)!);
}

function numberOf(item: unknown): string | undefined {
  return typeof item === 'string' || typeof item === 'number' ? ticketNumberFromQuery(String(item).slice(0, 40)) : undefined;
}
