import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TicketEventsRepository } from '../ticket-events.repository.js';
import { AttachmentRetentionRepository } from './attachment-retention.repository.js';
import { AuditEventsRepository } from './audit-events.repository.js';
import { ExpiredTicketsRepository } from './expired-tickets.repository.js';
import { RecordingRetentionRepository } from './recording-retention.repository.js';
import { retentionCutoff, type RetentionPolicy } from './retention-policy.js';
import { TicketEventRedactionRepository } from './ticket-event-redaction.repository.js';

export interface RetentionRun {
  attachments: { tickets: number; files: number; bytes: number; rawMails: number };
  recordings: { tickets: number; calls: number };
}

/** Tickets handled per transaction, and transactions per run (the rest waits for the next run). */
const BATCH_TICKETS = 100;
const MAX_BATCHES_PER_RUN = 20;

/**
 * Applies the retention policy: tickets resolved longer ago than the policy allows lose their
 * attachments' content and their recordings' links, batch by batch, each ticket with an entry in
 * its log, each run that removed something with an audit event. Idempotent: what is gone is not
 * due again, and workers running it side by side skip each other's tickets.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger(RetentionService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly expiredTickets: ExpiredTicketsRepository,
    private readonly attachments: AttachmentRetentionRepository,
    private readonly recordings: RecordingRetentionRepository,
    private readonly eventRedaction: TicketEventRedactionRepository,
    private readonly events: TicketEventsRepository,
    private readonly audit: AuditEventsRepository,
  ) {}

  async apply(policy: RetentionPolicy, now = new Date()): Promise<RetentionRun> {
    const run: RetentionRun = { attachments: { tickets: 0, files: 0, bytes: 0, rawMails: 0 }, recordings: { tickets: 0, calls: 0 } };
    const attachmentCutoff = retentionCutoff(now, policy.attachmentDays);
    if (attachmentCutoff) await this.inBatches(() => this.expireAttachments(attachmentCutoff, policy.attachmentDays, run));
    const recordingCutoff = retentionCutoff(now, policy.recordingDays);
    if (recordingCutoff) await this.inBatches(() => this.forgetRecordings(recordingCutoff, policy.recordingDays, run));

    if (run.attachments.tickets + run.recordings.tickets > 0) {
      await this.audit.append({
        action: 'retention_applied',
        subjectType: 'retention',
        subjectId: now.toISOString().slice(0, 10),
        actor: { type: 'system' },
        details: { ...run, attachmentDays: policy.attachmentDays, recordingDays: policy.recordingDays },
      });
      this.logger.log(
        `retention: ${run.attachments.files} attachments (${run.attachments.bytes} bytes) and ${run.attachments.rawMails} raw mails of ` +
          `${run.attachments.tickets} tickets deleted; ${run.recordings.calls} recording links of ${run.recordings.tickets} tickets forgotten`,
      );
    }
    return run;
  }

  private async inBatches(batch: () => Promise<number>): Promise<void> {
    for (let round = 0; round < MAX_BATCHES_PER_RUN; round += 1) {
      if ((await batch()) < BATCH_TICKETS) return;
    }
  }

  private expireAttachments(cutoff: Date, days: number, run: RetentionRun): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      const expired = await this.attachments.expire(await this.expiredTickets.claim('attachments', cutoff, BATCH_TICKETS, em), em);
      for (const ticket of expired) {
        await this.events.append(
          ticket.ticketId,
          [{ type: 'attachments_expired', data: { attachments: ticket.attachments, bytes: ticket.bytes, rawMails: ticket.rawMails, retentionDays: days } }],
          em,
        );
        run.attachments.tickets += 1;
        run.attachments.files += ticket.attachments;
        run.attachments.bytes += ticket.bytes;
        run.attachments.rawMails += ticket.rawMails;
      }
      return expired.length;
    });
  }

  private forgetRecordings(cutoff: Date, days: number, run: RetentionRun): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      const forgotten = await this.recordings.forget(await this.expiredTickets.claim('recordings', cutoff, BATCH_TICKETS, em), em);
      const callSids = forgotten.flatMap((ticket) => ticket.calls.map((call) => call.callSid));
      await this.eventRedaction.forgetRecordingLinks(
        forgotten.map((ticket) => ticket.ticketId),
        callSids,
        em,
      );
      for (const ticket of forgotten) {
        const calls = ticket.calls.map((call) => call.callSid);
        await this.events.append(ticket.ticketId, [{ type: 'recording_expired', data: { calls, retentionDays: days } }], em);
        run.recordings.tickets += 1;
        run.recordings.calls += calls.length;
      }
      return forgotten.length;
    });
  }
}
