/** Severity levels of Interfactura's support process, most critical first. */
export const SEVERITIES = [0, 1, 2, 3] as const;

/** 0 total outage · 1 partial outage · 2 specific incident · 3 advice, questions, requests. */
export type Severity = (typeof SEVERITIES)[number];

/** Narrows an unknown value (query string, JSON body) to a severity. */
export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'number' && (SEVERITIES as readonly number[]).includes(value);
}

/** Customer-facing meaning of each severity (es-MX), condensed from the support process definitions. */
export const SEVERITY_MEANINGS_ES: Record<Severity, string> = {
  0: 'Falla o suspensión total del servicio que afecta a todos los procesos de operación de la plataforma.',
  1: 'Falla o suspensión parcial del servicio que afecta procesos de operación de la plataforma.',
  2: 'Incidente en una funcionalidad específica de algunos procesos; la operación de la plataforma puede continuar.',
  3: 'Asesoría sobre el uso de la plataforma, consultas o requerimientos no críticos.',
};

/** Short names (es-MX), the same wherever a customer or an agent reads them. */
export const SEVERITY_NAMES_ES: Record<Severity, string> = {
  0: 'Falla total',
  1: 'Falla parcial',
  2: 'Incidente específico',
  3: 'Asesoría o consulta',
};

/** Short labels for subjects and SMS: "Severidad 1 – Falla parcial". */
export const SEVERITY_LABELS_ES: Record<Severity, string> = {
  0: `Severidad 0 – ${SEVERITY_NAMES_ES[0]}`,
  1: `Severidad 1 – ${SEVERITY_NAMES_ES[1]}`,
  2: `Severidad 2 – ${SEVERITY_NAMES_ES[2]}`,
  3: `Severidad 3 – ${SEVERITY_NAMES_ES[3]}`,
};
