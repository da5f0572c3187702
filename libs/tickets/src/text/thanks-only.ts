import { hasContactData, newPartOfReply } from './customer-text.js';

/** Words that say thanks: one of them must be there. Accents folded, lower case. */
const THANKS = new Set(['gracias', 'agradezco', 'agradecemos', 'agradecido', 'agradecida', 'thanks', 'thank']);

/**
 * Words a closing note is made of besides the thanks: courtesy, "it works now", greetings. Nothing
 * that says something is still wrong ("no", "pero", "sigue", "aún"): one such word and the message
 * is read as the customer writing again.
 */
const COURTESY = new Set(
  [
    'muchas muchisimas mil you ok okay oki va sale vale perfecto perfecta excelente excelentes listo lista genial super muy bien todo',
    'ya quedo funciona funciono resuelto resuelta solucionado solucionada por su sus tu tus la el lo los las de del a al y e me nos les te',
    'con esto eso que tenga tengan tengas buen buena buenas buenos dia dias tarde tardes noche noches saludos saludo un una cordiales cordial',
    'atentamente atte hola estimado estimada estimados equipo soporte amable amables ayuda atencion apoyo pronta respuesta entendido',
    'enterado enterada claro si acuerdo igualmente',
  ]
    .join(' ')
    .split(' '),
);
/** Connectors a name or a company may hold in lower case ("Facturas del Norte SA de CV"). */
const NAME_CONNECTORS = new Set(['de', 'del', 'la', 'las', 'los', 'y', 'e']);
/** Emoji that say thanks or "all good" on their own (a skin tone or a variation selector may follow each). */
const ACKNOWLEDGING_EMOJI =
  /^(?:[\u{1F44D}\u{1F64F}\u{1F44C}\u{1F64C}\u{1F44F}\u{2764}\u{2665}\u{1F60A}\u{1F642}\u{1F600}\u{1F603}\u{1F604}\u{1F601}\u{1F917}\u{2705}\u{1F4AF}](?:\u{1F3FB}|\u{1F3FC}|\u{1F3FD}|\u{1F3FE}|\u{1F3FF})?\u{FE0F}?\s*){1,20}$/u;
/** A closing note is short; a longer message is read as the customer writing again, whatever its words. */
const MAX_NOTE_WORDS = 20;
/** Lines after the thanks that may be a signature (name, post, company, contact data). */
const MAX_SIGNATURE_LINES = 4;
const MAX_NAME_WORDS = 6;

const folded = (line: string): string[] =>
  (
    line
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .match(/[\p{L}\d]+/gu) ?? []
  ).filter(Boolean);

/**
 * Whether a customer's message on a resolved ticket only thanks us ("¡Muchas gracias, ya quedó!"),
 * so it need not reopen the ticket. The new part of a reply is read (quoted history dropped): every
 * word up to the line that thanks must be courtesy, and what follows may only be more courtesy or a
 * signature; or it is only acknowledging emoji (👍, 🙏, 👌…). Conservative on purpose: anything else
 * reopens, as before. Linear in the text.
 */
export function isOnlyThanks(text: string): boolean {
  const lines = newPartOfReply(text)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  // "👍" or "🙏" alone is how many say thanks by SMS or chat.
  if (lines.length === 1 && ACKNOWLEDGING_EMOJI.test(lines[0]!)) return true;
  const thanksAt = lines.findIndex((line) => folded(line).some((word) => THANKS.has(word)));
  if (thanksAt < 0) return false;
  const note = lines.slice(0, thanksAt + 1).flatMap(folded);
  if (note.length > MAX_NOTE_WORDS || !note.every((word) => THANKS.has(word) || COURTESY.has(word))) return false;
  const tail = lines.slice(thanksAt + 1);
  return tail.length <= MAX_SIGNATURE_LINES && tail.every((line) => isCourtesy(line) || hasContactData(line) || looksLikeName(line));
}

function isCourtesy(line: string): boolean {
  return folded(line).every((word) => THANKS.has(word) || COURTESY.has(word));
}

/** "Marisol Treviño", "Contadora General", "Facturas del Norte SA de CV": capitalised words and connectors. */
function looksLikeName(line: string): boolean {
  const words = line.split(/[\s,]+/).filter(Boolean);
  return words.length <= MAX_NAME_WORDS && words.every((word) => /^\p{Lu}/u.test(word) || NAME_CONNECTORS.has(word));
}
