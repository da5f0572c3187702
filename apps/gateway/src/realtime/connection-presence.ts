import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { PresenceRegistry, StatusBoard, type PresenceMember, type PresenceScope } from '@app/platform';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.js';

/** A presence lasts this long unless renewed; renewed three times per period. */
const PRESENCE_TTL_MS = 30_000;

/**
 * Registers this gateway's connections in the shared presence registry and keeps renewing them:
 * chat customers (whether one is still there decides if a reply is also mailed) and inbox agents
 * (whether any is connected is what the chat widget tells customers).
 */
@Injectable()
export class ConnectionPresence implements OnApplicationShutdown {
  private readonly logger = new Logger(ConnectionPresence.name);
  private readonly held = new Map<string, PresenceMember>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly presence: PresenceRegistry,
    private readonly statusBoard: StatusBoard,
  ) {
    this.timer = setInterval(() => void this.renew(), PRESENCE_TTL_MS / 3);
    this.timer.unref();
  }

  async join(socketId: string, scope: PresenceScope): Promise<void> {
    const member: PresenceMember = { scope, member: `${this.statusBoard.instance}:${socketId}` };
    this.held.set(socketId, member);
    await this.presence.hold([member], PRESENCE_TTL_MS).catch((error: Error) => this.warn(error));
  }

  async leave(socketId: string): Promise<void> {
    const member = this.held.get(socketId);
    if (!member) return;
    this.held.delete(socketId);
    await this.presence.release(member, this.config.chat.presenceGraceMs).catch((error: Error) => this.warn(error));
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    // Clients reconnect to another gateway within the grace period; do not count that as leaving.
    await Promise.all([...this.held.keys()].map((socketId) => this.leave(socketId)));
  }

  private async renew(): Promise<void> {
    await this.presence.hold([...this.held.values()], PRESENCE_TTL_MS).catch((error: Error) => this.warn(error));
  }

  private warn(error: Error): void {
    this.logger.warn(`presence not recorded: ${error.message}`);
  }
}
