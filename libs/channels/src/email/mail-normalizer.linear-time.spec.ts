import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { TIME_BUDGET_MS, TIMING_RUNS, deepHtml } from '../../../../test/support/hostile-text.js';
import { mailIdentity } from './mail-identity.js';
import { MailNormalizer } from './mail-normalizer.js';

const normalizer = new MailNormalizer({ supportEmail: 'portalgratuito@interfactura.com', maxAttachmentBytes: 1_000_000 });

async function normalizeTimed(raw: Buffer) {
  const started = performance.now();
  const message = await normalizer.normalize(raw, { dedupeKey: mailIdentity(raw).dedupeKey, receivedAt: new Date() });
  return { message, elapsed: performance.now() - started };
}

const htmlOnlyMail = (html: string) =>
  Buffer.from(`From: cliente@empresa.mx\r\nSubject: Error\r\nMessage-ID: <deep@empresa.mx>\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${html}`, 'utf8');

describe('MailNormalizer on a hostile raw 8-bit subject', () => {
  it('should read a 60,000-byte Latin-1 subject folded 5,000 times, with blanks between, within the budget', async () => {
    const folded = Array.from({ length: 5_000 }, () => 'Facturaci\xF3n   \t ').join('\r\n ');
    const raw = Buffer.from(`From: cliente@empresa.mx\r\nSubject: ${folded}\r\nMessage-ID: <latin@empresa.mx>\r\n\r\nHola\r\n`, 'latin1');
    const { message, elapsed } = await normalizeTimed(raw);
    expect(elapsed).toBeLessThan(TIME_BUDGET_MS);
    expect(message.subject.startsWith('Facturación')).toBe(true);
  });
});

describe('MailNormalizer on hostile HTML', () => {
  it('should read the text of an HTML-only mail within a second when its markup nests 100,000 levels deep', async () => {
    const { message, elapsed } = await normalizeTimed(htmlOnlyMail(`<p>no puedo timbrar</p>${'<div>'.repeat(100_000)}`));
    expect(elapsed).toBeLessThan(TIME_BUDGET_MS);
    expect(message.text).toBe('no puedo timbrar');
    expect(message.htmlSanitized).toBeUndefined();
  });

  it('should read an HTML-only mail within a second when <p><li> repeats past mailparser’s own depth guard', async () => {
    const { message, elapsed } = await normalizeTimed(htmlOnlyMail(`<p>no puedo timbrar</p>${'<p><li>'.repeat(150_000)}`));
    expect(elapsed).toBeLessThan(TIME_BUDGET_MS);
    expect(message.text).toBe('no puedo timbrar');
  });

  it('should finish within the budget when an HTML-only mail of 1 MB nests as deep as it can', async () => {
    await fc.assert(
      fc.asyncProperty(deepHtml(1024 * 1024), async ({ text }) => {
        const { message, elapsed } = await normalizeTimed(htmlOnlyMail(text));
        expect(elapsed).toBeLessThan(TIME_BUDGET_MS);
        expect(message.text).toContain('no puedo timbrar');
      }),
      { ...TIMING_RUNS, numRuns: 10 },
    );
  });

  it('should wrap the text of an HTML-only mail at 80 columns as mailparser did when it has long paragraphs', async () => {
    const paragraph = 'No puedo timbrar ninguna factura desde esta mañana y el portal marca un error de conexión con el PAC.';
    const { message } = await normalizeTimed(htmlOnlyMail(`<p>${paragraph}</p>`));
    expect(message.text).toBe('No puedo timbrar ninguna factura desde esta mañana y el portal marca un error de\nconexión con el PAC.');
  });
});

describe('MailNormalizer on a huge References header', () => {
  it('should keep the In-Reply-To and the 99 newest references when References lists 5,000 ids', async () => {
    const references = Array.from({ length: 5_000 }, (_, index) => `<ref-${index}@x.mx>`).join(' ');
    const raw = Buffer.from(`From: a@b.mx\r\nSubject: Re: x\r\nMessage-ID: <r@b.mx>\r\nIn-Reply-To: <parent@x.mx>\r\nReferences: ${references}\r\n\r\nok`);
    const { message } = await normalizeTimed(raw);
    expect(message.threadRefs).toHaveLength(100);
    expect(message.threadRefs.slice(0, 3)).toEqual(['parent@x.mx', 'ref-4999@x.mx', 'ref-4998@x.mx']);
  });
});
