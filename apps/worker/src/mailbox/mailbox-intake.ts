import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { MailboxFetcher, type MailboxStatus } from '@app/channels';
import { mailboxSources, StatusBoard, type MailboxSnapshot } from '@app/platform';
import { WORKER_CONFIG, type WorkerConfig } from '../config/worker-config.js';

const REPORT_EVERY_MS = 5_000;

/** Starts and stops the mailbox reader with the worker, and reports the worker's and mailbox's state. */
@Injectable()
export class MailboxIntake implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MailboxIntake.name);
  private timer?: NodeJS.Timeout;
  private stopMetrics?: () => void;

  private readonly fetcher: MailboxFetcher | null;
  private readonly mailboxName: string;

  constructor(
    @Inject(WORKER_CONFIG) config: WorkerConfig,
    @Optional() @Inject(MailboxFetcher) fetcher: MailboxFetcher | null,
    private readonly statusBoard: StatusBoard,
  ) {
    this.fetcher = config.roles.has('mailbox') ? fetcher : null;
    this.mailboxName = config.email.imap?.mailbox ?? 'INBOX';
  }

  onApplicationBootstrap(): void {
    if (this.fetcher) {
      // /health reads these reports: a lost (or regained) connection is told at once, not up to 5 s later.
      this.fetcher.onConnectionChange = () => this.report();
      this.fetcher.start();
      this.stopMetrics = mailboxSources.add(() => mailboxMetrics(this.mailboxName, this.fetcher!.status));
    } else {
      this.logger.log('email intake is off in this process (IMAP_HOST unset, or no "mailbox" in WORKER_ROLES)');
    }
    this.report();
    this.timer = setInterval(() => this.report(), REPORT_EVERY_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.stopMetrics?.();
    await this.fetcher?.stop();
    await this.statusBoard.clear('worker').catch(() => undefined);
  }

  private report(): void {
    const mailbox = this.fetcher ? { enabled: true, ...this.fetcher.status } : { enabled: false };
    this.statusBoard
      .report('worker', { mailbox }, (REPORT_EVERY_MS * 3) / 1_000)
      .catch((error: Error) => this.logger.debug(`status report failed: ${error.message}`));
  }
}

function mailboxMetrics(mailbox: string, status: MailboxStatus): MailboxSnapshot {
  return { mailbox, connected: status.connected, lastSyncAt: status.lastSyncAt ? new Date(status.lastSyncAt) : undefined };
}
