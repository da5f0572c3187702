import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { mailCorpusFiles, mailCorpusPresent, noteMissingCorpus } from '../../../../test/support/shared-corpus.js';
import { mailIdentity } from './mail-identity.js';
import { MailNormalizer } from './mail-normalizer.js';

const SUPPORT = 'portalgratuito@interfactura.com';
const normalizer = new MailNormalizer({ supportEmail: SUPPORT, maxAttachmentBytes: 1_000_000 });
const normalize = (raw: string | Buffer) => {
  const bytes = Buffer.isBuffer(raw) ? raw : Buffer.from(raw.replace(/\r?\n/g, '\r\n'), 'utf8');
  return normalizer.normalize(bytes, { dedupeKey: mailIdentity(bytes).dedupeKey, receivedAt: new Date() });
};

describe('MailNormalizer', () => {
  it('should decode ISO-8859-1 text and encoded-word subjects when a legacy client sends them', async () => {
    const raw = [
      'From: =?ISO-8859-1?Q?Jos=E9_N=FA=F1ez?= <jose@cliente.mx>',
      'Subject: =?ISO-8859-1?Q?Facturaci=F3n_atorada?=',
      'Message-ID: <latin1@cliente.mx>',
      'Content-Type: text/plain; charset=ISO-8859-1',
      'Content-Transfer-Encoding: 8bit',
      '',
      'No se timbró la factura del señor Núñez.',
    ].join('\n');
    const message = await normalize(Buffer.from(raw.replace(/\n/g, '\r\n'), 'latin1'));
    expect(message.from).toEqual({ email: 'jose@cliente.mx', name: 'José Núñez' });
    expect(message.subject).toBe('Facturación atorada');
    expect(message.text).toContain('timbró la factura del señor Núñez');
  });

  it('should decode Windows-1252 punctuation when Outlook sends smart quotes', async () => {
    const body = Buffer.concat([Buffer.from('El bot'), Buffer.from([0xf3]), Buffer.from('n ', 'latin1'), Buffer.from([0x93]), Buffer.from('Timbrar'), Buffer.from([0x94]), Buffer.from(' no responde')]);
    const head = Buffer.from('From: a@b.mx\r\nSubject: x\r\nMessage-ID: <cp1252@b.mx>\r\nContent-Type: text/plain; charset=windows-1252\r\n\r\n');
    const message = await normalize(Buffer.concat([head, body]));
    expect(message.text).toBe('El botón “Timbrar” no responde');
  });

  it('should keep the text of a forwarded message/rfc822 part when a customer forwards a mail', async () => {
    const raw = [
      'From: cliente@empresa.mx',
      'Subject: FW: Aviso SAT',
      'Message-ID: <fw@empresa.mx>',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      '¿Ustedes ya están actualizados?',
      '--b1',
      'Content-Type: message/rfc822',
      '',
      'From: SAT Informa <informa@sat.gob.mx>',
      'Subject: Actualización de catálogos',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Se publicó una actualización del catálogo.',
      '--b1--',
    ].join('\n');
    const message = await normalize(raw);
    expect(message.text).toContain('¿Ustedes ya están actualizados?');
    expect(message.text).toContain('---------- Mensaje reenviado ----------');
    expect(message.text).toContain('Se publicó una actualización del catálogo.');
    expect(message.attachments[0]).toMatchObject({ contentType: 'message/rfc822', filename: 'mensaje-reenviado.eml' });
  });

  it('should derive text from HTML and keep only inline images when a mail is HTML only', async () => {
    const raw = [
      'From: cliente@empresa.mx',
      'Subject: Captura',
      'Message-ID: <html@empresa.mx>',
      'Content-Type: multipart/related; boundary="r1"',
      '',
      '--r1',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p>Vea el error:</p><img src="cid:captura@x"><img src="https://tracker.example/p.gif"><script>alert(1)</script>',
      '--r1',
      'Content-Type: image/png',
      'Content-ID: <captura@x>',
      'Content-Disposition: inline; filename="captura.png"',
      'Content-Transfer-Encoding: base64',
      '',
      'iVBORw0KGgo=',
      '--r1--',
    ].join('\n');
    const message = await normalize(raw);
    // The images' addresses are not words of the customer's.
    expect(message.text).toBe('Vea el error:');
    expect(message.htmlSanitized).toBe('<p>Vea el error:</p><img src="cid:captura@x" />');
    expect(message.attachments).toEqual([
      expect.objectContaining({ filename: 'captura.png', contentType: 'image/png', inline: true, contentId: 'captura@x' }),
    ]);
  });

  it('should keep an oversized attachment’s metadata but not its bytes when it passes the limit', async () => {
    const small = new MailNormalizer({ supportEmail: SUPPORT, maxAttachmentBytes: 4 });
    const raw = Buffer.from(
      [
        'From: a@b.mx',
        'Subject: adjunto',
        'Message-ID: <att@b.mx>',
        'Content-Type: multipart/mixed; boundary="m"',
        '',
        '--m',
        'Content-Type: text/plain',
        '',
        'va la factura',
        '--m',
        'Content-Type: application/pdf; name="factura.pdf"',
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.from('%PDF-1.4 contenido').toString('base64'),
        '--m--',
      ].join('\r\n'),
    );
    const message = await small.normalize(raw, { dedupeKey: 'k', receivedAt: new Date() });
    expect(message.attachments[0]).toMatchObject({ filename: 'factura.pdf', sizeBytes: 18, content: undefined });
    expect(message.attachments[0]!.omittedReason).toContain('larger than 4 bytes');
  });

  it('should keep only the last part of an attachment name that carries a path, and name one that has nothing left', async () => {
    const part = (name: string) => ['--m', `Content-Type: application/pdf; name="${name}"`, 'Content-Transfer-Encoding: base64', '', Buffer.from('%PDF-1.4 x').toString('base64')];
    const raw = ['From: a@b.mx', 'Subject: rutas', 'Message-ID: <rutas@b.mx>', 'Content-Type: multipart/mixed; boundary="m"', '', '--m', 'Content-Type: text/plain', '', 'van', ...part('../../../../tmp/evil.html'), ...part('carpeta/sub/factura.pdf'), ...part('../'), '--m--'].join('\r\n');
    const message = await normalize(raw);
    expect(message.attachments.map((attachment) => attachment.filename)).toEqual(['evil.html', 'factura.pdf', expect.stringMatching(/^adjunto/)]);
  });

  it('should list In-Reply-To first and then References from newest to oldest when a reply arrives', async () => {
    const raw = ['From: a@b.mx', 'Subject: Re: x', 'Message-ID: <r@b.mx>', 'In-Reply-To: <c@x>', 'References: <a@x> <b@x> <c@x>', '', 'ok'].join('\n');
    expect((await normalize(raw)).threadRefs).toEqual(['c@x', 'b@x', 'a@x']);
  });

  it('should mark mail that carries a Message-ID we generated as our own when it comes back', async () => {
    const raw = ['From: otro@b.mx', 'Subject: copia', 'Message-ID: <1234.ventanilla@interfactura.com>', '', 'copia'].join('\n');
    expect((await normalize(raw)).automated).toEqual({ kind: 'own_mail', reason: 'a Message-ID we generated' });
  });

  it('should give mail without a Message-ID a stable id derived from its content', async () => {
    const raw = ['From: a@b.mx', 'Subject: sin id', '', 'hola'].join('\n');
    const first = await normalize(raw);
    expect(first.externalId).toMatch(/^nomid-[0-9a-f]{40}$/);
    expect((await normalize(raw)).externalId).toBe(first.externalId);
  });
});

noteMissingCorpus('MailNormalizer on the real-world corpus');
const describeCorpus = mailCorpusPresent() ? describe : describe.skip;

describeCorpus('MailNormalizer on the real-world corpus (../shared/corpus/email-mikel-mail)', () => {
  const files = mailCorpusFiles();

  it.each(files)('should normalise %s without throwing', async (_name, path) => {
    const message = await normalize(readFileSync(path));
    expect(message.channel).toBe('email');
    expect(message.externalId.length).toBeGreaterThan(0);
    expect(message.text).not.toContain('\u0000');
  });

  it('should recognise every delivery-status report of the corpus as a bounce', async () => {
    const reports = files.filter(([name]) => name.startsWith('multipart_report_emails/'));
    expect(reports.length).toBeGreaterThan(0);
    for (const [name, path] of reports) {
      const message = await normalize(readFileSync(path));
      expect({ name, kind: message.automated?.kind }).toEqual({ name, kind: 'bounce' });
    }
  });

  it('should decode Japanese charsets (ISO-2022-JP, Shift_JIS) into readable text', async () => {
    const subjects = await Promise.all(
      files
        .filter(([name]) => name === 'multi_charset/japanese_iso_2022.eml' || name === 'multi_charset/japanese.eml')
        .map(async ([, path]) => (await normalize(readFileSync(path))).subject),
    );
    expect(subjects).toEqual(['まみむめも', 'まみむめも']);
  });
});

describe('MailNormalizer on awkward input', () => {
  it('should read raw 8-bit UTF-8 in headers that no client encoded', async () => {
    const raw = Buffer.from('From: Martín Peña <martin@pena.mx>\r\nSubject: Facturación sin timbrar\r\nMessage-ID: <8bit@pena.mx>\r\n\r\nHola\r\n', 'utf8');
    const message = await normalize(raw);
    expect(message.subject).toBe('Facturación sin timbrar');
    expect(message.from).toEqual({ email: 'martin@pena.mx', name: 'Martín Peña' });
  });

  it('should read a subject written in raw Latin-1 (an old Outlook, an ERP) as the client wrote it, not as U+FFFD', async () => {
    const raw = Buffer.from(
      'From: Lupita <lupita@ferreteria.mx>\r\nSubject: Facturaci\xF3n: no encuentro mi recepci\xF3n\r\n de pago\r\nMessage-ID: <latin1-raw@ferreteria.mx>\r\nContent-Type: text/plain; charset=ISO-8859-1\r\n\r\nNo aparece la recepci\xF3n.\r\n',
      'latin1',
    );
    const message = await normalize(raw);
    expect(message.subject).toBe('Facturación: no encuentro mi recepción de pago');
    expect(message.text).toContain('No aparece la recepción.');
  });

  it('should take the customer from Reply-To only for a listed form sender, never from a stranger', async () => {
    const forms = new MailNormalizer({ supportEmail: SUPPORT, maxAttachmentBytes: 1_000_000, formSenders: ['no-reply@formularios.mx', '@web.portal.mx'] });
    const normalizeForm = (text: string) => {
      const bytes = Buffer.from(text.replace(/\r?\n/g, '\r\n'), 'utf8');
      return forms.normalize(bytes, { dedupeKey: mailIdentity(bytes).dedupeKey, receivedAt: new Date() });
    };
    const raw = [
      'From: Formulario Web <no-reply@formularios.mx>',
      'Reply-To: =?UTF-8?Q?Claudia_R=C3=ADos?= <Claudia@Consultora.mx>',
      'Subject: Contacto: no puedo descargar mis XML',
      'Message-ID: <form-1@formularios.mx>',
      '',
      'Nombre: Claudia Ríos. Mensaje: no puedo descargar mis XML.',
    ].join('\n');
    expect((await normalizeForm(raw)).from).toEqual({ email: 'claudia@consultora.mx', name: 'Claudia Ríos' });
    expect((await normalizeForm(raw.replace('no-reply@formularios.mx', 'contacto@web.portal.mx'))).from).toEqual({ email: 'claudia@consultora.mx', name: 'Claudia Ríos' });
    // Without a name of its own, it does not borrow the form's; our own address there is ignored.
    expect((await normalizeForm(raw.replace('=?UTF-8?Q?Claudia_R=C3=ADos?= <Claudia@Consultora.mx>', 'claudia@consultora.mx'))).from).toEqual({ email: 'claudia@consultora.mx', name: undefined });
    expect((await normalizeForm(raw.replace('=?UTF-8?Q?Claudia_R=C3=ADos?= <Claudia@Consultora.mx>', SUPPORT))).from).toEqual({ email: 'no-reply@formularios.mx', name: 'Formulario Web' });
    // Anyone else's Reply-To is a claim nobody checked: the customer is who sent it.
    const posing = raw.replace('Formulario Web <no-reply@formularios.mx>', 'Atacante <atacante@evil.mx>');
    expect((await normalizeForm(posing)).from).toEqual({ email: 'atacante@evil.mx', name: 'Atacante' });
    expect((await normalize(raw)).from).toEqual({ email: 'no-reply@formularios.mx', name: 'Formulario Web' });
  });

  it('should still give the text when the charset is one nobody knows', async () => {
    const raw = ['From: a@b.mx', 'Subject: raro', 'Message-ID: <unk@b.mx>', 'Content-Type: text/plain; charset=x-unknown-2026', '', 'Texto legible'].join('\n');
    expect((await normalize(raw)).text).toContain('Texto legible');
  });

  it('should keep a winmail.dat (TNEF) attachment as a file and still open a message', async () => {
    const raw = [
      'From: outlook@empresa.mx',
      'Subject: Adjunto de Outlook',
      'Message-ID: <tnef@empresa.mx>',
      'Content-Type: multipart/mixed; boundary="t"',
      '',
      '--t',
      'Content-Type: text/plain',
      '',
      'Va el archivo',
      '--t',
      'Content-Type: application/ms-tnef; name="winmail.dat"',
      'Content-Disposition: attachment; filename="winmail.dat"',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('TNEF-binary-content').toString('base64'),
      '--t--',
    ].join('\n');
    const message = await normalize(raw);
    expect(message.text).toContain('Va el archivo');
    expect(message.attachments).toEqual([expect.objectContaining({ filename: 'winmail.dat', contentType: 'application/ms-tnef', sizeBytes: 19 })]);
  });
});
