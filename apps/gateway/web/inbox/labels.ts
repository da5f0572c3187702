import { CALL_STATUS_ES } from '@shared/tickets/calls/call-status-es.js';
import { ERASURE_OMITTED_REASON, RETENTION_OMITTED_REASON } from '@shared/tickets/privacy/retention-policy.js';
import { SEVERITY_NAMES_ES } from '@shared/tickets/severity/severity.js';
import { knownMessageText } from './errors-es.js';
import type { Channel, Clock, Status, TicketEvent } from './types.js';

// The same short names the customer reads.
export const SEVERITY_LABEL: Record<number, string> = Object.fromEntries(
  Object.entries(SEVERITY_NAMES_ES).map(([severity, name]) => [severity, `Sev ${severity} · ${name}`]),
);

export const STATUS_LABEL: Record<Status, string> = {
  new: 'Nuevo',
  open: 'Abierto',
  waiting_customer: 'Esperando al cliente',
  pending_release: 'Pendiente de liberación',
  resolved: 'Resuelto',
  merged: 'Fusionado',
};

/** Shown beside a contact whose email is only a chat's claim. */
export const UNVERIFIED_LABEL = 'no verificado';
export const REVIEW_LABEL = 'revisar severidad';
export const UNVERIFIED_HINT = 'El correo lo escribió quien inició el chat y aún no lo confirma: no compartas datos de esa cuenta.';

export const CHANNEL_LABEL: Record<Channel, string> = { email: 'Correo', chat: 'Chat', phone: 'Teléfono' };

/** An incident's state as agents read it. */
// "Posible incidente", as the strip above the list says it: one word for one state everywhere.
export const INCIDENT_STATUS_LABEL: Record<string, string> = { suspected: 'Posible incidente', open: 'Confirmado', resolved: 'Resuelto' };

export const TIER_LABEL: Record<string, string> = { L1: 'L1 · Help Desk', L2: 'L2 · Operaciones', L3: 'L3 · Desarrollo' };

export const CLOCK_LABEL: Record<Clock, string> = {
  met: 'cumplido',
  on_track: 'en tiempo',
  at_risk: 'en riesgo',
  breached: 'vencido',
  stopped: 'detenido',
};

/** A reason in a ticket's history in Spanish (older ones were written in English: translated when known). */
const inSpanish = (reason: unknown): string => knownMessageText(String(reason)) ?? String(reason);

const who = (event: TicketEvent): string => String(event.data.by ?? (event.actorType === 'system' ? 'Sistema' : event.actorType === 'contact' ? 'Cliente' : 'Agente'));

/** Who a delivery went to, in words: an address or number, or the customer's chat. */
const recipient = (data: Record<string, unknown>): string => (data.channel === 'chat' ? 'el chat del cliente' : String(data.recipient));
/** "a ana@…", but "al chat del cliente" (a + el contracts). */
const deliveredTo = (data: Record<string, unknown>): string => (data.channel === 'chat' ? 'al chat del cliente' : `a ${String(data.recipient)}`);

/** Why a message to the customer was not sent, in words (the codes come from the outbox). */
const SUPPRESSION_REASON: Record<string, string> = {
  address_undeliverable: 'su dirección de correo rebotó; no se le envían correos hasta que escriba desde ella o un envío se entregue',
  rate_limited: 'ya se le enviaron demasiadas confirmaciones en la última hora',
  no_address: 'no hay a dónde enviarlo',
};

const suppression = (data: Record<string, unknown>): string => SUPPRESSION_REASON[String(data.reason)] ?? String(data.reason);

/** The address a bounce was about (older events listed every recipient of the report). */
const bouncedAddress = (data: Record<string, unknown>): string =>
  data.recipient ? String(data.recipient) : Array.isArray(data.recipients) ? data.recipients.join(', ') : 'el cliente';

/** One line, in Spanish, for an event of the ticket's log. */
export function describeEvent(event: TicketEvent): string {
  const data = event.data;
  switch (event.type) {
    case 'created':
      return data.channel ? `Ticket creado desde ${CHANNEL_LABEL[data.channel as Channel] ?? String(data.channel)}` : 'Ticket creado';
    case 'severity_set':
      return `Severidad ${String(data.severity)} asignada (${data.source === 'customer' ? 'elegida por el cliente' : 'automática'})`;
    case 'severity_changed':
      return `${who(event)} cambió la severidad de ${String(data.from)} a ${String(data.to)}${data.reason ? `: ${String(data.reason)}` : ''}`;
    case 'escalated':
      return `${who(event)} escaló de ${String(data.from)} a ${String(data.to)}: ${String(data.reason)}${data.automatic ? ' (automático)' : ''}`;
    case 'sent_back':
      return `${who(event)} devolvió el ticket de ${String(data.from)} a ${String(data.to)}: ${String(data.reason)}`;
    case 'fix_ready':
      return `${who(event)} entregó la corrección a Operaciones (pendiente de liberación)${data.note ? `: ${String(data.note)}` : ''}`;
    case 'released':
      return `${who(event)} liberó la corrección a producción y regresó el ticket a Help Desk${data.note ? `: ${String(data.note)}` : ''}`;
    case 'resolved':
      return `${who(event)} resolvió el ticket`;
    case 'reopened':
      return `Ticket reabierto${data.reason === 'customer_message' ? ' por un mensaje del cliente' : data.by ? ` por ${String(data.by)}` : ''}`;
    case 'assigned':
      // Back down the tiers, it goes to whoever sent it up: said so, not as a plain assignment.
      if (data.handedBack) return `El ticket regresó a ${String(data.assigneeName)}, quien lo había escalado`;
      // Taking it is assigning it to oneself: "Ana asignó el ticket a Ana" reads oddly.
      return event.actorId !== null && data.assigneeId === event.actorId ? `${who(event)} tomó el ticket` : `${who(event)} asignó el ticket a ${String(data.assigneeName)}`;
    case 'unassigned':
      return `${who(event)} dejó el ticket sin asignar`;
    case 'status_changed':
      return `${who(event)} cambió el estado a ${STATUS_LABEL[data.to as Status] ?? String(data.to)}`;
    case 'merged_into':
      return `${who(event)} fusionó este ticket en ${String(data.into)}`;
    case 'merged_from':
      return `${who(event)} fusionó aquí el ticket ${String(data.from)}`;
    case 'confirmation_queued':
      return `Confirmación en cola para ${recipient(data)}`;
    case 'confirmation_sent':
      return `Confirmación enviada ${deliveredTo(data)}`;
    case 'confirmation_suppressed':
      return `Confirmación no enviada: ${suppression(data)}`;
    case 'reply_suppressed':
    case 'resolution_suppressed':
    case 'survey_suppressed':
    case 'severity_change_suppressed':
    case 'status_update_suppressed':
      return `Mensaje no enviado${data.channel ? ` por ${CHANNEL_LABEL[data.channel as Channel] ?? String(data.channel)}` : ''}: ${suppression(data)}`;
    case 'reply_sent':
    case 'resolution_sent':
    case 'severity_change_sent':
    case 'status_update_sent':
      return `Mensaje entregado ${deliveredTo(data)}`;
    case 'delivery_failed':
      return `Falló un envío (intento ${String(data.attempt)}${data.willRetry ? ', se reintentará' : ', sin más intentos'}): ${String(data.error)}`;
    case 'delivery_held':
      return `Envío retenido: ${inSpanish(data.reason)}`;
    case 'delivery_bounced':
      return `Rebotó el correo enviado a ${bouncedAddress(data)}${data.permanent ? ' (falla permanente)' : ' (aviso de retraso)'}${data.diagnostic ? `: ${String(data.diagnostic)}` : ''}${
        data.notMarkedReason === 'recipient_not_in_report' ? '. La dirección no se marcó: el aviso no la menciona' : ''
      }`;
    case 'email_marked_undeliverable':
      return `La dirección ${String(data.address)} quedó marcada como no entregable: no se le enviarán correos hasta que el cliente escriba desde ella o un envío se entregue`;
    case 'email_mark_cleared':
      return `La dirección ${String(data.address)} vuelve a recibir correos (${data.reason === 'customer_mail' ? 'el cliente escribió desde ella' : 'se entregó un envío'})`;
    case 'ticket_limit_reached':
      return `Correo agregado a este ticket en lugar de abrir uno nuevo: el remitente ya abrió ${String(data.openedLastHour)} tickets por correo en la última hora (límite: ${String(data.limit)})`;
    case 'first_response':
      return 'Primera respuesta al cliente';
    case 'call_recording_received':
      return `Llegó la grabación de la llamada (${String(data.durationSeconds ?? '?')} s)`;
    case 'call_transcribed':
      return 'Llegó la transcripción de la llamada';
    case 'call_ended':
      return `Terminó la llamada (${CALL_STATUS_ES[String(data.status)] ?? String(data.status ?? '')}, ${String(data.durationSeconds ?? '?')} s)`;
    case 'missed_call':
      return 'Llamada sin mensaje: hay que devolver la llamada';
    case 'called_back':
      return `${who(event)} devolvió la llamada${data.note ? `: ${String(data.note)}` : ''}`;
    case 'missed_call_cleared':
      return 'Llegó el mensaje de la llamada; ya no hace falta devolverla';
    case 'sla_attention_at_risk':
      return 'Atención en riesgo: se usó el 75 % del plazo';
    case 'sla_attention_breached':
      return 'Venció el plazo de atención';
    case 'sla_solution_at_risk':
      return 'Solución en riesgo: se usó el 75 % del plazo';
    case 'sla_solution_breached':
      return 'Venció el plazo de solución';
    case 'sla_breach_not_escalated':
      return `Venció el plazo de solución; no se escaló (${inSpanish(data.reason)})`;
    case 'deadlines_recomputed':
      return `Plazos recalculados (${String(data.reason)}): ${String(data.explanation ?? '')}`;
    case 'severity_confirmed':
      return `${who(event)} confirmó la severidad propuesta (${String(data.severity)})`;
    case 'progress_note_set':
      return `${who(event)} escribió el avance para las actualizaciones`;
    case 'status_update_owed':
      return 'Actualización de estatus al cliente';
    case 'note_added':
      return `${who(event)} agregó una nota interna`;
    case 'verification_queued':
      return `Enlace para confirmar el correo en cola para ${String(data.recipient)}`;
    case 'verification_sent':
      return `Enlace para confirmar el correo enviado a ${String(data.recipient)}`;
    case 'verification_suppressed':
      return `Enlace para confirmar el correo no enviado (${String(data.reason)})`;
    case 'attachments_expired':
      return `Adjuntos eliminados por retención: ${String(data.attachments)} (${String(data.retentionDays)} días después de resolverse)`;
    case 'recording_expired':
      return `Grabación de la llamada eliminada por retención (${String(data.retentionDays)} días después de resolverse)`;
    case 'contact_erased':
      return `${who(event)} eliminó los datos personales del cliente (solicitud ARCO)`;
    case 'survey_sent':
      return `Encuesta de satisfacción enviada ${deliveredTo(data)}`;
    case 'thanks_received':
      return 'El cliente agradeció; el ticket sigue resuelto';
    case 'survey_answered':
      return `El cliente calificó la atención: ${String(data.rating)} de 5${data.label ? ` (${String(data.label)})` : ''}`;
    case 'survey_commented':
      return `El cliente comentó en la encuesta: ${String(data.comment)}`;
    case 'incident_linked':
      return `${who(event)} vinculó el ticket a un incidente${data.atIntake ? ' al recibirlo' : ''}${data.reason ? `: ${String(data.reason)}` : ''}`;
    case 'incident_unlinked':
      return `${who(event)} desvinculó el ticket del incidente`;
    case 'incident_dismissed':
      return `${who(event)} descartó el posible incidente del ticket (no era una misma falla)${data.reason ? `: ${String(data.reason)}` : ''}`;
    case 'incident_update_sent':
      return `${who(event)} envió una actualización del incidente al cliente`;
    case 'contact_verified':
      return `El cliente confirmó su correo ${String(data.email)}${data.joinedExisting ? ' y el chat se unió a su historial' : ''}`;
    default:
      return `Otro evento del ticket (${event.type})`;
  }
}

/** Why an attachment has no file to download, in words. */
export function omittedAttachmentLabel(reason: string | null): string {
  if (reason === RETENTION_OMITTED_REASON) return 'eliminado por retención';
  if (reason === ERASURE_OMITTED_REASON) return 'eliminado por solicitud ARCO';
  return 'no guardado';
}

/** Events shown in the timeline; the rest (queueing, message arrivals) the messages already show. */
export const QUIET_EVENTS = new Set([
  'message_received',
  'reply_added',
  'note_added',
  'reply_queued',
  'resolution_queued',
  'severity_change_queued',
  'status_update_queued',
  'survey_queued',
  'automated_message_received',
]);

/** A report row's group in words: "Canal Correo", "Severidad Sev 0 · …", "Nivel L2 · Operaciones". */
export function reportGroupLabel(dimension: string, key: string): string {
  switch (dimension) {
    case 'all':
      return 'Total';
    case 'channel':
      return `Canal ${CHANNEL_LABEL[key as Channel] ?? key}`;
    case 'severity':
      return `Severidad ${SEVERITY_LABEL[Number(key)] ?? key}`;
    case 'tier':
      return `Nivel ${TIER_LABEL[key] ?? key}`;
    case 'agent':
      return `Agente ${key}`;
    default:
      return key;
  }
}
