import { SEVERITY_LABELS_ES } from '../severity/severity.js';
import { hasRecording, isMissedCall, isTerminalStatus, RECORDING_DELETED, type CallState } from './call-state.js';
import { CALL_STATUS_ES } from './call-status-es.js';

/** What the call card says in place of the recording's link once retention deleted it. */
export const RECORDING_DELETED_TEXT = 'eliminada por retención';

/** The subject of a ticket a call opens. */
export function callSubject(caller: string | null): string {
  return `Llamada telefónica de ${caller ?? 'número oculto'}`;
}

/**
 * The call's card on the ticket timeline, rendered from everything known about the call. It is
 * re-rendered as callbacks arrive, so it ends the same whatever their order.
 */
const TRANSCRIPTION_OPENING = 'Transcripción: «';

/** The caller's own words on a call's card: its transcription, or nothing before it comes. */
export function transcriptionOfCard(card: string): string {
  const start = card.indexOf(TRANSCRIPTION_OPENING);
  const end = card.lastIndexOf('»');
  return start >= 0 && end > start + TRANSCRIPTION_OPENING.length ? card.slice(start + TRANSCRIPTION_OPENING.length, end) : '';
}

export function renderCallMessage(state: CallState): string {
  const ended = isTerminalStatus(state.callStatus);
  const lines = [`Llamada de ${state.caller ?? 'número oculto'}${state.called ? ` a ${state.called}` : ''}.`];

  const choice = state.choice;
  if (choice?.kind === 'severity') lines.push(`Menú: eligió ${SEVERITY_LABELS_ES[choice.severity]}.`);
  else if (choice?.kind === 'ticket') lines.push(`Menú: pidió agregar la llamada al ticket ${choice.ticketNumber}.`);
  else if (choice?.kind === 'none') lines.push('Menú: no eligió ninguna opción.');
  else lines.push(ended ? 'Menú: colgó antes de elegir una opción.' : 'Menú: sin respuesta todavía.');

  if (hasRecording(state)) {
    const duration = state.recordingDurationSeconds === null ? '' : ` (${state.recordingDurationSeconds} s)`;
    lines.push(`Grabación${duration}: ${state.recordingStatus === RECORDING_DELETED ? RECORDING_DELETED_TEXT : state.recordingUrl}`);
    if (state.transcriptionText) lines.push(`${TRANSCRIPTION_OPENING}${state.transcriptionText}»`);
    else if (state.transcriptionStatus === 'failed') lines.push('Transcripción: no disponible (falló).');
    // Twilio often completes a Spanish transcription with no text: it will not come later.
    else if (state.transcriptionStatus === 'completed') lines.push('Transcripción: no disponible (vacía).');
    else lines.push('Transcripción: pendiente.');
  } else if (state.recordingStatus === 'absent' || state.recordingStatus === 'failed') {
    lines.push(`Grabación: no se guardó audio (${state.recordingStatus}).`);
  } else if (!ended) {
    lines.push('Grabación: pendiente.');
  }

  if (ended) {
    const status = CALL_STATUS_ES[state.callStatus!] ?? state.callStatus!;
    const duration = state.callDurationSeconds === null ? '' : `, duración ${state.callDurationSeconds} s`;
    lines.push(`Llamada terminada: ${status}${duration}.`);
  } else {
    lines.push('Llamada en curso.');
  }
  if (isMissedCall(state)) lines.push('LLAMADA PERDIDA: colgó antes de dejar un mensaje. Hay que devolverle la llamada.');
  return lines.join('\n');
}
