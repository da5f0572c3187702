import { describe, expect, it } from '@jest/globals';
import { checkUpload, sizeEs, sniffKind } from './upload-rules.js';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const PDF = Buffer.from('%PDF-1.7\n%âãÏÓ\n');
const XML = Buffer.from('\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<cfdi:Comprobante Version="4.0"/>');
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04, 20, 0]);
const HTML = Buffer.from('<!doctype html><script>alert(1)</script>');

describe('sniffKind', () => {
  it('should tell each accepted kind by its first bytes', () => {
    expect(sniffKind(PNG)).toBe('png');
    expect(sniffKind(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(sniffKind(Buffer.from('GIF89a....'))).toBe('gif');
    expect(sniffKind(Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1'))).toBe('webp');
    expect(sniffKind(PDF)).toBe('pdf');
    expect(sniffKind(XML)).toBe('xml');
    expect(sniffKind(Buffer.from('<cfdi:Comprobante xmlns:cfdi="x">'))).toBe('xml');
    expect(sniffKind(ZIP)).toBe('zip');
  });

  it('should take none of HTML, executables or plain text', () => {
    expect(sniffKind(HTML)).toBeUndefined();
    expect(sniffKind(Buffer.from('MZ\x90\x00', 'latin1'))).toBeUndefined();
    expect(sniffKind(Buffer.from('hola, no puedo timbrar'))).toBeUndefined();
  });
});

describe('checkUpload', () => {
  it('should accept a screenshot and keep only the name of a Windows path', () => {
    expect(checkUpload({ filename: 'C:\\Users\\rosa\\Escritorio\\error timbrado.PNG', content: PNG }, 1_000)).toEqual({
      ok: true,
      kind: 'png',
      contentType: 'image/png',
      filename: 'error timbrado.PNG',
    });
  });

  it('should refuse a file whose name says PDF when its content is HTML, saying so in Spanish', () => {
    const verdict = checkUpload({ filename: 'factura.pdf', content: HTML }, 1_000);
    expect(verdict).toMatchObject({ ok: false, code: 'attachment_type' });
    expect(!verdict.ok && verdict.message).toContain('Solo se aceptan imágenes (PNG, JPG, GIF, WebP), PDF, XML y ZIP');
  });

  it('should refuse a real PDF named as an image (the extension must match the content)', () => {
    expect(checkUpload({ filename: 'captura.png', content: PDF }, 1_000)).toMatchObject({ ok: false, code: 'attachment_type' });
  });

  it('should refuse an empty file, a nameless one, and one over the limit with the limit in words', () => {
    expect(checkUpload({ filename: 'vacio.pdf', content: Buffer.alloc(0) }, 1_000)).toMatchObject({ ok: false, code: 'attachment_empty' });
    expect(checkUpload({ filename: '\u0000', content: PDF }, 1_000)).toMatchObject({ ok: false, code: 'attachment_name' });
    const big = checkUpload({ filename: 'grande.pdf', content: Buffer.concat([PDF, Buffer.alloc(2 * 1024 * 1024)]) }, 2 * 1024 * 1024);
    expect(big).toMatchObject({ ok: false, code: 'attachment_too_large', message: 'El archivo pesa más de 2 MB, el máximo permitido.' });
  });

  it('should shorten a very long name and keep its extension', () => {
    const verdict = checkUpload({ filename: `${'a'.repeat(300)}.xml`, content: XML }, 1_000);
    expect(verdict.ok && verdict.filename.length).toBe(200);
    expect(verdict.ok && verdict.filename.endsWith('.xml')).toBe(true);
  });
});

describe('sizeEs', () => {
  it('should say sizes in MB or KB', () => {
    expect(sizeEs(10 * 1024 * 1024)).toBe('10 MB');
    expect(sizeEs(1536 * 1024)).toBe('1.5 MB');
    expect(sizeEs(300)).toBe('1 KB');
  });
});
