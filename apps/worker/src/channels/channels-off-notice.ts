import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { WORKER_CONFIG, type WorkerConfig } from '../config/worker-config.js';

/**
 * Says at start-up which channels cannot send, so an operator does not learn it from held
 * deliveries: mail without SMTP_URL and SMS without Twilio are kept (`held`) until they are set.
 */
@Injectable()
export class ChannelsOffNotice implements OnApplicationBootstrap {
  private readonly logger = new Logger(ChannelsOffNotice.name);

  constructor(@Inject(WORKER_CONFIG) private readonly config: WorkerConfig) {}

  onApplicationBootstrap(): void {
    // Sends happen in the outbound role and, for what intake sends at once, in the intake role.
    if (!this.config.roles.has('outbound') && !this.config.roles.has('intake')) return;
    if (!this.config.email.smtpUrl) this.logger.warn('mail is not sent from this process (SMTP_URL unset): confirmations and replies by mail are held until it is set');
    if (!this.config.phone.twilio) this.logger.warn('SMS are not sent from this process (TWILIO_AUTH_TOKEN unset): confirmations and replies by SMS are held until it is set');
  }
}
