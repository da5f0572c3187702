/**
 * The families of the SAT's validation codes a customer may quote. Only what a family means is
 * said, not each code: the source of every meaning is the SAT's Anexo 20 of the Resolución
 * Miscelánea Fiscal and the error matrices ("matriz de errores") it publishes for each standard
 * and complement (www.sat.gob.mx), which change with each revision.
 */
export interface SatCodeFamily {
  pattern: RegExp;
  /** What kind of validation failed, in Spanish (agents read it). */
  meaning: string;
  source: string;
}

const ANEXO_20 = 'SAT, Anexo 20 de la Resolución Miscelánea Fiscal, matriz de errores';

export const SAT_CODE_FAMILIES: readonly SatCodeFamily[] = [
  { pattern: /^CFDI40\d{3}$/, meaning: 'Regla de validación del CFDI versión 4.0', source: `${ANEXO_20} del CFDI 4.0` },
  { pattern: /^CFDI33\d{3}$/, meaning: 'Regla de validación del CFDI versión 3.3', source: `${ANEXO_20} del CFDI 3.3` },
  { pattern: /^CRP20\d{3}$/, meaning: 'Regla del complemento para recepción de pagos 2.0', source: `${ANEXO_20} del complemento de pagos 2.0` },
  { pattern: /^CRP\d{3}$/, meaning: 'Regla del complemento para recepción de pagos 1.0', source: `${ANEXO_20} del complemento de pagos 1.0` },
  { pattern: /^NOM\d{3}$/, meaning: 'Regla del complemento de nómina 1.2', source: `${ANEXO_20} del complemento de nómina 1.2` },
  { pattern: /^CCE20\d{3}$/, meaning: 'Regla del complemento de comercio exterior 2.0', source: `${ANEXO_20} del complemento de comercio exterior 2.0` },
];

/** Anything shaped like one of the codes above, in upper-cased text. */
export const SAT_CODE_CANDIDATE = /\b(?:CFDI(?:33|40)\d{3}|CRP(?:20)?\d{3}|NOM\d{3}|CCE20\d{3})\b/g;

export function satCodeFamily(code: string): SatCodeFamily | undefined {
  return SAT_CODE_FAMILIES.find((family) => family.pattern.test(code));
}
