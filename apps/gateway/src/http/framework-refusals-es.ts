import type { HttpException } from '@nestjs/common';

/** The http-errors types body-parser gives its refusals. */
const BODY_REFUSALS_ES: Record<string, string> = {
  'entity.too.large': 'El cuerpo de la solicitud es demasiado grande.',
  'encoding.unsupported': 'La codificación del cuerpo de la solicitud no se admite.',
  'charset.unsupported': 'El juego de caracteres del cuerpo de la solicitud no se admite.',
  'request.aborted': 'La solicitud se interrumpió antes de terminar.',
  'request.size.invalid': 'El tamaño del cuerpo no coincide con Content-Length.',
  'parameters.too.many': 'El formulario tiene demasiados campos.',
};

/**
 * The Spanish for a refusal that Nest or Express made, not this code: an unknown route, a body
 * that is not JSON, a path with a bad %-escape, body-parser's limits. Their own messages are
 * English ("Cannot GET /x", "Unexpected end of JSON input"); agents and customers read Spanish.
 * Undefined for every other error, whose message is already the one to show.
 */
export function frameworkRefusalEs(error: HttpException): string | undefined {
  const cause = error.cause;
  if (cause instanceof SyntaxError) return 'El cuerpo de la solicitud no es JSON válido.';
  if (cause instanceof URIError) return 'La dirección tiene un carácter mal codificado (%).';
  const type = (cause as { type?: unknown } | undefined)?.type;
  if (typeof type === 'string') return BODY_REFUSALS_ES[type] ?? `La solicitud no se pudo leer (${type}).`;
  const route = /^Cannot ([A-Z]+) (.*)$/.exec(error.message);
  if (error.getStatus() === 404 && route) return `No existe la ruta ${route[1]} ${route[2]}.`;
  return undefined;
}
