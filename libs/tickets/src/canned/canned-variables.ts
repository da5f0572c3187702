/** Canned responses' variables and how they are filled; no imports, so the inbox bundle uses the same rules. */

/** The variables an answer may use, with what each becomes (Spanish, as agents write them). */
export const CANNED_VARIABLES = {
  cliente: 'nombre del cliente',
  ticket: 'número del ticket',
  agente: 'tu nombre',
  correo: 'correo del cliente',
  asunto: 'asunto del ticket',
  severidad: 'severidad en palabras',
} as const;

export type CannedVariable = keyof typeof CANNED_VARIABLES;

/** Statuses a macro may leave the ticket in after its reply. */
export const MACRO_STATUSES = ['open', 'waiting_customer', 'resolved'] as const;
export type MacroStatus = (typeof MACRO_STATUSES)[number];

const PLACEHOLDER = /\{\{\s*([^{}\s]*)\s*\}\}/g;

/** Placeholders in `template` that are not known variables ("{{clienta}}"), to refuse before saving. */
export function unknownVariables(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((match) => match[1]!).filter((name) => !(name in CANNED_VARIABLES)))];
}

/** The template with each variable replaced; a value that is missing leaves a neutral word, never "{{cliente}}". */
export function fillCannedText(template: string, values: Partial<Record<CannedVariable, string | null>>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    if (!(name in CANNED_VARIABLES)) return whole;
    const value = values[name as CannedVariable];
    return value?.trim() ? value.trim() : FALLBACK[name as CannedVariable];
  });
}

const FALLBACK: Record<CannedVariable, string> = {
  cliente: 'cliente',
  ticket: 'tu ticket',
  agente: 'Soporte Interfactura',
  correo: 'tu correo',
  asunto: 'tu solicitud',
  severidad: 'la severidad asignada',
};

export const CANNED_TITLE_MAX = 80;
export const CANNED_BODY_MAX = 5_000;

export interface CannedResponseFields {
  title: string;
  body: string;
  setStatus: MacroStatus | null;
  setSeverity: number | null;
}

/** Why a canned response cannot be saved, in the words the administrator reads, or undefined. */
export function cannedResponseProblem(fields: CannedResponseFields): string | undefined {
  if (!fields.title.trim() || fields.title.length > CANNED_TITLE_MAX) return `El título es obligatorio y tiene como máximo ${CANNED_TITLE_MAX} caracteres.`;
  if (!fields.body.trim() || fields.body.length > CANNED_BODY_MAX) return `El texto es obligatorio y tiene como máximo ${CANNED_BODY_MAX} caracteres.`;
  const unknown = unknownVariables(`${fields.title} ${fields.body}`);
  if (unknown.length > 0) {
    return `Variable desconocida: ${unknown.map((name) => `{{${name}}}`).join(', ')}. Usa ${Object.keys(CANNED_VARIABLES).map((name) => `{{${name}}}`).join(', ')}.`;
  }
  if (fields.setStatus !== null && !(MACRO_STATUSES as readonly string[]).includes(fields.setStatus)) return 'El estado de la macro no es válido.';
  if (fields.setSeverity !== null && ![0, 1, 2, 3].includes(fields.setSeverity)) return 'La severidad de la macro va de 0 a 3.';
  return undefined;
}
