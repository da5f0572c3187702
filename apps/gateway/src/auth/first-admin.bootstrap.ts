import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { AgentsService } from '@app/tickets';
import type { AuthSettings } from '../config/gateway-config.js';

/** Creates the first administrator from ADMIN_EMAIL / ADMIN_PASSWORD when no agent exists. */
export class FirstAdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(FirstAdminBootstrap.name);

  constructor(
    private readonly settings: AuthSettings,
    private readonly agents: AgentsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.agents
      .ensureFirstAdmin({ email: this.settings.adminEmail, password: this.settings.adminPassword })
      .catch((error: Error) => this.logger.error(`could not create the first administrator: ${error.message}`));
  }
}
