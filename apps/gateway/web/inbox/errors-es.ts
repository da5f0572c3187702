import { TICKET_STATUSES, type TicketStatus } from '@shared/tickets/domain.js';
import { ticketStatusEs } from '@shared/tickets/status-words-es.js';

/**
 * What the inbox tells an agent when the API refuses something, always in Spanish: by the error's
 * `code` when the server sends one, else the server's own message (the server writes Spanish),
 * else by the HTTP status. Texts recorded in English before the server wrote Spanish (reasons in a
 * ticket's history) are translated when known. An English message is never shown as it came.
 */
export interface RefusalLike {
  status: number;
  message: string;
  code?: string | null;
}

/** Codes the server sends (`code` in the error body, or `details.code` / `details.reason`). */
export const ERROR_CODES_ES: Record<string, string> = {
  canned_title_taken: 'Ya existe una respuesta predefinida con ese título.',
  timeline_changed: 'El ticket cambió mientras escribías: revisa el historial antes de enviar.',
  rate_limited: 'Demasiados intentos seguidos; espera un momento y vuelve a intentarlo.',
  agent_email_taken: 'Ya existe un agente con ese correo.',
  last_admin: 'Es el último administrador activo: nombra a otro administrador antes.',
  merge_other_customer: 'Solo se pueden fusionar tickets del mismo cliente.',
  maintenance_notice_too_short: 'Un mantenimiento se anuncia con al menos 7 días de anticipación.',
  maintenance_too_long: 'Un mantenimiento dura como máximo 24 horas.',
  attachment_type: 'Solo se pueden enviar imágenes (PNG, JPG, GIF, WebP), PDF, XML y ZIP, y la extensión debe corresponder al contenido del archivo.',
  attachment_too_large: 'El archivo pesa más de lo permitido.',
  attachment_empty: 'El archivo está vacío.',
  attachment_name: 'El archivo no tiene nombre.',
  missed_call_not_pending: 'Esa llamada ya se devolvió o no está pendiente.',
  call_back_not_l3: 'L3 no devuelve llamadas; lo hacen L1 o L2.',
  incident_not_suspected: 'El incidente ya estaba confirmado o resuelto.',
  incident_resolved: 'El incidente ya está resuelto: no cambia ni se envían más mensajes.',
  incident_not_confirmed: 'Confirma el incidente antes de escribir a los clientes.',
  incident_dismissed: 'El incidente fue descartado: ya no cambia ni se envían mensajes por él.',
  attachment_phone: 'Las respuestas por SMS no llevan archivos: adjúntalo a una nota interna o escríbele al cliente por correo.',
};

/** A status as the older English refusals named it ("the ticket is already resolved"). */
const status = (name: string): string => ((TICKET_STATUSES as readonly string[]).includes(name) ? ticketStatusEs(name as TicketStatus) : name);

/** English texts the server wrote before it wrote Spanish; they stay in older tickets' histories. */
const KNOWN_MESSAGES: Array<[RegExp, (...groups: string[]) => string]> = [
  [/^L3 Development is the last tier/, () => 'L3 (Desarrollo) es el último nivel: no se escala más.'],
  [/^a (\w+) ticket is not escalated/, (state) => `Un ticket ${status(state)} no se escala.`],
  [/^an escalation needs a reason/, () => 'Escribe el motivo de la escalación.'],
  [/^only an open ticket at L3 can have a fix ready/, () => 'Solo un ticket abierto en L3 puede tener una corrección lista.'],
  [/^only a ticket pending release can be released/, () => 'Solo se libera un ticket pendiente de liberación.'],
  [/^the ticket is already (\w+)/, (state) => `El ticket ya está ${status(state)}.`],
  [/^the fix must be released before the ticket is resolved/, () => 'Primero hay que liberar la corrección; después se resuelve el ticket.'],
  [/^a resolution tells the customer what was done/, () => 'Escribe la solución: es lo que recibe el cliente.'],
  [/^only a resolved ticket can be reopened/, () => 'Solo se reabre un ticket resuelto.'],
  [/^a (\w+) ticket keeps its status/, (state) => `Un ticket ${status(state)} conserva su estado.`],
  [/^the severity is already (\d)/, (severity) => `La severidad ya es ${severity}.`],
  [/^SMTP_URL is not set/, () => 'no hay servidor de correo configurado (SMTP_URL)'],
  [/^TWILIO_AUTH_TOKEN is not set/, () => 'no hay cuenta de Twilio configurada (TWILIO_AUTH_TOKEN)'],
  [/must be announced at least (\d+) days before it starts/, (days) => `Un mantenimiento se anuncia con al menos ${days} días de anticipación.`],
  [/lasts at most (\d+) hours/, (hours) => `Un mantenimiento dura como máximo ${hours} horas.`],
  [/ends? before it starts|must end after it starts/, () => 'El fin del mantenimiento debe ser posterior a su inicio.'],
  [/already a maintenance window in (\S+); maintenance is meant to be quarterly/, (quarter) => `ya hay un mantenimiento en ${quarter}; se espera uno por trimestre`],
  [/overlaps another maintenance window/, () => 'se empalma con otro mantenimiento'],
  [/^an agent with email (\S+) already exists/, (email) => `Ya existe un agente con el correo ${email}.`],
  [/last active administrator/, () => ERROR_CODES_ES.last_admin!],
  [/password must have at least (\d+) characters/, (count) => `La contraseña debe tener al menos ${count} caracteres.`],
  [/^email must be an email address/, () => 'Escribe un correo electrónico válido.'],
  [/only tickets of the same customer can be merged/, () => ERROR_CODES_ES.merge_other_customer!],
  [/cannot be merged into itself/, () => 'Un ticket no se puede fusionar consigo mismo.'],
  [/merged ticket cannot be merged again/, () => 'Un ticket fusionado no se puede volver a fusionar.'],
  [/merged ticket cannot be assigned/, () => 'Un ticket fusionado no se puede asignar.'],
  [/merged ticket keeps its severity/, () => 'Un ticket fusionado conserva su severidad.'],
  [/the ticket was merged; write on the ticket/, () => 'El ticket se fusionó: escribe en el ticket en el que quedó.'],
  [/^(.+) is (L\d); the ticket is at (L\d)$/, (name, tier, at) => `${name} es de ${tier} y el ticket está en ${at}: solo se asigna a alguien de ${at} o a un administrador.`],
  [/^only (L\d) or an administrator assigns this ticket/, (tier) => `Solo ${tier} o un administrador asigna este ticket a otra persona.`],
  [/^tickets at (L\d) are not visible to (L\d)/, (tier, viewer) => `Los tickets de ${tier} no son visibles para ${viewer}.`],
  [/may write to the customer only while the ticket is at/, () => 'Solo puedes escribir al cliente mientras el ticket está en tu nivel.'],
  [/^only (L\d) escalates/, (tier) => `Solo ${tier} escala un ticket que está en ${tier}.`],
  [/^only (.+) resolves this ticket now/, (who) => `Solo ${who.replace(' or ', ' o ')} resuelve este ticket ahora.`],
  [/only L1 Help Desk does this/, () => 'Solo L1 (Help Desk) puede hacer esto.'],
  [/only L2 Operations releases/, () => 'Solo L2 (Operaciones) libera una corrección a producción.'],
  [/only L3 Development hands a fix back/, () => 'Solo L3 (Desarrollo) entrega una corrección.'],
  [/severity is set by L1 Help Desk or L2 Operations/, () => 'La severidad la fijan L1 (Help Desk) o L2 (Operaciones).'],
  [/^Ticket (\S+) does not exist/, (number) => `El ticket ${number} no existe.`],
  [/no call back is pending/, () => 'No hay una llamada por devolver en este ticket.'],
  [/timeline changed since you opened it/, () => ERROR_CODES_ES.timeline_changed!],
  [/^already linked to another incident: (.+)$/, (numbers) => `Ya están en otro incidente: ${numbers}. Desvincúlalos de ese incidente primero.`],
  [/^no such tickets: (.+)$/, (numbers) => `No existen estos tickets: ${numbers}.`],
  [/^merged tickets are not linked.*: (.+)$/, (numbers) => `Estos tickets están fusionados: ${numbers}. Vincula el ticket en el que quedaron.`],
  [/handle incidents; L3 follows them/, () => 'Los incidentes los atienden L1 (Help Desk) y L2 (Operaciones); L3 los sigue.'],
  [/^a resolution tells the customers what was done/, () => 'Escribe la solución: es lo que reciben todos los clientes vinculados.'],
  [/^title must not be empty/, () => 'Escribe el título del incidente.'],
  [/^name tickets to add or remove/, () => 'Escribe el número del ticket.'],
  [/^incident \S+ does not exist/, () => 'El incidente no existe.'],
  [/^(\w+) is required and must be text/, () => 'Falta un dato obligatorio.'],
];

const STATUS_TEXT: Record<number, string> = {
  400: 'Revisa los datos: la solicitud no es válida.',
  401: 'Tu sesión terminó; vuelve a iniciar sesión.',
  403: 'No tienes permiso para hacer esto.',
  404: 'No se encontró lo que buscas.',
  409: 'No se pudo: el ticket cambió de estado. Recárgalo e inténtalo de nuevo.',
  429: ERROR_CODES_ES.rate_limited!,
};

// The server's Spanish messages pass through as they are; a proxy's English page does not.
const SPANISH = /[áéíóúñ¿¡]|\b(el|la|los|las|ya|un|una|uno|solo|es|de|en|con|hay|debe|que|para|por|del|al|se|su|tu|revisa|escribe|falta|usa|variable)\b/i;

/** A text of the server in Spanish: as it came when it is Spanish, translated when it is a known older English one. */
export function knownMessageText(message: string): string | undefined {
  for (const [pattern, text] of KNOWN_MESSAGES) {
    const match = pattern.exec(message);
    if (match) return text(...match.slice(1));
  }
  return SPANISH.test(message) ? message : undefined;
}

export function refusalText(refusal: RefusalLike): string {
  if (refusal.code && ERROR_CODES_ES[refusal.code]) return ERROR_CODES_ES[refusal.code]!;
  if (refusal.status > 0 && refusal.status < 500) {
    const text = knownMessageText(refusal.message);
    if (text) return text;
  }
  if (refusal.status >= 500 || refusal.status === 0) return 'El servidor no pudo completar la acción; inténtalo de nuevo en un momento.';
  return STATUS_TEXT[refusal.status] ?? 'No se pudo completar la acción.';
}
