import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Channel, ChannelSender } from '@app/channels';
import { newMessageId } from '@app/platform';
import { CORE_CONFIG } from '../config/core-config.token.js';
import type { CoreConfig } from '../config/core-config.js';
import { DeliveryRefusedError } from '../errors.js';
import { renderMaintenanceNotice } from '../notifications/maintenance.template.js';
import type { DeliveryAttempt } from '../outbound/outbound.service.js';
import { SEVERITY_MEANINGS_ES } from '../severity/severity.js';
import { MaintenanceNoticesRepository } from './maintenance-notices.repository.js';
import { MaintenanceWindowsRepository } from './maintenance-windows.repository.js';

/** Sends the maintenance notices of the outbox (announcements, reminders, cancellations), by mail or SMS. */
@Injectable()
export class MaintenanceNoticesService {
  private readonly logger = new Logger(MaintenanceNoticesService.name);

  constructor(
    @Inject(CORE_CONFIG) private readonly config: CoreConfig,
    private readonly notices: MaintenanceNoticesRepository,
    private readonly windows: MaintenanceWindowsRepository,
  ) {}

  async deliver(noticeId: string, senderFor: (channel: Channel) => ChannelSender, attempt: DeliveryAttempt): Promise<'sent' | 'held' | 'already_done'> {
    const notice = await this.notices.findById(noticeId);
    if (!notice || notice.status !== 'pending') return 'already_done';
    const window = await this.windows.getById(notice.windowId);
    const content = renderMaintenanceNotice({ kind: notice.kind, startsAt: window.startsAt, endsAt: window.endsAt, description: window.description }, notice.channel);
    try {
      const result = await senderFor(notice.channel).send({
        channel: notice.channel,
        kind: 'status_update',
        ticketNumber: '',
        recipient: notice.recipient,
        subject: content.subject,
        text: content.text,
        html: content.html,
        // A fresh id per attempt is fine: these notices answer nothing and nothing threads on them.
        externalId: notice.channel === 'email' ? newMessageId(this.config.supportEmail) : `maintenance-${notice.id}-${attempt.number}`,
        threadRefs: [],
        automatic: true,
        // Not about one ticket: no severity of its own to show.
        severity: 3,
        severityMeaning: SEVERITY_MEANINGS_ES[3],
        authorName: null,
        writtenAt: new Date(),
        // An SMS an earlier attempt got accepted is not sent again (SmsSender asks Twilio); mail has no such check.
        earlierAttemptAt: notice.attempts > 0 ? notice.createdAt : null,
      });
      const status = result.status === 'held' ? 'held' : 'sent';
      await this.notices.update(noticeId, { status, attempts: attempt.number, sentAt: status === 'sent' ? new Date() : null });
      return status;
    } catch (error) {
      const giveUp = error instanceof DeliveryRefusedError || attempt.isLast;
      await this.notices.update(noticeId, { attempts: attempt.number, lastError: (error as Error).message.slice(0, 2_000), ...(giveUp ? { status: 'failed' as const } : {}) });
      this.logger.warn(`maintenance notice ${noticeId} attempt ${attempt.number} failed: ${(error as Error).message}`);
      throw error;
    }
  }

  findStalePending(olderThanMs: number, limit: number): Promise<string[]> {
    return this.notices.findStalePending(olderThanMs, limit);
  }
}
