import { BadRequestException, PayloadTooLargeException } from '@nestjs/common';
import { checkUpload } from '@app/channels';
import type { UploadedFileData } from './file-upload.interceptor.js';

/**
 * An uploaded file that passed the rules (type by content, extension to match, size), with its
 * cleaned name and the type its content shows; otherwise 400 (413 for size) with the rule's code
 * and its Spanish message (agents and customers read it).
 */
export function checkedUpload(upload: UploadedFileData, maxBytes: number): { filename: string; contentType: string; content: Buffer } {
  const verdict = checkUpload({ filename: upload.originalname, content: upload.buffer }, maxBytes);
  if (verdict.ok) return { filename: verdict.filename, contentType: verdict.contentType, content: upload.buffer };
  const body = { code: verdict.code, message: verdict.message };
  if (verdict.code === 'attachment_too_large') throw new PayloadTooLargeException({ statusCode: 413, error: 'Payload Too Large', ...body });
  throw new BadRequestException({ statusCode: 400, error: 'Bad Request', ...body });
}
