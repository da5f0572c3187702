import { describe, it, expect } from '@jest/globals';
import { extractCustomerText } from '../text/customer-text.js';
import { classifyByRules } from './severity-rules.js';
import { SEVERITY_LABELS_ES, SEVERITY_MEANINGS_ES, SEVERITIES, isSeverity } from './severity.js';
import type { Severity } from './severity.js';

interface Example {
  condition: string;
  subject?: string;
  text: string;
  expected: Severity;
}

function severityOf(example: Pick<Example, 'subject' | 'text'>): Severity {
  return classifyByRules({ subject: example.subject ?? null, text: example.text }).severity;
}

describe('classifyByRules', () => {
  describe('severity 0: the whole service is down for everyone', () => {
    const examples: Example[] = [
      {
        condition: 'a WhatsApp group of accountants reports the same outage',
        text: 'Buenas, ¿se cayó Interfactura? No carga la página desde hace media hora y en el grupo de WhatsApp de contadores todos dicen lo mismo.',
        expected: 0,
      },
      {
        condition: 'people from other businesses cannot log in either',
        text: 'hola no es urgente pero nadie puede entrar, ni yo ni la gente de otros negocios que conozco que usan el portal',
        expected: 0,
      },
      {
        condition: 'an English report says two other companies get 502 on login',
        subject: 'Platform offline?',
        text: 'Hi, your platform seems to be offline: our team and two other companies we work with get a 502 on the login page and the API times out.',
        expected: 0,
      },
      {
        condition: 'an unpunctuated phone call mentions another accountant with the same problem',
        text: 'bueno si mire le hablo porque no abre el portal de ustedes ni a mi ni a mi contadora que lleva otras empresas y a ella tampoco le abre ninguna',
        expected: 0,
      },
      {
        condition: 'the customer says there is no rush but acquaintances who invoice with the service are down too',
        text: 'Sin prisa, solo aviso: parece caída general, ni el portal ni el servicio de timbrado responden y varios conocidos que facturan con ustedes están igual.',
        expected: 0,
      },
      {
        condition: 'colleagues of an accountants association cannot stamp either',
        text: 'oigan la pagina marca error 500 en todo y mis colegas de la asociación de contadores tampoco pueden timbrar',
        expected: 0,
      },
      {
        condition: 'a phone caller says other accountants all have it',
        text: 'si bueno mire ya nadie puede entrar al portal ni timbrar y le marque a otros contadores y a todos les pasa igual',
        expected: 0,
      },
      {
        condition: 'an English no-rush heads-up names other customers of the service',
        text: 'No rush at all, just a heads-up: your site returns 503 for me and for two other customers of yours I spoke with.',
        expected: 0,
      },
      {
        condition: 'a downdetector check shows reports for everyone',
        text: 'Is Interfactura down for everyone? Nothing loads here and downdetector shows tons of reports.',
        expected: 0,
      },
    ];
    it.each(examples)('should rate $expected when $condition', (example) => {
      expect(severityOf(example)).toBe(example.expected);
    });
  });

  describe('severity 1: a whole process fails but not everything', () => {
    const examples: Example[] = [
      {
        condition: 'no payment complement stamps while income invoices work',
        text: "Desde temprano ningún complemento de pago se timbra, todos regresan 'Error 301'. Las facturas de ingreso salen sin problema.",
        expected: 1,
      },
      {
        condition: 'invoice emails reach nobody',
        text: 'No podemos mandar por correo ninguna factura desde ayer, a nadie le llega nada',
        expected: 1,
      },
      {
        condition: 'the reports section never loads',
        text: 'la sección de reportes no carga, se queda la pantalla en blanco, ya probamos en Chrome y Edge',
        expected: 1,
      },
      {
        condition: 'an English message says no payroll receipt stamps',
        text: "None of our payroll receipts will stamp today; they all fail with 'service unavailable'. Regular invoices go through.",
        expected: 1,
      },
      {
        condition: 'a phone caller describes extreme slowness with people waiting',
        text: 'hola buenas fijese que esta lentisimo el portal cada timbrado tarda como diez minutos y tengo gente esperando en la caja',
        expected: 1,
      },
      {
        condition: 'the cancel button fails for every user of the account',
        text: 'Tenemos 5 usuarios y a ninguno le funciona el botón de cancelar desde la actualización',
        expected: 1,
      },
      {
        condition: 'the API rejects every request',
        text: 'Since this morning the API rejects every request with a 500, our whole invoicing is stopped.',
        expected: 1,
      },
      {
        condition: 'stamping fails while the rest of the portal works',
        text: 'el timbrado no funciona desde las 8, lo demás del portal sí abre bien',
        expected: 1,
      },
      {
        condition: 'mixed Spanish and English describe severe slowness with timeouts',
        text: 'Hola team, el timbrado está super slow hoy, each invoice tarda like 5 minutes y a veces da timeout, tenemos fila en caja',
        expected: 1,
      },
      {
        condition: 'every cancellation request fails in English',
        text: "We haven't been able to cancel anything since yesterday - every cancellation request returns 'Error communicating with SAT'.",
        expected: 1,
      },
      {
        condition: 'only the own organisation cannot log in',
        text: 'Ninguno de los 20 usuarios de la empresa puede entrar al portal desde las 10, marca error.',
        expected: 1,
      },
    ];
    it.each(examples)('should rate $expected when $condition', (example) => {
      expect(severityOf(example)).toBe(example.expected);
    });
  });

  describe('severity 2: one item, one client, one field, or the account’s own data', () => {
    const examples: Example[] = [
      {
        condition: 'one invoice has a wrong VAT and the others are fine',
        text: 'La factura B-2231 salió con el IVA mal calculado, las otras del día están bien',
        expected: 2,
      },
      {
        condition: 'one client rejects the seal and other clients have no problem',
        text: 'mi cliente Comercializadora Ruiz no puede validar el XML que le mandé, dice que el sello es inválido. Con mis otros clientes no hay problema',
        expected: 2,
      },
      {
        condition: 'an English report names one invoice missing its payment terms',
        text: 'Customer ACME says the PDF of invoice 4471 is missing the payment terms. Every other invoice I checked has them.',
        expected: 2,
      },
      {
        condition: 'one folio fails to download with a server error',
        text: 'No me deja descargar el PDF de la factura con folio 889, sale error 500',
        expected: 2,
      },
      {
        condition: 'a phone caller has a problem with one payment complement',
        text: 'si buenas tardes tengo un problema con un complemento de pago que no me relaciona la factura correcta me sale otra factura',
        expected: 2,
      },
      {
        condition: 'one client does not receive emails',
        text: 'un cliente me dice que no le llegan mis facturas al correo, ya revisamos spam',
        expected: 2,
      },
      {
        condition: 'nothing stamps because the customer’s own CSD expired, written in capitals',
        subject: 'NO PUEDO TIMBRAR NADA',
        text: 'desde hoy ninguna factura sale, me dice que mi CSD está vencido, ayúdenme urgente',
        expected: 2,
      },
      {
        condition: 'one invoice fails in English while the others went through',
        text: 'Invoice F-1180 keeps failing with error CFDI40139 but all the others we issued today went through.',
        expected: 2,
      },
      {
        condition: 'the postcode of the account does not match the SAT record',
        text: 'Al timbrar me sale que mi código postal no coincide con el registrado en el SAT',
        expected: 2,
      },
      {
        condition: 'the text is urgent but only one receipt is stuck',
        text: 'URGENTE!!! el recibo de nómina de un empleado se quedó en pendiente, los demás ya salieron',
        expected: 2,
      },
    ];
    it.each(examples)('should rate $expected when $condition', (example) => {
      expect(severityOf(example)).toBe(example.expected);
    });
  });

  describe('severity 3: how-to, information and requests', () => {
    const examples: Example[] = [
      {
        condition: 'nothing stamps only because the stamp balance ran out and the customer asks where to buy',
        text: 'Ninguna de mis facturas timbra, sale que no cuento con timbres disponibles. ¿Dónde compro más?',
        expected: 3,
      },
      {
        condition: 'assistants cannot log in because they have no user accounts',
        text: 'Mis auxiliares no pueden entrar porque no tienen usuario, ¿me ayudan a crearles uno?',
        expected: 3,
      },
      {
        condition: 'an English how-to is written as URGENT',
        text: 'URGENT!!! How do I add my logo to the invoice PDF?',
        expected: 3,
      },
      {
        condition: 'an urgent question asks where to download something',
        text: 'Es urgentísimo, ¿dónde descargo el reporte de mis facturas del mes?',
        expected: 3,
      },
      {
        condition: 'an urgent how-to mentions one invoice',
        text: 'URGENTE necesito saber cómo cancelar una factura con motivo 01',
        expected: 3,
      },
      {
        condition: 'a customer asks whether a document type is supported',
        text: '¿Ustedes emiten CFDI de retenciones?',
        expected: 3,
      },
      {
        condition: 'a customer wants to change the notification address',
        text: 'Quisiera cambiar el correo al que llegan las notificaciones',
        expected: 3,
      },
      {
        condition: 'a customer asks to be sent their subscription invoice',
        text: 'Me pueden enviar la factura de mi suscripción de este mes',
        expected: 3,
      },
      {
        condition: 'an English phone caller asks about a feature',
        text: 'hi um i wanted to ask if you can set up payroll receipts in the free portal',
        expected: 3,
      },
      {
        condition: 'a customer sends new fiscal data to be updated',
        text: 'Les adjunto mi nueva constancia de situación fiscal para que actualicen mis datos',
        expected: 3,
      },
    ];
    it.each(examples)('should rate $expected when $condition', (example) => {
      expect(severityOf(example)).toBe(example.expected);
    });
  });

  describe('traps: alarming words without the matching scope', () => {
    const examples: Example[] = [
      {
        condition: 'nobody in the staff knows how to use the portal and the customer asks for training',
        text: 'Ninguno de mis empleados sabe usar el portal, ¿tienen capacitación?',
        expected: 3,
      },
      {
        condition: 'a supplier who also invoices with the service is mentioned in a how-to',
        text: 'Mi proveedor también factura con ustedes y me dijo que hay una opción para descargar todo en zip, ¿dónde está?',
        expected: 3,
      },
      {
        condition: 'a past outage is mentioned but today only one invoice is missing',
        text: 'El lunes estuvo caído el portal pero ya funciona; lo que pasa es que la factura A-3001 que hice ese día no aparece.',
        expected: 2,
      },
      {
        condition: '"everyone in the office" worried about maintenance notices',
        text: 'Una consulta: ¿ustedes avisan cuando hay mantenimiento? la vez pasada no nos enteramos y todo el mundo en la oficina se preocupó',
        expected: 3,
      },
      {
        condition: 'the customer cannot log in because they forgot the password',
        text: 'se me olvidó mi contraseña y no puedo entrar',
        expected: 3,
      },
      {
        condition: 'the customer asks how long a cancellation takes',
        text: 'oiga y cuánto tarda en reflejarse una cancelación en el SAT',
        expected: 3,
      },
      {
        condition: 'two separate accounts fail at login',
        text: 'hola alguien mas tiene problemas? mi contador y yo tenemos cuentas diferentes y a los dos nos sale error al entrar',
        expected: 0,
      },
      {
        condition: 'the customer says it is not urgent and asks about a feature',
        text: 'no es urgente, solo quería saber si el portal gratuito permite hacer recibos de honorarios',
        expected: 3,
      },
    ];
    it.each(examples)('should rate $expected when $condition', (example) => {
      expect(severityOf(example)).toBe(example.expected);
    });
  });

  describe('quoted replies, forwards and signatures', () => {
    it('should ignore an outage described only in quoted support text when the customer reports one invoice', () => {
      const text = [
        'Sigue sin funcionar, la factura C-300 todavía no se puede cancelar.',
        '',
        'El mar, 3 sep 2024 a las 10:15, Soporte Interfactura <portalgratuito@interfactura.com> escribió:',
        '> Hola, el portal completo estuvo caído para todos los clientes pero ya quedó.',
        '> Saludos',
      ].join('\n');
      expect(severityOf({ subject: 'RE: Ticket IF-000912', text })).toBe(2);
    });

    it('should classify the new top text when an English reply quotes a how-to answer', () => {
      const text = [
        'Still the same, nobody here can log in and every invoice is stuck.',
        '',
        'On Mon, Jun 3, 2024 at 9:12 AM Interfactura Support <soporte@example.com> wrote:',
        '> How do I reset my password? You can use the link on the login page.',
      ].join('\n');
      expect(severityOf({ subject: 'Re: login', text })).toBe(1);
    });

    it('should drop an Outlook original-message block when it follows the customer text', () => {
      const text = [
        '¿Cómo agrego otra serie?',
        '',
        '-----Mensaje original-----',
        'De: Soporte Interfactura',
        'Enviado: lunes, 1 de julio de 2024 10:00',
        'Asunto: Caída general del servicio',
        '',
        'Nadie puede timbrar, es una caída general para todos los clientes.',
      ].join('\n');
      expect(severityOf({ text })).toBe(3);
    });

    it('should classify the forwarded report when the customer adds only a short note', () => {
      const text = [
        'Les reenvío lo que reporta mi auxiliar',
        '',
        '---------- Forwarded message ---------',
        'De: Auxiliar Contable <aux@example.com>',
        'Asunto: timbrado',
        '',
        'Ninguna factura se puede timbrar desde las 10, todas marcan error de conexión con el PAC.',
      ].join('\n');
      expect(severityOf({ subject: 'FW: problema con timbrado', text })).toBe(1);
    });

    it('should not let an RFC or phone in the signature change the answer when the message is a question', () => {
      const text = [
        'Buenas, ¿cómo cambio la dirección fiscal de mi empresa?',
        '',
        'Saludos',
        'Servicios Técnicos Totales SA de CV',
        'STT010203AB1',
        'Tel 81 2345 6789 ext. 503',
      ].join('\n');
      expect(severityOf({ text })).toBe(3);
      expect(extractCustomerText('', text)).toBe('Buenas, ¿cómo cambio la dirección fiscal de mi empresa?');
    });

    it('should keep the subject and strip reply prefixes when building the customer text', () => {
      expect(extractCustomerText('RE: FW: Folios duplicados', 'Hola')).toBe('Folios duplicados\nHola');
    });
  });

  describe('reasons', () => {
    it('should quote the scope cue in the customer’s spelling when others are affected', () => {
      const result = classifyByRules({ text: 'No entra nadie al portal, y no soy solo yo: a todo el mundo le sale error 503.' });
      expect(result.severity).toBe(0);
      expect(result.reasons.some((reason) => reason.startsWith('otros afectados:'))).toBe(true);
    });

    it('should name the single-item cue when the other items work', () => {
      const result = classifyByRules({ text: 'la factura A-77 no timbra, las demás sí' });
      expect(result).toEqual({ severity: 2, reasons: expect.arrayContaining([expect.stringMatching(/^un solo elemento/)]) });
    });

    it('should return at least one reason when the message is empty', () => {
      const result = classifyByRules({ subject: null, text: '' });
      expect(result.reasons.length).toBeGreaterThan(0);
    });
  });
});

describe('severity meanings', () => {
  it('should give a Spanish meaning and label when any severity is shown to a customer', () => {
    for (const severity of SEVERITIES) {
      expect(SEVERITY_MEANINGS_ES[severity].length).toBeGreaterThan(20);
      expect(SEVERITY_LABELS_ES[severity]).toMatch(new RegExp(`^Severidad ${String(severity)} – `));
    }
  });

  it('should accept only 0..3 when a value is checked as a severity', () => {
    expect([0, 1, 2, 3].every(isSeverity)).toBe(true);
    expect([4, -1, 1.5, '2', null].some(isSeverity)).toBe(false);
  });
});
