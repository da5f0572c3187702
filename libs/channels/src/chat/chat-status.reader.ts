import { Inject, Injectable, Logger } from '@nestjs/common';
import { formatDisplayTime, PresenceRegistry } from '@app/platform';
import type { ChatBanner, ChatStatus } from './chat-protocol.js';
import { knownOutagesSentence, OUTAGE_BOARD, type OutageBoard } from '../contract/outage-board.js';
import { MAINTENANCE_CALENDAR, type MaintenanceCalendar } from '../contract/maintenance-calendar.js';

/**
 * What the widget tells customers about the service: whether agents are connected (the inbox's
 * `/agents` connections register in the presence registry), and a banner: a known failure first
 * (customers who came to report it learn it before they type), else announced maintenance (or the
 * day before it).
 */
@Injectable()
export class ChatStatusReader {
  private readonly logger = new Logger(ChatStatusReader.name);

  constructor(
    private readonly presence: PresenceRegistry,
    @Inject(MAINTENANCE_CALENDAR) private readonly calendar: MaintenanceCalendar,
    @Inject(OUTAGE_BOARD) private readonly outages: OutageBoard,
  ) {}

  async current(now = new Date()): Promise<ChatStatus> {
    const agentsOnline = await this.presence.count('agents').catch((error: Error) => {
      this.logger.warn(`agent presence unknown: ${error.message}`);
      return 0;
    });
    const banner =
      (await this.outageBanner().catch((error: Error) => {
        this.logger.warn(`known failures unknown: ${error.message}`);
        return null;
      })) ??
      (await this.maintenanceBanner(now).catch((error: Error) => {
        this.logger.warn(`maintenance windows unknown: ${error.message}`);
        return null;
      }));
    return { agentsOnline, emailFallback: agentsOnline === 0, banner };
  }

  private async outageBanner(): Promise<ChatBanner | null> {
    const text = knownOutagesSentence(await this.outages.knownOutages());
    return text ? { kind: 'incident', text } : null;
  }

  private async maintenanceBanner(now: Date): Promise<ChatBanner | null> {
    const window = await this.calendar.windowToAnnounce(now);
    if (!window) return null;
    const ongoing = window.startsAt <= now;
    const text = ongoing
      ? `Estamos en mantenimiento programado hasta el ${formatDisplayTime(window.endsAt)}. Puedes dejarnos tu mensaje: lo atenderemos al terminar.`
      : `Mantenimiento programado del ${formatDisplayTime(window.startsAt)} al ${formatDisplayTime(window.endsAt)}.`;
    return { kind: 'maintenance', text, startsAt: window.startsAt.toISOString(), endsAt: window.endsAt.toISOString() };
  }
}
