import { Inject, Injectable, Logger } from '@nestjs/common';
import { formatDisplayTime, PresenceRegistry } from '@app/platform';
import { CORE_CONFIG, MaintenanceWindowsRepository, type CoreConfig } from '@app/tickets';
import type { ChatBanner, ChatStatus } from './chat-protocol.js';

/**
 * What the widget tells customers about the service: whether agents are connected (the inbox's
 * `/agents` connections register in the presence registry), and a banner during announced
 * maintenance (or in the day before it).
 */
@Injectable()
export class ChatStatusReader {
  private readonly logger = new Logger(ChatStatusReader.name);

  constructor(
    @Inject(CORE_CONFIG) private readonly config: CoreConfig,
    private readonly presence: PresenceRegistry,
    private readonly windows: MaintenanceWindowsRepository,
  ) {}

  async current(now = new Date()): Promise<ChatStatus> {
    const agentsOnline = await this.presence.count('agents').catch((error: Error) => {
      this.logger.warn(`agent presence unknown: ${error.message}`);
      return 0;
    });
    const banner = await this.maintenanceBanner(now).catch((error: Error) => {
      this.logger.warn(`maintenance windows unknown: ${error.message}`);
      return null;
    });
    return { agentsOnline, emailFallback: agentsOnline === 0, banner };
  }

  private async maintenanceBanner(now: Date): Promise<ChatBanner | null> {
    const soon = new Date(now.getTime() + this.config.maintenance.reminderMinutes * this.config.sla.minuteMs);
    const window = (await this.windows.endingAfter(now)).find((candidate) => candidate.startsAt <= soon);
    if (!window) return null;
    const ongoing = window.startsAt <= now;
    const text = ongoing
      ? `Estamos en mantenimiento programado hasta el ${formatDisplayTime(window.endsAt)}. Puedes dejarnos tu mensaje: lo atenderemos al terminar.`
      : `Mantenimiento programado del ${formatDisplayTime(window.startsAt)} al ${formatDisplayTime(window.endsAt)}.`;
    return { kind: 'maintenance', text, startsAt: window.startsAt.toISOString(), endsAt: window.endsAt.toISOString() };
  }
}
