import { findCfdiReferences } from '../cfdi/cfdi-references.js';
import { extractCustomerText, fold } from '../severity/severity-rules.js';

/** What a report says, reduced to what two reports of one failure share. */
export interface ReportSignature {
  /** Word stems of the customer's own words (no stopwords, no numbers, no ids). */
  stems: Set<string>;
  /** The process or module the customer names (stamping, cancelling, signing in, payroll...). */
  processes: Set<string>;
  /** SAT validation codes quoted. */
  satCodes: Set<string>;
  /** HTTP statuses and error numbers quoted (500, 503, 504, 301...). */
  errorNumbers: Set<string>;
}

/** Processes and modules customers name, in the words they use for them (folded text). */
const PROCESSES: ReadonlyArray<readonly [string, RegExp]> = [
  ['stamping', /\b(timbr\w*|timbre ar|sell(ar|ado)|pac|pack|facturar|emitir|generar (la |las )?factura|stamp\w*|invoic\w*)\b/],
  ['cancelling', /\b(cancel\w*|can celacion\w*)\b/],
  ['signing in', /\b(entrar|ingresar|iniciar sesion|inicio de sesion|login|log in|sign in|acceso|acceder|contrasena|password|sesion)\b/],
  ['portal', /\b(portal|pagina|sitio|web|por tal)\b/],
  ['api', /\b(api|web ?service|servicio web|integracion|endpoint|erp)\b/],
  ['payroll', /\b(nomina\w*|recibos? de nomina|payroll)\b/],
  ['payments', /\b(complementos? de pago|rep|pagos? 2\.0|crp\d*|payment complement\w*)\b/],
  ['mail', /\b(correos?|email\w*|e-mail|mails?|enviar|envio|no llegan?|no les llega)\b/],
  ['downloads', /\b(descarg\w*|download\w*|xml|pdf)\b/],
  ['carta porte', /\b(carta porte|cartaporte|complemento de traslado)\b/],
  ['reports', /\b(reportes?|reports?|informes?)\b/],
];

const STOPWORDS = new Set(
  `a al algo algun alguna algunas alguno algunos ante antes aqui asi aun bien buen buena buenas bueno buenos cada como con contra cual cuando de del desde donde dos el ella ellas ellos en entre era es esa esas ese eso esos esta estaba estamos estan estar estas este esto estos estoy favor fue ha hace hay hola hoy la las le les lo los mas me mi mis mucho muy nada ni no nos nosotros nuestra nuestro nuestros o os otra otro para pero poco por porque que quien se sea ser si sin sobre solo son su sus tambien tampoco te tenemos tengo tiene tienen todo todos tu tus un una uno unos usted ustedes va vamos van y ya yo gracias saludos atte buenas dias tardes noches senor senora este pues o sea bueno mire oiga
   the a an and are as at be but by can do for from has have i in is it its my no not of on or our so that the their there this to was we were with you your please thanks hi hello`.split(/\s+/),
);

const MAX_STEMS = 200;

/** Reads a report: linear in its text (bounded by the customer-text extraction). */
export function reportSignature(subject: string | null, text: string): ReportSignature {
  const own = extractCustomerText(subject ?? '', text.slice(0, 20_000)).slice(0, 8_000);
  const folded = fold(own);
  const references = findCfdiReferences(own);
  const stems = new Set<string>();
  for (const word of folded.match(/[a-z]+/g) ?? []) {
    if (word.length < 3 || STOPWORDS.has(word)) continue;
    stems.add(word.length > 5 ? word.slice(0, 5) : word);
    if (stems.size >= MAX_STEMS) break;
  }
  return {
    stems,
    processes: new Set(PROCESSES.filter(([, pattern]) => pattern.test(folded)).map(([name]) => name)),
    satCodes: new Set(references.satCodes),
    errorNumbers: new Set((folded.match(/\b(?:4\d\d|5\d\d|30\d)\b/g) ?? []).slice(0, 10)),
  };
}
