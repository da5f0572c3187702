import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ChatUploadLimit } from '../security/chat-upload-limit.js';
import { RateLimitedException, waitText } from '../security/rate-limited.exception.js';
import type { ChatRequest } from './chat-token.guard.js';

/**
 * Counts a customer's upload against CHAT_UPLOADS_PER_HOUR before its body is read (after
 * ChatTokenGuard found the conversation): a file refused afterwards (its type, its size) counts too,
 * since reading it cost as much, so a script cannot make the gateway read 10 MiB bodies without end.
 * (ChatTokenGuard has answered CORS already, so the widget reads this refusal too.)
 */
@Injectable()
export class ChatUploadLimitGuard implements CanActivate {
  constructor(private readonly limit: ChatUploadLimit) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<ChatRequest>();
    const verdict = await this.limit.consume(request.chatConversation!.id);
    if (verdict.allowed) return true;
    throw new RateLimitedException(`Enviaste muchos archivos en poco tiempo; intenta de nuevo en ${waitText(verdict.retryAfterMs)}.`, verdict.retryAfterMs);
  }
}
