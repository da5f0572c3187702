/**
 * The Spanish for multer's and busboy's refusals of a multipart form (their own messages are
 * English: "Too many files", "Unexpected end of form"): the customer or agent who sent it reads it.
 */
const UPLOAD_REFUSALS_ES: Array<[RegExp, string]> = [
  [/^Too many files$/, 'Envía un solo archivo por mensaje, en el campo file.'],
  [/^Unexpected field$/, 'El archivo va en el campo file.'],
  [/^(Too many (fields|parts)|Field (name|value) too long|Field name missing)$/, 'El formulario tiene demasiados campos o campos demasiado largos.'],
];

const MALFORMED_ES = 'El formulario del archivo llegó incompleto o mal formado; envíalo de nuevo.';

export function uploadRefusalEs(message: string): string {
  return UPLOAD_REFUSALS_ES.find(([pattern]) => pattern.test(message))?.[1] ?? MALFORMED_ES;
}
