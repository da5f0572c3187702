import type { Severity } from '../contract/severity.js';

/** Amazon Polly's Mexican Spanish voice, as Twilio names it; `language` keeps Twilio's fallback in es-MX. */
export const VOICE = { voice: 'Polly.Mia', language: 'es-MX' } as const;

/**
 * What the caller hears (es-MX). The menu words the support process's severity definitions
 * (Manejo de Severidades) the way a caller can judge them.
 */
export const PROMPTS = {
  greeting: 'Gracias por llamar a Soporte del Portal Gratuito de Interfactura.',
  menuIntro: 'Para atenderle mejor, díganos qué tan grave es su problema.',
  outageMenuFollows: 'Si llama por esta falla o por cualquier otro motivo, elija una opción del menú.',
  maintenanceUntil: (endsAt: string) =>
    `Estamos en un mantenimiento programado hasta el ${endsAt}. Puede dejarnos su mensaje: lo atenderemos al terminar.`,
  severityOptions: {
    0: 'Si el servicio está completamente caído y no puede operar, marque 0.',
    1: 'Si el servicio falla en parte y eso afecta su operación, marque 1.',
    2: 'Si falla una función específica pero puede seguir operando, marque 2.',
    3: 'Si tiene una duda, necesita asesoría o tiene una solicitud no urgente, marque 3.',
  } satisfies Record<Severity, string>,
  ticketOption: 'Si ya tiene un número de ticket y quiere agregar esta llamada, marque 4.',
  menuNotUnderstood: 'No reconocimos esa opción.',
  menuSkipped: 'Continuemos sin elegir una opción.',
  ticketPrompt: 'Marque los números de su ticket, sin las letras, y al terminar presione la tecla de gato.',
  ticketNoDigits: 'No recibimos ningún número.',
  ticketNotFound: 'no corresponde a ningún ticket de este teléfono.',
  ticketTryAgain: 'Intente de nuevo.',
  ticketFallback: 'Abriremos un ticket nuevo.',
  ticketFound: 'Agregaremos esta llamada a su ticket',
  recordPrompt:
    'Después del tono, describa su problema: qué estaba haciendo, qué mensaje le apareció y desde cuándo. ' +
    'Al terminar, presione la tecla de gato o guarde silencio.',
  noMessage: 'No recibimos su mensaje.',
  waiting: 'Un momento, por favor. Estamos registrando su ticket.',
  ticketCreated: 'Su solicitud quedó registrada con el ticket número',
  ticketJoined: 'Agregamos su llamada al ticket número',
  repeat: 'Repito:',
  severity: 'Severidad',
  smsFollows: 'En un momento recibirá un mensaje de texto con estos datos.',
  noteTheNumber: 'Por favor, anote este número: es el que debe mencionar si nos contacta de nuevo.',
  smsFallback: 'Su solicitud quedó registrada. En unos minutos recibirá su número de ticket por mensaje de texto.',
  goodbye: 'Gracias por llamar a Interfactura. Hasta luego.',
  withheldNumber:
    'No podemos registrar llamadas con número oculto. Llame de nuevo mostrando su número, ' +
    'o escríbanos a portal gratuito arroba interfactura punto com.',
} as const;

/** Severities said as words, so a voice never reads "2" as a date or an ordinal. */
export const SEVERITY_WORDS_ES: Record<Severity, string> = { 0: 'cero', 1: 'uno', 2: 'dos', 3: 'tres' };
