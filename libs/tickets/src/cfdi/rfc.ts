/** Values of each character in the SAT's check-digit algorithm for RFCs (space pads a company's RFC). */
const ALPHABET = '0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ';
/** 3 letters (company) or 4 (person), the date yymmdd, a 2-character homoclave and the check digit. */
const RFC_SHAPE = /^[A-ZÑ&]{3,4}\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])[A-Z\d]{2}[A\d]$/;
/** The SAT's generic RFCs: sales to the general public, and to foreign customers. They carry no check digit. */
const GENERIC = new Set(['XAXX010101000', 'XEXX010101000']);

/**
 * Whether `rfc` is a well-formed RFC whose last character is the check digit the SAT's algorithm
 * gives: each of the first twelve characters (a company's RFC padded with a leading space) weighed
 * 13 down to 2, the sum taken modulo 11; 11 minus the remainder is the digit (0 for 11, A for 10).
 */
export function isValidRfc(rfc: string): boolean {
  const candidate = rfc.toUpperCase();
  if (!RFC_SHAPE.test(candidate)) return false;
  if (GENERIC.has(candidate)) return true;
  return checkDigit(candidate.slice(0, -1).padStart(12, ' ')) === candidate.at(-1);
}

function checkDigit(first12: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i += 1) sum += ALPHABET.indexOf(first12[i]!) * (13 - i);
  const digit = 11 - (sum % 11);
  return digit === 11 ? '0' : digit === 10 ? 'A' : String(digit);
}
