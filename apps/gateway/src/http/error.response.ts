import { Dict, Int, Text } from '../openapi/response-fields.js';

/**
 * Every refusal's body (DomainErrorFilter, and dtoValidation for bad input): the status, its name, a
 * message that says what was wrong, and for some a machine-readable `code` (`invalid_input`,
 * `timeline_changed`...), the 400's `fields` (each field and what it accepts) or a 409's `details`.
 */
export class ErrorResponse {
  @Int({ description: '400, 401, 403, 404, 409, 410, 429...' })
  statusCode!: number;

  @Text({ optional: true, description: 'Bad Request, Unauthorized, Forbidden, Not Found...' })
  error?: string;

  @Text({ description: 'What was wrong, for a person (the inbox shows each refusal in Spanish, by `code` when there is one).' })
  message!: string;

  @Text({ optional: true, description: 'Why, machine-readable: `invalid_input` for bad bodies and queries; domain refusals have their own (`last_admin`, `timeline_changed`...).' })
  code?: string;

  @Dict('object', { optional: true, description: 'Bad input: each field that was refused, with the reasons (`{ "severity": ["severity debe ser un número entero de 0 a 3"] }`).' })
  fields?: Record<string, string[]>;

  @Dict('object', { optional: true, description: 'A conflict\'s particulars (`{ "reason": "timeline_changed", "newEntries": 2 }`).' })
  details?: Record<string, unknown>;
}
