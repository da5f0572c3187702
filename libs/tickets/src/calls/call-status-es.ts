/** Twilio's final call statuses as agents read them (es-MX); no imports, so the inbox bundles it too. */
export const CALL_STATUS_ES: Record<string, string> = {
  completed: 'completada',
  busy: 'ocupado',
  'no-answer': 'sin respuesta',
  failed: 'fallida',
  canceled: 'cancelada',
};
