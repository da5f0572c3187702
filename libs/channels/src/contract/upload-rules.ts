/**
 * Which files people may send us or we send out: screenshots, PDFs, CFDI XML and ZIPs of them.
 * The kind is decided by the content's first bytes (what the file is), and the name's extension
 * must agree with it; the type the browser declares is not trusted (it is often empty or
 * `application/octet-stream`). Pure rules: the gateway applies them to every upload.
 */

import { UPLOAD_KINDS, type UploadKind } from './upload-kinds.js';

export type UploadRefusalCode = 'attachment_empty' | 'attachment_too_large' | 'attachment_type' | 'attachment_name';

export type UploadVerdict =
  | { ok: true; kind: UploadKind; contentType: string; filename: string }
  | { ok: false; code: UploadRefusalCode; message: string };

const FILENAME_MAX = 200;

/** Checks one file; `filename` comes back cleaned (no folders, no control characters, bounded). */
export function checkUpload(file: { filename: string; content: Buffer }, maxBytes: number): UploadVerdict {
  const filename = cleanFilename(file.filename);
  if (!filename) return refuse('attachment_name', 'El archivo no tiene nombre.');
  if (file.content.length === 0) return refuse('attachment_empty', `El archivo ${filename} está vacío.`);
  if (file.content.length > maxBytes) return tooLarge(maxBytes);
  const kind = sniffKind(file.content);
  const extension = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase();
  if (!kind || !extension || !UPLOAD_KINDS[kind].extensions.includes(extension)) {
    return refuse(
      'attachment_type',
      `Solo se aceptan imágenes (PNG, JPG, GIF, WebP), PDF, XML y ZIP; ${filename} no es uno de ellos o su extensión no corresponde a su contenido.`,
    );
  }
  return { ok: true, kind, contentType: UPLOAD_KINDS[kind].contentType, filename };
}

/** The refusal of a file over the limit (also what the gateway answers when the upload is cut short). */
export function tooLarge(maxBytes: number): Extract<UploadVerdict, { ok: false }> {
  return refuse('attachment_too_large', `El archivo pesa más de ${sizeEs(maxBytes)}, el máximo permitido.`);
}

/** "10 MB", "512 KB": sizes as a person reads them. */
export function sizeEs(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** What the first bytes say the file is; undefined for anything we do not take. */
export function sniffKind(content: Buffer): UploadKind | undefined {
  const starts = (...bytes: number[]) => bytes.every((byte, index) => content[index] === byte);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (starts(0xff, 0xd8, 0xff)) return 'jpeg';
  if (content.subarray(0, 6).toString('latin1') === 'GIF87a' || content.subarray(0, 6).toString('latin1') === 'GIF89a') return 'gif';
  if (content.subarray(0, 4).toString('latin1') === 'RIFF' && content.subarray(8, 12).toString('latin1') === 'WEBP') return 'webp';
  if (content.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  // A local file header, or the end record of an empty archive.
  if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0x50, 0x4b, 0x05, 0x06)) return 'zip';
  if (looksLikeXml(content)) return 'xml';
  return undefined;
}

function looksLikeXml(content: Buffer): boolean {
  const head = content.subarray(0, 1024);
  if (head.includes(0)) return false;
  const text = head.toString('utf8').replace(/^\uFEFF/, '').trimStart();
  return /^<(\?xml[\s?]|[A-Za-z_][\w.:-]*[\s/>])/.test(text);
}

/**
 * A file's name as stored and shown: its last path segment only (a browser on Windows may send the
 * whole path, a mail may name its attachment `../../x.html`), without control characters or quotes,
 * at most 200 characters with its extension kept. Uploads and mail attachments both go through it.
 */
export function cleanFilename(raw: string): string {
  // Control characters would break headers and logs; Postgres refuses a NUL.
  const base = raw.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  if (clean.length <= FILENAME_MAX) return clean;
  const extension = /\.[A-Za-z0-9]{1,5}$/.exec(clean)?.[0] ?? '';
  return `${clean.slice(0, FILENAME_MAX - extension.length)}${extension}`;
}

/** `message` is what the person who sent the file reads: Spanish. */
function refuse(code: UploadRefusalCode, message: string): Extract<UploadVerdict, { ok: false }> {
  return { ok: false, code, message };
}
