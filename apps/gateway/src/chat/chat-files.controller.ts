import { randomUUID } from 'node:crypto';
import { BadRequestException, Body, Controller, Get, HttpCode, Inject, Options, Param, Post, Query, Req, Res, UploadedFile, UseGuards, UseInterceptors } from '@nestjs/common';
import { CHAT_FILES_PATH, CHAT_TOKEN_HEADER, ChatService, cleanChatText, type ChatFileAck } from '@app/channels';
import { GoneError, SharedFiles } from '@app/tickets';
import type { Request, Response } from 'express';
import { Public } from '../auth/auth.decorators.js';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.js';
import { checkedUpload } from '../files/checked-upload.js';
import { FileUpload, type UploadedFileData } from '../files/file-upload.interceptor.js';
import { UuidPipe } from '../http/uuid.pipe.js';
import { answerWidgetPreflight } from '../http/widget-cors.js';
import { ChatTokenGuard, type ChatRequest } from './chat-token.guard.js';
import { ChatUploadLimitGuard } from './chat-upload-limit.guard.js';

const CLIENT_ID = /^[A-Za-z0-9_-]{8,64}$/;

/**
 * Files in the chat, for customers (no agent token): the widget uploads a file into its
 * conversation (`X-Chat-Token`), and a customer follows the signed link of a file an agent sent.
 * The widget may live on another site (CHAT_ALLOWED_ORIGINS), so the upload answers CORS for those.
 */
@Controller(CHAT_FILES_PATH.slice(1))
export class ChatFilesController {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly chat: ChatService,
    private readonly sharedFiles: SharedFiles,
  ) {}

  /** CORS preflight of the upload, for the pages allowed to embed the widget. */
  @Public()
  @Options()
  @HttpCode(204)
  preflight(@Req() request: Request, @Res({ passthrough: true }) response: Response): void {
    answerWidgetPreflight(request, response, this.config.chat.allowedOrigins, `content-type, ${CHAT_TOKEN_HEADER}`);
  }

  /**
   * A file from the customer (multipart: `file`, `text`?, `clientId`?): a message on their ticket,
   * like a typed one. Counted against the conversation's uploads before it is read (ChatUploadLimitGuard);
   * CORS answered by ChatTokenGuard, whatever the outcome.
   */
  @Public()
  @Post()
  @HttpCode(201)
  @UseGuards(ChatTokenGuard, ChatUploadLimitGuard)
  @UseInterceptors(FileUpload())
  async upload(
    @Req() request: ChatRequest,
    @Body() body: unknown,
    @UploadedFile() upload: UploadedFileData | undefined,
  ): Promise<ChatFileAck> {
    const conversation = request.chatConversation!;
    const fields = (body ?? {}) as Record<string, unknown>;
    if (!upload) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', code: 'attachment_missing', message: 'Elige un archivo para enviar.' });
    const text = typeof fields.text === 'string' ? cleanChatText(fields.text) : '';
    if (text.length > this.config.chat.maxTextChars) {
      throw new BadRequestException({ statusCode: 400, error: 'Bad Request', code: 'text_too_long', message: `El mensaje es demasiado largo (máximo ${this.config.chat.maxTextChars} caracteres).` });
    }
    const clientId = typeof fields.clientId === 'string' && CLIENT_ID.test(fields.clientId) ? fields.clientId : randomUUID();
    const file = checkedUpload(upload, this.config.core.attachmentMaxBytes);
    const entry = await this.chat.postFile(conversation, clientId, text, file);
    return { ok: true, seq: entry.seq };
  }

  /** A file an agent sent in the chat, behind its signed link: always a download, never rendered. */
  @Public()
  @Get(':attachmentId')
  async download(
    @Param('attachmentId', UuidPipe) attachmentId: string,
    @Query('exp') exp: unknown,
    @Query('sig') sig: unknown,
    @Res() response: Response,
  ): Promise<void> {
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    response.setHeader('Referrer-Policy', 'no-referrer');
    response.setHeader('Cache-Control', 'private, no-store');
    try {
      const file = await this.sharedFiles.open(attachmentId, exp, sig);
      response.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
      response.type('application/octet-stream').send(file.content);
    } catch (error) {
      // The customer reads this page: Spanish, and nothing that tells a wrong link from a wrong file.
      const gone = error instanceof GoneError;
      response
        .status(gone ? 410 : 404)
        .type('text/plain; charset=utf-8')
        .send(
          gone
            ? `Este enlace ya expiró. Pide el archivo de nuevo en el chat o escríbenos a ${this.config.core.supportEmail}.`
            : 'Este enlace no es válido o el archivo ya no está disponible.',
        );
    }
  }

}

