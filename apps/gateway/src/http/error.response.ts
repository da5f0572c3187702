import { Dict, Int, Text } from '../openapi/response-fields.js';

/**
 * Every refusal's body (DomainErrorFilter, and dtoValidation for bad input): the status, its name, a
 * message that says what was wrong, a machine-readable `code` (a precise one such as
 * `timeline_changed` where it exists, else the status's own), the `fields` of a body or query that
 * broke the DTO rules (each field and what it accepts) or a 409's `details`.
 */
export class ErrorResponse {
  @Int({ description: '400, 401, 403, 404, 409, 410, 429...' })
  statusCode!: number;

  @Text({ optional: true, description: 'Bad Request, Unauthorized, Forbidden, Not Found...' })
  error?: string;

  @Text({ description: 'What was wrong, for a person (the inbox shows each refusal in Spanish, by `code` when there is one).' })
  message!: string;

  @Text({
    description:
      'Why, machine-readable: a precise code where there is one (`last_admin`, `timeline_changed`, `attachment_not_found`...), else the status\'s own: `invalid_input` (400), `unauthorized` (401), `forbidden` (403), `not_found` (404), `conflict` (409), `gone` (410), `too_large` (413), `rate_limited` (429), `internal_error` (500).',
  })
  code!: string;

  @Dict('object', { optional: true, description: 'A body or query that broke the DTO rules: each field that was refused, with the reasons (`{ "severity": ["severity debe ser un número entero de 0 a 3"] }`); a rule checked past the shape (an end before its start) names its field in `message` instead.' })
  fields?: Record<string, string[]>;

  @Dict('object', { optional: true, description: 'A conflict\'s particulars (`{ "reason": "timeline_changed", "newEntries": 2 }`).' })
  details?: Record<string, unknown>;
}
