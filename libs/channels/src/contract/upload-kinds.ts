/**
 * The kinds of file accepted in either direction (see upload-rules.ts). No Node types here: the
 * inbox and the widget bundle this file for their file pickers.
 */
export type UploadKind = 'png' | 'jpeg' | 'gif' | 'webp' | 'pdf' | 'xml' | 'zip';

export const UPLOAD_KINDS: Record<UploadKind, { contentType: string; extensions: readonly string[] }> = {
  png: { contentType: 'image/png', extensions: ['png'] },
  jpeg: { contentType: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  gif: { contentType: 'image/gif', extensions: ['gif'] },
  webp: { contentType: 'image/webp', extensions: ['webp'] },
  pdf: { contentType: 'application/pdf', extensions: ['pdf'] },
  xml: { contentType: 'application/xml', extensions: ['xml'] },
  zip: { contentType: 'application/zip', extensions: ['zip'] },
};

/** For `accept` attributes and messages: ".png, .jpg, ...". */
export const UPLOAD_EXTENSIONS: readonly string[] = Object.values(UPLOAD_KINDS).flatMap((kind) => kind.extensions.map((extension) => `.${extension}`));
