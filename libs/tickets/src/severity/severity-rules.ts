import type { Severity } from './severity.js';
import { extractCustomerText } from '../text/customer-text.js';

/** What the classifier reads: an email subject (if any) and the message body as received. */
export interface SeverityInput {
  subject?: string | null;
  text: string;
}

/** The severity and the short cues that decided it, in Spanish (stored on the ticket for agents). */
export interface SeverityClassification {
  severity: Severity;
  reasons: string[];
}

/**
 * Rule-based severity reading (v1; the classifier combines it with a trained model, see
 * severity-classifier.ts) for support messages in Mexican Spanish and English.
 *
 * It reads only the customer's own words (quoted replies, forwarded headers and signatures are
 * dropped), folds case and accents, looks for families of cues and decides by scope:
 * others affected → 0, a whole process failing → 1, one item or one account's data → 2,
 * how-to and requests → 3. Tone ("URGENTE", "sin prisa") is deliberately ignored.
 */
export function classifyByRules(input: SeverityInput): SeverityClassification {
  const { severity, reasons } = readByRules(input);
  return { severity, reasons };
}

/** A cue the rules found: its family, its label and the customer's words that matched. */
export interface RuleCue {
  name: string;
  label: string;
  excerpt: string;
}

/** What the rules read in a message: the customer's own words, the cues found, and the severity they decide. */
export interface RuleReading extends SeverityClassification {
  clean: string;
  /** `clean` folded (`fold`), as the cues were matched on it. */
  folded: string;
  cues: RuleCue[];
}

export function readByRules(input: SeverityInput): RuleReading {
  // The report sits at the top of a message; bounding the length bounds the work on huge bodies.
  const subject = (input.subject ?? '').slice(0, MAX_SUBJECT_CHARS);
  const clean = extractCustomerText(subject, input.text.slice(0, MAX_INPUT_CHARS)).slice(0, MAX_CLASSIFIED_CHARS);
  const folded = fold(clean);
  const hits = detectCues(clean, folded);
  const cues = Object.entries(hits).map(([name, hit]) => ({ name, label: hit.label, excerpt: hit.excerpt }));
  return { ...decide(hits), clean, folded, cues };
}

// Every step below is linear; these bound its input (50,000 characters, so also lines, cleaned; 8,000 matched).
const MAX_SUBJECT_CHARS = 1_000;
const MAX_INPUT_CHARS = 50_000;
const MAX_CLASSIFIED_CHARS = 8_000;

// ---------------------------------------------------------------------------------------------
// Cue tables. Patterns run on folded text: lower case, accents stripped (ñ→n), same length as the
// cleaned text so excerpts can be quoted back in the customer's spelling. Keep each family general.
// ---------------------------------------------------------------------------------------------

type CueName =
  | 'othersAffected'
  | 'wholeService'
  | 'allUsers'
  | 'multiNetwork'
  | 'ownData'
  | 'ownLimit'
  | 'explicitSingle'
  | 'sameKindWorks'
  | 'wholeProcess'
  | 'namedItem'
  | 'portalDown'
  | 'moduleDown'
  | 'severeSlowness'
  | 'vendorError'
  | 'restWorks'
  | 'coreBlocked'
  | 'failure'
  | 'howTo'
  | 'question'
  | 'urgency';

const CUE_LABELS: Record<CueName | 'multiProcess', string> = {
  othersAffected: 'otros afectados',
  wholeService: 'todo el servicio caído',
  multiProcess: 'varios procesos clave caídos',
  allUsers: 'todos los usuarios afectados',
  multiNetwork: 'descartó su propia red o equipo',
  ownData: 'causado por datos de la propia cuenta',
  ownLimit: 'causado por límites de la propia cuenta (una solicitud)',
  explicitSingle: 'un solo elemento',
  sameKindWorks: 'un solo elemento (los demás funcionan)',
  wholeProcess: 'todo un proceso afectado',
  namedItem: 'elemento específico',
  portalDown: 'portal inaccesible',
  moduleDown: 'un módulo no carga',
  severeSlowness: 'lentitud grave',
  vendorError: 'error del lado del servicio',
  restWorks: 'el resto del portal funciona',
  coreBlocked: 'proceso clave bloqueado',
  failure: 'falla',
  howTo: 'consulta o solicitud',
  question: 'pregunta',
  urgency: 'tono urgente (no cuenta)',
};

// People outside the customer's organisation: the sign the labelling rules require for severity 0.
const SOCIAL = String.raw`(facebook|feis|feisbuk|face|fb|twitter|tuiter|downdetector|down detector|instagram|tiktok|reddit|redes sociales|foro|grupo de (contadores|whats\w*|guasap))`;
const CROWD = String.raw`(todos|todo (el )?mundo|gente|varios|muchos|cientos|reportes|reportando|quejando|quejas|comentarios|lo mismo|everyone|everybody|people|reports|reporting|complaining|pico)`;
const OTHERS_AFFECTED: readonly RegExp[] = [
  /\btodo (el )?mundo\b(?! (en|de) (la|el|mi|nuestr[oa]) )/,
  /\ba todos (les|nos) (pasa|esta|sale|falla|ocurre)|\bles (pasa|esta pasando|sale) (lo mismo )?a todos\b/,
  /\bno (soy|somos|es) (el |la |los |las )?(unic[oa]s?|sol[oa]s?|solo yo)\b|\bno (es|nos pasa|me pasa) (solo|nada mas|nomas|unicamente) (a )?(mi|yo|nosotros)\b/,
  /\botr[oa]s? (\w+ )?(empresas?|despachos?|contador(es|as)?|negocios?|companias?|colegas|firmas?)\b/,
  /\botr[oa]s? (\w+ )?(clientes?|usuarios?) (suy[oa]s?|de ustedes|del portal|de interfactura|que (tambien )?(usan?|facturan?|trabajan?|timbran?))/,
  /\b(que|who) (tambien |also )?(factur|trabaj|usa|usan|timbr|invoic|stamp|use)\w* ((con|through|with|en|on|in) (ustedes|you|interfactura|el portal|su portal|su plataforma|your (portal|platform|service))|ahi|alli)\b/,
  /\b(que|who) (tambien |also )?(usa|usan|uses?) (a )?(ustedes|you|interfactura|el portal|su portal|your (portal|platform|service))\b/,
  /\b(clientes|usuarios|empresas|despachos|customers|clients)\b (\w+ )?(timbrando|facturando|usando|stamping|invoicing) (por|con|en|through|with|on) (su|sus|ustedes|interfactura|your|you)\b/,
  /\bpara (nosotros|mi) y (para )?(un|una|otro|otra|otros|otras|nuestro|nuestros|mis?) \w+|\bfor (us|me) and (for )?(a|an|our|another|other|my) \w+/,
  /\b(proveedor|proveedores|supplier|suppliers|vendors?)\b[^.!?\n]{0,60}\b(tambien|tampoco|igual|same|too|as well)\b/,
  /\b(\d{2,}|varios|varias|muchos|muchas|several|many|dozens of) (despachos|empresas|contadores|negocios|firms|companies|businesses|accountants)\b/,
  /\b(compadres?|comadres?|amig[oa]s?|conocid[oa]s?|colegas?|vecin[oa]s?|cunad[oa]s?|herman[oa]s?|espos[oa]|friends?|colleagues?)\b[^.!?\n]{0,80}\b(tambien|tampoco|igual|igualito|lo mismo|same|too|as well|no (nos|les) (deja|dejan|abre|puede|pueden))\b/,
  /\b(sus? propias? cuentas?|su cuenta aparte|cuentas? (independientes?|separadas?|aparte|distintas?|diferentes?)|(own|separate|independent|different) (\w+ )?accounts?)\b/,
  /\b(sister|affiliate|partner) compan(y|ies)\b|\bempresas? hermanas?\b/,
  /\b(clientes?|usuarios?) (\w+ )?(de ustedes|suy[oa]s?|de interfactura)\b/,
  new RegExp(String.raw`\b${SOCIAL}\b[^\n]{0,80}\b${CROWD}\b|\b${CROWD}\b[^\n]{0,80}\b${SOCIAL}\b`),
  /\b(caida|falla|fallas|outage) (general|generalizada|masiva)\b|\bgeneral outage\b|\bwidespread\b/,
  /\bcientos de (personas|usuarios|comentarios|reportes|quejas|gente)|\bmucha gente\b|\bmuchos usuarios\b|\bvarios (usuarios )?(reportando|se quejan|con lo mismo)/,
  /\bother (customers|companies|users|firms|businesses|accountants|clients of yours)\b|\banother (company|firm|customer|business|user|accountant)\b/,
  /\bnot (just|only) (me|us|our (company|office|account))\b|\b(down|out) for (everyone|everybody|all)\b|\b(everyone|everybody) (else )?(is|are|seems) (reporting|having|getting|down|complaining)/,
];

// Explicit claims that the whole platform (not one screen) is down.
const WHOLE_SERVICE: readonly RegExp[] = [
  /\bcaid[oa] (completo|completa|totalmente|por completo|del todo)\b|\b(completamente|totalmente|todo) (abajo|caid[oa])\b/,
  /\b(todo el (sistema|portal|servicio|sitio)|toda la (plataforma|pagina)|(el|la) (sitio|portal|sistema|plataforma|pagina) (completo|completa|entero|entera))\b[^.\n]{0,40}\b(caid|abajo|fuera|no (abre|funciona|sirve|responde|carga)|down|error|err_)/,
  /\b(plataforma|portal|sistema|sitio) (esta |estan )?(fuera de servicio|fuera de linea|offline)\b/,
  /\bnada (sirve|funciona|jala)\b|\bno (sirve|funciona|jala) nada\b|\bnothing works\b/,
  /\b(whole|entire) (system|site|platform|portal|service)\b|\bnothing (works|loads|opens)\b|\beverything (is down|times out|fails|is failing)\b/,
  /\bse cayo todo\b|\btodo se cayo\b|\besta todo caido\b|\bno (abre|carga|entra) nada\b/,
  /\b(caida|falla|fallas|outage) (general|generalizada|masiva)\b|\bgeneral outage\b/,
  /\ben todas las paginas\b|\b(on )?(every|all) (the )?pages\b|\ben todo el (portal|sitio|sistema)\b/,
  /\b(portal|pagina|sitio|site)\b[^.\n]{0,60}\b(y|and|ni) (la |the )?api\b[^.\n]{0,30}\b(50\d|error|no responde|caid|down|falla)/,
];

// Everyone in the customer's own organisation: strong for a process, not by itself for a total outage.
const ALL_USERS: readonly RegExp[] = [
  /\bnadie\b[^.\n]{0,50}?\b(puede|pudo|podemos|ha podido|logra)\b|\b(a|para) nadie\b/,
  /\bninguno de (nuestros|los|mis) (\d+ |\w+ )?(usuarios|contadores|empleados|companeros|auxiliares)\b|\bninguno puede\b/,
  /\b(nobody|no one|no-one) (can|could|is able)\b|\bnone of (our|my|the) (\d+ )?(users|staff|accountants|team)\b/,
  /\b(for|to) all of us\b|\bpara todos nosotros\b|\ball (of )?(our |the )?(\d+ )?users\b|\btodos (los|nuestros) (\d+ )?usuarios\b|\beveryone (on|in) (our|the) (team|office)\b/,
];

// The customer checked it is not their own connection or computer.
const MULTI_NETWORK: readonly RegExp[] = [
  /\b(otr[oa]s?|diferentes|distint[oa]s|varias|varios) (\w+ )?(redes|red|internet|proveedores de internet|isps?|compus?|computadoras|equipos|navegadores|oficinas|ciudades)\b/,
  /\b(different|other|several|multiple|\d+) (different )?(isps|networks|computers|browsers|offices|locations|devices)\b/,
  /\b(outside|fuera de) (our|nuestra|la) (corporate |corporativa )?(network|red)\b|\bdesde (el|mi) (celular|cel)\b|\b(datos moviles|mobile data)\b/,
];

// "Nothing works" explained by the account's own data (certificate, blocked user): one account's incident.
const OWN_DATA: readonly RegExp[] = [
  /\b(certificado|csd|sello|sellos|e\.?firma|efirma|fiel)\b[^.\n]{0,50}\b(no (se encuentra |esta |es )?vigente|vencid[oa]|caducad[oa]|expirad[oa]|revocad[oa]|(se (me |nos )?|ya )?(vencio|caduco|expiro))/,
  /\b(se (me |nos )?(vencio|caduco|expiro)|vencio|caduco) (el |mi |nuestro )?(certificado|csd|sello|e\.?firma|fiel)\b/,
  /\b(certificate|csd)\b[^.\n]{0,30}\b(expired|is not valid|no longer valid|revoked)\b|\bexpired (certificate|csd)\b/,
  /\b(mi |nuestro )?(usuario|cuenta) (esta |fue )?bloquead[oa]\b|\baccount (is |was |got )?locked\b/,
];

// "Nothing works" because of the account's own limits (no stamps, no user accounts, forgotten
// password): what the customer needs is a purchase, an account or a reset, i.e. a request.
const OWN_LIMIT: readonly RegExp[] = [
  /\b(no|ya no) (tengo|tenemos|me quedan|nos quedan|hay|cuento con|contamos con) (mas )?timbres\b|\bsin timbres\b|\bse (me |nos )?(acabaron|terminaron|agotaron) (los |mis |nuestros )?timbres\b/,
  /\btimbres (agotados|insuficientes)\b|\bsaldo insuficiente\b|\b(out of|no more|ran out of) (stamps|credits|timbres)\b/,
  /\b(solo|nada mas|unicamente|nomas) (yo )?(tengo|tiene|hay|existe) (un |mi )?(usuario|acceso|cuenta)\b|\bno (tienen|tiene|tenemos) (usuario|cuenta|acceso)\b/,
  /\b(don'?t|doesn'?t|do not|does not) have (a |an |their own )?(user|account|login|access)\b/,
  /\b(se me olvido|olvide|no recuerdo|perdi) (mi |la )?(contrasena|password|usuario)\b|\bforgot (my |the )?password\b/,
  /\b(plan|suscripcion|paquete) (esta |se )?(vencid|vencio|expir)|\bno (he|hemos) pagado\b|\b(llegue|llegamos) al limite\b/,
];

// One item is affected: "solo esta factura", "las demás sí", "only that invoice", "except".
const EXPLICIT_SINGLE: readonly RegExp[] = [
  /(?<!\bnot )(?<!\bno es )(?<!\bno son )(?<!\bno )\b(solo|solamente|nada mas|nomas|unicamente|just|only) (es |con |a |me pasa con |pasa con |with |is |for |me sale con )?(esta|esa|este|ese|una|un|that|this|one|a single)\b(?! (pregunta|duda|consulta|question|thing|cosa|momento|second|minute))/,
  /(?<!\bnot )(?<!\bno es )\b(solo|nada mas|nomas|unicamente|only|just) (con |a |for |with )?(la|el|the) (factura|cliente|producto|invoice|customer|client|recibo|complemento|folio|receptor|receiver)\b/,
  /\b(solo|nada mas|nomas|unicamente) (a|con) (el|ella|ese cliente|este cliente)\b/,
  /\b(es|is) (la|el|the) (unic[oa]|only one)\b/,
  /\b(except|excepto|salvo) (for |a |con |el |la |por )?\w+/,
];

// Others of the same kind work, so the failing thing is one item (not "the rest of the portal").
const SAME_KIND_WORKS: readonly RegExp[] = [
  /\b(las|los) (demas|otr[oa]s)\b[^.!?\n]{0,60}?\b(si|bien|normal|sin problema)\b(?! (me |nos )?(pueden|podrian|puede))/,
  /\botr[oa]s \w+\b[^.!?\n]{0,50}?\bsi\b(?! (me |nos )?(pueden|podrian|puede))/,
  /\bel resto de (las|los|mis)\b[^.!?\n]{0,40}\b(si|bien|normal)\b/,
  /\b(others|the rest(?! of the (portal|site|system|app|platform))|everyone else|all (the )?others)\b[^.!?\n]{0,25}\b(fine|ok|okay|good|normal|work|works|working|correct)\b/,
  /\bother (\w+ ){0,4}(are|look|looks|seem|seems|work|works)\b[^.!?\n]{0,15}?\b(fine|ok|okay|good|normal|correct|right)\b|\bfine,? except\b/,
];

// A whole set fails: "ninguna factura", "todas marcan error", "every invoice", volumes, percentages.
const PROCESS_NOUNS = String.raw`(facturas?|recibos?|cfdis?|xmls?|pdfs?|correos?|clientes?|usuarios?|empresas?|sucursales?|cancelacion(es)?|complementos?|peticiones|solicitudes|rfcs?|documentos?|globales|timbrados|timbres|envios|descargas|notas( de credito)?)`;
const WHOLE_PROCESS: readonly RegExp[] = [
  new RegExp(String.raw`\bningun[oa]?s? (de (las|los|mis|nuestr[oa]s|sus) )?(\d+ |\w+ )?${PROCESS_NOUNS}\b`),
  /\ben ningun[oa]\b|\bningun[oa] (puede|pudo|ha podido|pasa|sale|timbra|se \w+)\b/,
  new RegExp(String.raw`\btod[oa]s (las |los |mis |nuestr[oa]s |sus )?(\d+ |~\d+ )?${PROCESS_NOUNS}\b`),
  /\btod[oa]s (las|los) de (hoy|ayer|esta semana|este mes|la semana)\b|\bya (son|van) (como )?\d{2,}\b/,
  /\btod[oa]s (se quedan|dicen|marcan|regresan|salen|fallan|dan|me (marcan|salen|dan|regresan)|les sale|con error|en (error|pendiente))\b|\ba todas les\b|\b(error|falla)s? en todas\b/,
  /\bcualquier (factura|cfdi|recibo|cliente|rfc|documento|complemento)\b|\bsin importar (el|la|los|las|que|cual)\b|\bno matter (what|which|the)\b|\bregardless of\b/,
  /\b(el timbrado|la cancelacion|las cancelaciones|el envio de (correos|facturas)|la descarga( masiva)?|el modulo|la nomina|la facturacion)\b(?: (?!factura|cliente|folio)[^\s.,;]+){0,3} (no (funciona|funcionan|sirve|jala|responde)|falla|fallan|esta (fallando|caid[oa]|parad[oa]|abajo))\b/,
  /\b(no|sin) (se )?(puede|pueden|puedo|podemos|poder|pudimos|hemos podido|ha podido|deja|dejan) (\w+ ){1,4}(nada|ninguna|ninguno)\b/,
  /\btodo (el |nuestro |mi )?(timbrado|facturacion|proceso de \w+|envio)\b/,
  /\b(paramos|dejamos) de (facturar|timbrar)\b|\bestamos (totalmente |completamente )?parad[oa]s\b|\b(a|para) ningun[oa]\b/,
  /\b(our|my) (whole|entire) (invoicing|stamping|operation|billing)\b|\b(invoicing|stamping|billing|operation) (is|are) (stopped|halted|blocked|down)\b/,
  /\b(van|son|llevamos|tenemos|mas de|como|hay)\s+(como\s+)?~?\d{2,}\s+(facturas|recibos|cfdis|empleados|trabajadores|documentos|complementos)\b/,
  /\b\d{2,} ?% (de )?(las |nuestras |mis )?(facturas|llevan|son|tienen)\b/,
  /\b(every|all|any)( single| new| of (our|my|the|these))? (~?\d+ )?(invoices?|receipts?|cfdis?|xmls?|pdfs?|emails?|requests?|calls?|cancellations?|branches|customers|documents?|payroll|reports?)\b/,
  /\bevery single one\b|\bnone of (our|my|the|them)\b|\bnothing (stamps|goes through)\b|\bnot just (one|this|a few)\b|\b(basically|practically|nearly|almost) (every|all)\b/,
  /\bno (\w+ )?(invoices?|emails?|receipts?|xmls?|pdfs?|cancellations?) (are|is|were|will|can|have|has|get|gets)\b|\b\d{2,}\+? (customers|clients)\b/,
  /\b~?\d{2,} (invoices|receipts)\b|\b\d{2,} (stuck|pending)\b|\bno (es|son) (solo|nada mas|unicamente) (una|uno|esta|esa)\b/,
];

// A named invoice, client or report, or a SAT data validation on one document.
const NAMED_ITEM: readonly RegExp[] = [
  /\b(factura|folio|invoice|recibo|complemento|nota de credito)( (numero|no\.?|#|folio|number))? ?#?[a-z]{0,3}-?\d{1,7}\b/,
  /\b(esta|esa|una|la|mi) (factura|nota de credito|carta porte)\b(?! global)/,
  /\b(un|este|ese|el) (cliente|producto|concepto|receptor|reporte|complemento)\b/,
  /\b(one|this|that|a single|the) (invoice|customer|client|receipt|pdf|product|report)\b/,
  /\bcfdi ?4\d{4}\b|\b(regimen ?fiscal ?receptor|rfc del receptor|objetoimp|uso ?cfdi)\b/,
];

// The customer cannot reach the portal or log in at all.
const SITE = String.raw`(portal|pagina|sitio|site|website|plataforma|platform|sistema|system|servicio|service|interfactura|login|inicio de sesion|pagina de acceso|web|app)`;
const PORTAL_DOWN: readonly RegExp[] = [
  new RegExp(String.raw`\b${SITE}\b[^.\n]{0,30}\b((no|tampoco|ni) (abre|carga|responde|funciona)n?|can'?t be reached|caid[oa]s?|esta abajo|down|offline|unreachable|won'?t load|doesn'?t load|not loading|no funciona|error 50\d|50[234])\b`),
  new RegExp(String.raw`\b(no|ni) (abre|carga|responde|funciona|sirve|jala|me abre|nos abre)( el| la)? ${SITE}\b|\bni (el |la )?${SITE}\b[^.\n]{0,60}\b(responde|responden|abre|abren|carga|cargan|funciona|funcionan)\b`),
  /\bno (me |nos |le )?(deja|dejan) (entrar|ingresar|acceder)\b|\b(no|sin) (puedo|podemos|poder|puede|pueden|pudimos) (entrar|ingresar|acceder|iniciar sesion)\b/,
  /\b(can'?t|cannot|unable to|couldn'?t) (log ?in|sign in|access|get in|open the (portal|site))\b|\b(nobody|no one) can log ?in\b/,
  /\bal (entrar|ingresar|iniciar sesion|acceder)\b[^.\n]{0,30}\b(error|no (pasa|carga|abre))|\b(error|falla)\b[^.\n]{0,20}\bal (entrar|ingresar|iniciar sesion|acceder)\b|\b(when|after) (logging|signing|i log|we log|i sign|we sign) ?in\b[^.\n]{0,40}\b(error|wrong|fails?|blank)/,
  /\berr_\w+|\bbad gateway\b|\bgateway time-?out\b|\bservice unavailable\b|\b(servicio|sistema|portal) no (esta |se encuentra )?disponible\b|\bsomething went wrong\b/,
];

// One screen or module never loads.
const MODULE_DOWN: readonly RegExp[] = [
  /\b(modulo|pantalla|seccion|consulta|listado|historial|reportes|page|module|screen|section|tab|catalogo|menu)\b[^.\n]{0,40}\b(no (abre|carga)|won'?t (load|open)|doesn'?t (load|open)|not loading|spins|da vueltas|se queda cargando)\b/,
  /\b(whole|entire) (\w+ )?(section|module|page|screen)\b[^.\n]{0,30}\b(error|blank|fails?|won'?t)|\bsolo da vueltas\b|\bspins forever\b|\bloading forever\b|\bse queda(n)? cargando\b|\b(shows?|showing|get|gets) (a |an )?(blank|empty|white) (page|screen)\b/,
];

// Slowness that stops the operation (mild slowness stays a specific incident).
const SLOW = String.raw`(lent[oa]s?|lentisim[oa]|lentitud|slow(ness)?|tarda(n|ndo)?|se tarda|tardadisimo)`;
const SEVERE_SLOWNESS: readonly RegExp[] = [
  new RegExp(String.raw`\b(extremadamente|muy|bien|super|demasiado|tan|extremely|very|painfully|so) ${SLOW}\b|\blentisim[oa]\b|\blentitud extrema\b`),
  new RegExp(String.raw`\b${SLOW}\b[^.\n]{0,40}?\b(minutos|minutes|horas|hours)\b|\b(minutos|minutes)\b[^.\n]{0,30}\b${SLOW}\b`),
  new RegExp(String.raw`\b${SLOW}\b[^\n]{0,120}\b(se cae|se traba|no avanza|fila|cola|imposible|unusable|can'?t work|no podemos (trabajar|facturar|timbrar))\b`),
];

// Errors that come from the service's own infrastructure (PAC, timeouts, 5xx), not from the data.
const VENDOR_ERROR: readonly RegExp[] = [
  /\b(error|problema|falla)s? (de |al |en la )?(conexion|comunicarse|conectar) (con|a|al)? ?(el |la )?(pac|pack|servicio|servidor)\b/,
  /\btiempo de espera\b|\btime ?outs?\b|\btim(ed|es|ing) out\b|\bno fue posible (establecer )?conex/,
  /\berror interno\b|\binternal (server )?error\b|\b(pac|pack|servicio de \w+|servidor|timbrado) (no responde|tampoco responde|no disponible)\b/,
  /\b(error|http|codigo|code|regresan?|returns?|marca|sale|get|got|getting|gives?|with|da|con)( un| an| a| el)?( error)?( http)? (40[0134]|50[0234])\b|\b(40[0134]|50[0234]) (error|unauthorized|not found|bad gateway|service|en todo|en todas)\b/,
];

// "The rest of the portal works": the failure is partial, not total.
const REST_WORKS: readonly RegExp[] = [
  /\b(el )?resto del (portal|sistema|sitio)\b|\btodo lo demas (si )?(funciona|jala|sirve|bien)\b/,
  /\b(portal|sistema|pagina|sitio|site)( itself)? (si )?(abre|carga|loads|works|funciona|jala)\b/,
  /\brest of the (portal|site|system|app)\b/,
];

// Stamping, invoicing, access or cancelling blocked for this customer (no item named).
const CORE_BLOCKED: readonly RegExp[] = [
  // Formal register: "no ha sido posible acceder al portal", "no nos es posible timbrar".
  /\bno (ha sido|es|fue|nos ha sido|nos es|me ha sido|me es) posible (acceder|entrar|ingresar|timbrar|facturar|cancelar|emitir)\b/,
  /\b(no|ni|sin) (se |me |nos )?(puede|puedo|podemos|poder|deja|dejan|pudimos)\w* (\w+ )?(timbrar|facturar|entrar|ingresar|acceder|cancelar)\b/,
  /\b(can'?t|cannot|unable to) (\w+ )?(stamp|invoice|log ?in|access|cancel|issue)\b/,
];

// Something does not work as it should.
const FAILURE: readonly RegExp[] = [
  /\berror(es)?\b|\bfall(a|an|ando|o|aron|ida)\b|\bno (funciona|funcionan|sirve|sirven|jala|jalan)\b/,
  /\b(ningun[oa]?|nadie)\b[^.\n]{0,50}?\b(puede|puedo|podemos|pudo|ha podido|pasa|sale|timbra|se timbra|funciona|sirve|jala|abre|carga|llega|recibe|reciben|ha recibido|han recibido|trae|traen|incluye|muestra)\b|\bno fue posible\b/,
  /\bno (me |nos |le |les |se )?(deja|dejan|dejo)\b|\bsin poder\b|\bsigo sin\b|\bsigue (igual|sin|fallando)\b/,
  /\b(no|ni) (se |me |nos |le )?(puede|pueden|puedo|podemos|pudo|pudimos|he podido|hemos podido|ha podido|han podido)\b(?! (encontrar|ver donde|saber))/,
  /\bno (se |me |nos |le |les )?(abre|abren|carga|cargan|responde|responden|timbra|timbran|descarga|descargan|aparece|aparecen|llega|llegan|llego|llegaron|envia|manda|guarda|encuentra|quiere|reconoce)\b/,
  /\bno (se )?(esta|estan) \w+(ando|iendo)\b|\bno (recibe|reciben|recibimos)\b|\bquedan? sin (uuid|timbrar|sello|timbre)\b/,
  /\bni abre\b|\bno (hace|pasa) nada\b|\bno pasa de ahi\b|\bno (coincide|corresponde|cuadra)\b|\bno (me |le |nos |les )?(acepta|aceptan|acepto|valida|validan)\b/,
  /\b(llego|llegaron|salio|salieron|se timbro|se envio|me cobraron|cobro) (\w+ ){0,3}(dos|2|tres|3) veces\b|\bes normal\b/,
  /\bcaid[oa]s?\b|\bse (cayo|cae|traba|congela|borra|borran|borraron|perdio)\b/,
  /\bse (quedo|queda|quedan) (cargando|en proceso|pendiente|trabad|atorad|colgad|con el mensaje|en blanco|en ['"‘“])/,
  /\bnunca (se )?(cancela|timbra|llega|carga|abre|termina|procesa|envia)n?\b|\bningun[oa]? (?!problema)\w+ (\w+ )?se \w+/,
  /\b(esta|estan) (abajo|fuera de servicio)\b|\bsin servicio\b|\bno (esta |estan |se encuentra )?disponible\b/,
  new RegExp(String.raw`(?<!\bcuanto )(?<!\bcuanto tiempo )\b${SLOW}\b`),
  /\b(duplicad[oa]s?|repetid[oa]s|incorrect[oa]s?|equivocad[oa]s?|rar[oa]s?|diferente|distinto)\b|\bde diferencia\b|\bsale mal\b|\bmal (calculad|puest|hech)/,
  /\brechaz\w+|\bdesaparec\w+|\b(en blanco|vaci[oa])\b/,
  /\bpero en el (xml|pdf)\b[^.\n]{0,40}\b(aparece|sale|trae|muestra)\b|\balthough i (entered|selected|put)\b/,
  /\bya (lo |la )?(subi|intente|probe|hice)\b[^.\n]{0,30}\b(dos|tres|varias|\d+) veces\b|\b(me|nos) (ha )?paso (\w+ )?(\d+|dos|tres|varias) veces\b/,
  /\b(can'?t|cannot|can not|couldn'?t|unable to|won'?t|doesn'?t|does not|isn'?t|aren'?t|not) (\w+ ){0,2}?(work|working|load|loading|open|log ?in|sign in|access|stamp|cancel|download|receive|receiving|send|sending|issue|save|arrive)\b/,
  /\b(none of|not one of|nobody|no one)\b[^.\n]{0,40}\b(are|is|were|was|can|could|will|gets?|has|have|works?)\b/,
  /\b(not|no|none|nothing)\b[^.\n]{0,30}\b(going out|arriving|being sent|coming through|goes through|go through)\b/,
  /\b(hasn'?t|haven'?t) (gotten|received|arrived)\b|\b(fail|fails|failing|failed|failure|broken|down|offline|unreachable|outage|wrong|incorrect|mismatch|bug|glitch|crash\w*|stuck|empty|blank|errors?|missing|reject\w*)\b/,
  /\b(tengo|tenemos|hay) (un |algun )?problema\b|\bproblema con\b|\b(have|having|had) (a |an )?(problem|issue)\b/,
  /\bshows? (a |an |the )?(different|wrong|old|incorrect)\b/,
];

// How-to questions, information and account requests.
const HOW_TO: readonly RegExp[] = [
  /\bcomo (le |lo |la |les |se |me |nos )?(hago|hacemos|puedo|podemos|agrego|creo|cambio|pongo|doy|actualizo|saco|genero|configuro|descargo|cancelo|timbro|facturo|emito|registro|elimino|borro|quito|subo|veo|consulto|activo|desactivo|anado|envio|mando|compro|pago|relaciono|sustituyo|obtengo|uso|funciona|hay que)\b/,
  /\bcomo (se )?(dar|hacer|agregar|cambiar|poner|crear|cancelar|facturar|timbrar|descargar|subir|configurar|actualizar|obtener|generar|emitir|registrar|eliminar|hace|usa|pone|agrega|cambia|llena|calcula|configura)\b/,
  /\b(donde|en donde) (le |lo |la )?(veo|se|esta|estan|puedo|encuentro|cambio|consulto|descargo|configuro|agrego|compro|pago|contrato|doy|hago|activo|solicito|obtengo|saco)\b|\bque diferencia\b|\bcual es (el|la) (diferencia|costo|precio|procedimiento)\b/,
  /\bsaber (si|como|cuanto|cual|donde|que|por que)\b|\bcuant[oa]s \w+ (puedo|pueden|podemos|hay|tengo|tiene|incluye)\b|\bcuant[oa]s? (cuesta|cuestan|costaria|cobran|tiempo|timbres|facturas|usuarios|tarda|se tarda|demora)\b|\b(el )?procedimiento\b/,
  /(?<!\bno )\b(se puede|se pueden|es posible|hay forma|hay manera)\b|\b(tienen|manejan|ofrecen|existe|hay) (algun |alguna |un |una )?(app|aplicacion|api|opcion|version|plan|paquete|limite|capacitacion|curso|tutorial|video|manual|soporte)\b/,
  /\b(quiero|quisiera|queremos|quisieramos|necesito|necesitamos|me gustaria) (saber|pasar|cambiar|dar|agregar|contratar|facturar|solicitar|informacion|preguntar|actualizar|cancelar mi|comprar|renovar|eliminar|borrar|quitar|crear|conocer|registrar)\b|\bya no quiero\b/,
  /\b(horario|horarios|costo|costos|precio|precios|tarifa|requisitos|manual)\b/,
  /\b(una|varias|otra) (pregunta|duda|consulta)s?\b|\bdudas?\b|\bconsulta\b|\bpregunta(r|rles|rle)?\b/,
  /\b(solicito|solicitamos|solicitud|requiero|requerimos)\b|\bme (pueden|podrian) (enviar|reenviar|mandar|dar|explicar|decir|ayudar a|apoyar)\b|\bme (pueden |podrian )?ayud(an|ar|en) a \w+|\bque me (ayuden|expliquen|digan|apoyen|orienten)\b/,
  /\b(les |le )?(adjunto|envio|mando|comparto) (mi|la|el|los|las|nuestra|nuestro)\b|\b(para que|favor de|por favor) (me )?(actualicen|cambien|den|agreguen|registren|modifiquen|actualizar|cambiar|dar|agregar|registrar|modificar)\b/,
  /\b(dar|darme|darnos|de) (de )?(alta|baja)\b|\b(alta|baja) de\b|\bcambio de (plan|logo|regimen|razon social|datos|correo|contrasena|domicilio)\b/,
  /\btengo que (hacer|poner|agregar|cambiar)\b|\bseria buena idea\b/,
  /\bhow (do|can|should|would|to|does)\b|\bwhere (do|can|is|are)\b|\bis (it|that|there) (possible|a way)\b|\b(can|could) (i|we)\b/,
  /\b(want|wanted|would like|'d like) to (ask|know|request|get|have|change|cancel|add|receive|order|buy|upgrade)\b|\brequest (a|an|the)\b|\b(ask|know|wondering) (if|whether)\b/,
  /\bcould you (send|tell|confirm|explain|share)\b|\bdo you (guys |all )?(have|offer|support)\b|\bwhether\b|\bquestion\b|\bwondering\b|\bpricing\b/,
];

const QUESTION: readonly RegExp[] = [/[?¿]/];

const URGENCY: readonly RegExp[] = [/\burgent\w*|\bya!+|\basap\b|\bemergencia\b|\bsin prisa\b|\bno (es|hay) (urgente|prisa)\b|\bno rush\b/];

const CUE_TABLES: Record<CueName, readonly RegExp[]> = {
  othersAffected: OTHERS_AFFECTED,
  wholeService: WHOLE_SERVICE,
  allUsers: ALL_USERS,
  multiNetwork: MULTI_NETWORK,
  ownData: OWN_DATA,
  ownLimit: OWN_LIMIT,
  explicitSingle: EXPLICIT_SINGLE,
  sameKindWorks: SAME_KIND_WORKS,
  wholeProcess: WHOLE_PROCESS,
  namedItem: NAMED_ITEM,
  portalDown: PORTAL_DOWN,
  moduleDown: MODULE_DOWN,
  severeSlowness: SEVERE_SLOWNESS,
  vendorError: VENDOR_ERROR,
  restWorks: REST_WORKS,
  coreBlocked: CORE_BLOCKED,
  failure: FAILURE,
  howTo: HOW_TO,
  question: QUESTION,
  urgency: URGENCY,
};

// Core processes for the "several processes down at once" sign of a total outage.
const PROCESS_WORDS: ReadonlyArray<readonly [string, RegExp]> = [
  ['access', /\b(entrar|ingresar|acceder|iniciar sesion|log ?in|sign in|access)\b/],
  ['stamping', /\b(timbrar|timbrado|facturar|emitir|issue|stamp\w*)\b/],
  ['cancelling', /\b(cancelar|cancelacion\w*|cancel)\b/],
  ['viewing', /\b(consultar|ver|descargar|view|see|download)\b/],
];
const NEGATED_PROCESS: readonly RegExp[] = [
  /\b(no|ni|sin|nadie|ningun[oa]?)\b(?: [^\s.,;!?]+){0,3}? (entrar|ingresar|acceder|iniciar sesion|timbrar|facturar|emitir|cancelar|consultar|ver|descargar)\b/g,
  /\b(timbrado|login|acceso|cancelacion)\b (tampoco|no) (responde|funciona|abre|sirve)\b/g,
  /\b(can'?t|cannot|can not|unable to|couldn'?t|not able to)\b[^.!?\n]{0,60}/g,
];

// ---------------------------------------------------------------------------------------------
// Detection and decision
// ---------------------------------------------------------------------------------------------

interface Hit {
  label: string;
  excerpt: string;
}
type CueHits = Partial<Record<CueName | 'multiProcess', Hit>>;

function detectCues(clean: string, folded: string): CueHits {
  const hits: CueHits = {};
  for (const name of Object.keys(CUE_TABLES) as CueName[]) {
    const hit = firstMatch(clean, folded, CUE_TABLES[name], CUE_LABELS[name]);
    if (hit) hits[name] = hit;
  }
  const processes = failingProcesses(folded, hits.portalDown !== undefined);
  if (processes.size >= 3 || (processes.size >= 2 && processes.has('access'))) {
    hits.multiProcess = { label: CUE_LABELS.multiProcess, excerpt: [...processes].join(', ') };
  }
  return hits;
}

function decide(cues: CueHits): SeverityClassification {
  // Outage-shaped cues are failures even when no generic failure word was found.
  const failure =
    cues.failure ??
    cues.portalDown ??
    cues.vendorError ??
    cues.moduleDown ??
    cues.coreBlocked ??
    cues.severeSlowness ??
    cues.wholeService ??
    cues.multiProcess;
  const h: CueHits = { ...cues, failure };
  const single = h.explicitSingle ?? h.sameKindWorks;
  const broad =
    h.portalDown ?? h.wholeService ?? h.multiProcess ?? h.wholeProcess ?? h.vendorError ?? h.allUsers ?? h.coreBlocked ?? h.severeSlowness;

  // 0 needs people outside this organisation hit by a broad failure, whatever the tone.
  if (h.othersAffected && h.failure && !single) {
    if (broad || !h.namedItem) return verdict(0, h.othersAffected, broad ?? h.failure);
    return verdict(1, h.othersAffected, h.namedItem);
  }
  // ...or several independent signs that the whole platform is down (not just one screen).
  const outageSigns = [h.wholeService, h.multiProcess, h.allUsers, h.multiNetwork].filter(isHit);
  if ((h.wholeService ?? h.multiProcess) && outageSigns.length >= 2) return verdict(0, ...outageSigns);

  // The account's own stamps, users or certificate explain it: not a platform failure.
  if (h.ownLimit) return verdict(3, h.ownLimit, h.howTo);
  if (h.ownData) return h.howTo ? verdict(3, h.ownData, h.howTo) : verdict(2, h.ownData, h.failure);

  if (single && (h.failure ?? h.sameKindWorks)) return verdict(2, single, h.failure, h.urgency);
  if (h.wholeProcess && h.failure) return verdict(1, h.wholeProcess, h.failure, h.urgency);
  if (h.namedItem && h.failure) return verdict(2, h.namedItem, h.failure, h.urgency);

  const partial =
    h.wholeService ??
    h.multiProcess ??
    h.portalDown ??
    h.moduleDown ??
    h.severeSlowness ??
    h.vendorError ??
    (h.failure && h.allUsers);
  if (partial) return verdict(1, partial, h.restWorks);
  if (h.restWorks && h.failure) return verdict(1, h.failure, h.restWorks);

  // Ambiguity between a failure and a question is resolved upwards: over-triage beats under-triage.
  if (h.failure) return verdict(2, h.failure, h.urgency);
  if (h.howTo ?? h.question) return verdict(3, h.howTo ?? h.question, h.urgency);
  return { severity: 2, reasons: ['sin señal clara: se trata como incidente específico'] };
}

function verdict(severity: Severity, ...hits: ReadonlyArray<Hit | undefined>): SeverityClassification {
  const reasons = hits.filter(isHit).map((hit) => `${hit.label}: '${hit.excerpt}'`);
  return { severity, reasons: [...new Set(reasons)] };
}

function isHit(hit: Hit | undefined): hit is Hit {
  return hit !== undefined;
}

function firstMatch(clean: string, folded: string, patterns: readonly RegExp[], label: string): Hit | undefined {
  for (const pattern of patterns) {
    const match = pattern.exec(folded);
    if (match) return { label, excerpt: excerptAt(clean, match.index, match[0].length) };
  }
  return undefined;
}

function excerptAt(clean: string, index: number, length: number): string {
  const text = clean.slice(index, index + Math.min(length, 60)).replace(/\s+/g, ' ').trim();
  return length > 60 ? `${text}…` : text;
}

function failingProcesses(folded: string, accessDown: boolean): Set<string> {
  const found = new Set<string>(accessDown ? ['access'] : []);
  for (const pattern of NEGATED_PROCESS) {
    for (const match of folded.matchAll(pattern)) {
      for (const [process, word] of PROCESS_WORDS) if (word.test(match[0])) found.add(process);
    }
  }
  return found;
}

/** Lower case without accents, one output character per input character (keeps indices aligned). */
export function fold(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    // Plain ASCII needs no normalisation: most of any message, and the rest repeats (a cache per character).
    out += code < 0x80 ? (code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 32) : ch) : foldedCharacter(ch);
  }
  return out;
}

const foldedCharacters = new Map<string, string>();
/** Distinct non-ASCII characters remembered, at most: a message in another script must not grow the cache without bound. */
const MAX_FOLDED_CHARACTERS = 4_096;

function foldedCharacter(ch: string): string {
  let out = foldedCharacters.get(ch);
  if (out === undefined) {
    const folded = ch.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    out = folded.length === ch.length ? folded : ch.length === 1 ? ' ' : ch;
    if (foldedCharacters.size < MAX_FOLDED_CHARACTERS) foldedCharacters.set(ch, out);
  }
  return out;
}
