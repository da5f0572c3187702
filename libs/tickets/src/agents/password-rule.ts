export const PASSWORD_MIN_LENGTH = 10;

/**
 * Passwords of 10 characters or more that guessing lists try first (NIST SP 800-63B asks for a
 * blocklist beside the length): keyboard and digit runs, "password" and "contraseña" with numbers,
 * and this service's own names. Compared lowercased, accents and all.
 */
const COMMON_PASSWORDS = new Set([
  '0123456789', '1234567890', '12345678910', '0987654321', '1122334455', '1234512345', '1029384756',
  'qwertyuiop', 'qwerty1234', 'qwerty12345', 'asdfghjkl1', 'asdfghjklñ', 'zxcvbnm123', '1q2w3e4r5t', '1qaz2wsx3edc', 'q1w2e3r4t5',
  'abcdefghij', 'abc1234567', 'abcd123456', 'abcde12345',
  'password12', 'password123', 'password1234', 'passw0rd123', 'iloveyou12', 'iloveyou123', 'welcome123', 'changeme123',
  'contraseña', 'contraseña1', 'contraseña12', 'contraseña123', 'contrasena', 'contrasena1', 'contrasena12', 'contrasena123',
  'bienvenido', 'bienvenido1', 'bienvenido123', 'cambiame123', 'cambiar123', 'teamo12345', 'mexico1234', 'mexico12345',
  'administrador', 'administrator', 'admin12345', 'admin123456', 'soporte123', 'soporte1234', 'soporte12345',
  'interfactura', 'interfactura1', 'interfactura123', 'ventanilla', 'ventanilla1', 'ventanilla123', 'portalgratuito', 'facturacion', 'facturacion1',
]);

/** A run of one character ("aaaaaaaaaa") or of consecutive ones ("3456789012", "abcdefghijk"). */
function isRun(password: string): boolean {
  if (/^(.)\1+$/u.test(password)) return true;
  const chars = [...password];
  const codes = chars.map((char) => char.codePointAt(0)!);
  const step = codes[1]! - codes[0]!;
  if (Math.abs(step) !== 1) return false;
  // Digits wrap around: 9 then 0 going up ("7890123456"), 0 then 9 going down.
  const wraps = (previous: string, next: string): boolean => (step === 1 ? previous === '9' && next === '0' : previous === '0' && next === '9');
  return codes.every((code, index) => index === 0 || code - codes[index - 1]! === step || wraps(chars[index - 1]!, chars[index]!));
}

/**
 * Why a new password is refused, in the agent's words, or undefined when it is fine: long enough,
 * not one a guessing list tries first, not the agent's own address. (Its longest is the API's
 * field limit.)
 */
export function passwordProblem(password: string, email?: string): string | undefined {
  if (password.length < PASSWORD_MIN_LENGTH) return `La contraseña debe tener al menos ${PASSWORD_MIN_LENGTH} caracteres.`;
  const lowered = password.toLowerCase();
  const address = email?.trim().toLowerCase();
  if (COMMON_PASSWORDS.has(lowered) || isRun(lowered) || (address && (lowered === address || lowered === address.split('@')[0]))) {
    return 'Esa contraseña es de las primeras que se prueban al adivinar: usa una frase de varias palabras que no sea tu correo.';
  }
  return undefined;
}
