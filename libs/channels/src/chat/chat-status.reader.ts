import { Injectable, Logger } from '@nestjs/common';
import { PresenceRegistry } from '@app/tickets';
import type { ChatStatus } from './chat-protocol.js';

/**
 * What the widget tells customers about the service: whether agents are connected (the inbox's
 * `/agents` connections register in the presence registry) and, later, a banner such as announced
 * maintenance (null until something provides one).
 */
@Injectable()
export class ChatStatusReader {
  private readonly logger = new Logger(ChatStatusReader.name);

  constructor(private readonly presence: PresenceRegistry) {}

  async current(): Promise<ChatStatus> {
    const agentsOnline = await this.presence.count('agents').catch((error: Error) => {
      this.logger.warn(`agent presence unknown: ${error.message}`);
      return 0;
    });
    return { agentsOnline, emailFallback: agentsOnline === 0, banner: null };
  }
}
