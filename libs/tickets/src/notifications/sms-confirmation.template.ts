import { formatDisplayTime, formatDurationEs } from '@app/platform';
import { SEVERITY_LABELS_ES } from '../severity/severity.js';
import type { ConfirmationInput } from './confirmation.template.js';
import type { RenderedMessage } from './rendered-message.js';

/**
 * The confirmation by SMS of a phone ticket (after a call, or an SMS): what a caller heard, in a few
 * segments. Ticket number, severity with its meaning, and the attention time of the support process.
 */
export function renderSmsConfirmation(input: ConfirmationInput): RenderedMessage {
  const opening = input.addedToExisting
    ? `Agregamos tu llamada al ticket ${input.ticketNumber}.`
    : `Registramos tu solicitud con el ticket ${input.ticketNumber}.`;
  const text = [
    `Soporte Interfactura: ${opening}`,
    `${SEVERITY_LABELS_ES[input.severity]}.`,
    ...(input.knownIncident ? ['Ya sabemos de esta falla y la estamos atendiendo; te avisaremos por este medio.'] : []),
    input.maintenanceUntil
      ? `Estamos en mantenimiento hasta el ${formatDisplayTime(input.maintenanceUntil)}; al terminar te atenderemos en menos de ${formatDurationEs(input.attentionMinutes)}.`
      : `Te atenderemos en menos de ${formatDurationEs(input.attentionMinutes)}.`,
    `Si nos contactas de nuevo, menciona el ${input.ticketNumber}.`,
  ].join(' ');
  // "Llamada" only where it is one for sure: a call added to a ticket; a new ticket may come from an SMS.
  return { subject: `[${input.ticketNumber}] ${input.addedToExisting ? 'Confirmación de tu llamada' : 'Confirmación de tu solicitud'}`, text, html: '' };
}
