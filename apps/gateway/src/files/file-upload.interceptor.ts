import {
  BadRequestException,
  Inject,
  Injectable,
  mixin,
  PayloadTooLargeException,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
  type Type,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { tooLarge } from '@app/channels';
import type { Observable } from 'rxjs';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.js';
import { uploadRefusalEs } from './upload-refusals-es.js';

/** What multer leaves on the request for the one `file` field (kept in memory, bounded by the limit). */
export interface UploadedFileData {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

/** Form fields besides the file: few and short (a reply's text is the longest). */
const FIELD_LIMITS = { files: 1, fields: 8, fieldSize: 100_000, parts: 10 };

/**
 * Reads a multipart upload (field `file`, at most ATTACHMENT_MAX_BYTES) before the handler; other
 * content types pass untouched. A file over the limit is cut off at the limit and answered 413 with
 * the code `attachment_too_large` and its Spanish message; a form multer refuses otherwise (two
 * files, a cut-off body) is a 400 `upload_malformed` in Spanish. A form's fields are text:
 * `booleanFields` "true"/"false" become booleans before the body's DTO is validated.
 */
export function FileUpload(booleanFields: readonly string[] = []): Type<NestInterceptor> {
  @Injectable()
  class FileUploadInterceptor implements NestInterceptor {
    private readonly multer: NestInterceptor;
    private readonly maxBytes: number;

    constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
      this.maxBytes = config.core.attachmentMaxBytes;
      // UTF-8 names: a screenshot called "captura de pantalla ñ.png" keeps its name.
      const Multer = FileInterceptor('file', { limits: { ...FIELD_LIMITS, fileSize: this.maxBytes }, defParamCharset: 'utf8' });
      this.multer = new Multer();
    }

    async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
      try {
        const handled = (await this.multer.intercept(context, next)) as Observable<unknown>;
        // Pipes run when the handler is called, after this: the DTO sees the converted values.
        const body = context.switchToHttp().getRequest<{ body?: Record<string, unknown> }>().body;
        for (const name of booleanFields) {
          if (body?.[name] === 'true') body[name] = true;
          else if (body?.[name] === 'false') body[name] = false;
        }
        return handled;
      } catch (error) {
        if (error instanceof BadRequestException) {
          throw new BadRequestException({ statusCode: 400, error: 'Bad Request', code: 'upload_malformed', message: uploadRefusalEs(error.message) });
        }
        if (!(error instanceof PayloadTooLargeException)) throw error;
        const refusal = tooLarge(this.maxBytes);
        throw new PayloadTooLargeException({
          statusCode: 413,
          error: 'Payload Too Large',
          code: refusal.code,
          message: refusal.message,
        });
      }
    }
  }
  return mixin(FileUploadInterceptor);
}
