import { Inject, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { CHAT_TOKEN_HEADER, ChatService, type ChatConversationEntity } from '@app/channels';
import type { Request, Response } from 'express';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.js';
import { allowWidgetOrigin } from '../http/widget-cors.js';

export type ChatRequest = Request & { chatConversation?: ChatConversationEntity };

/**
 * HTTP requests of a chat customer carry the conversation's token (the one the widget keeps) in
 * `X-Chat-Token`; checked before the body is read, so nobody without a conversation can upload.
 * It runs first, so it also answers CORS for the pages allowed to embed the widget: whatever refuses
 * the request after it (this guard, the upload limit, the multipart reader, the controller), the
 * widget on the portal's page can read the Spanish reason.
 */
@Injectable()
export class ChatTokenGuard implements CanActivate {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly chat: ChatService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<ChatRequest>();
    allowWidgetOrigin(request, context.switchToHttp().getResponse<Response>(), this.config.chat.allowedOrigins);
    const token = request.headers[CHAT_TOKEN_HEADER];
    const conversation = typeof token === 'string' && token.length > 0 && token.length <= 100 ? await this.chat.resume(token) : null;
    if (!conversation) {
      throw new UnauthorizedException({
        statusCode: 401,
        error: 'Unauthorized',
        code: 'chat_token_invalid',
        message: 'No encontramos tu conversación. Recarga la página o inicia una nueva.',
      });
    }
    request.chatConversation = conversation;
    return true;
  }
}
