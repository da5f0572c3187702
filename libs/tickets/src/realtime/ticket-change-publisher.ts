import { Inject, Injectable, Logger } from '@nestjs/common';
import { Emitter } from '@socket.io/redis-emitter';
import type { Redis } from 'ioredis';
import { REDIS_CLIENT, socketIoRedisKey } from '@app/platform';
import type { Tier } from '../domain.js';
import { CORE_CONFIG } from '../config/core-config.token.js';
import type { CoreConfig } from '../config/core-config.js';

/** Namespace of the agents' live connection (the inbox). */
export const AGENTS_NAMESPACE = '/agents';
/** Room of the agents of a tier; L1 and administrators are in `tier:L1` and see every ticket. */
export const tierRoom = (tier: Tier): string => `tier:${tier}`;

/** Rooms that may see a ticket at `tier` (mirrors `tiersVisibleTo`). */
export function roomsSeeing(tier: Tier): string[] {
  return [tierRoom('L1'), ...(tier === 'L1' ? [] : [tierRoom('L2')]), ...(tier === 'L3' ? [tierRoom('L3')] : [])];
}

/** A ticket that changed, and the tier it is at: who may be told. */
export interface ChangedTicket {
  number: string;
  tier: Tier;
}

export interface TicketChange {
  number: string;
  /** Tiers the ticket is at before and after the change (both audiences must refresh). */
  tiers: Tier[];
  /** What happened, for the inbox to decide how loud to be: 'created', 'message', 'updated', 'delivery'. */
  kind: 'created' | 'message' | 'updated' | 'delivery';
}

/**
 * Tells every gateway's connected agents that a ticket changed (`ticket:changed`), through Redis so
 * the worker and any gateway process can publish. Best effort: the inbox also reloads on reconnect.
 */
@Injectable()
export class TicketChangePublisher {
  private readonly logger = new Logger(TicketChangePublisher.name);
  private readonly emitter: Emitter;

  constructor(@Inject(CORE_CONFIG) config: CoreConfig, @Inject(REDIS_CLIENT) redis: Redis) {
    // The emitter does not await PUBLISH; a rejection (Redis down) must not become an unhandled one.
    const publisher = {
      publish: (channel: string, message: Buffer | string) =>
        redis.publish(channel, message).catch((error: Error) => this.logger.debug(`live update not published: ${error.message}`)),
    };
    this.emitter = new Emitter(publisher, { key: socketIoRedisKey(config.queuePrefix) }).of(AGENTS_NAMESPACE);
  }

  /** An SLA warning or breach, for the agents of the tiers concerned (`sla:alert`). */
  publishAlert(alert: { number: string; tiers: Tier[]; kind: string }): void {
    const rooms = [...new Set(alert.tiers.flatMap(roomsSeeing))];
    try {
      this.emitter.to(rooms).emit('sla:alert', { number: alert.number, kind: alert.kind });
    } catch (error) {
      this.logger.debug(`SLA alert for ${alert.number} not sent: ${(error as Error).message}`);
    }
  }

  /** The same change to each of these tickets, each told only to the agents who may see it. */
  publishEach(tickets: readonly ChangedTicket[], kind: TicketChange['kind']): void {
    const unique = new Map(tickets.map((ticket) => [ticket.number, ticket]));
    for (const ticket of unique.values()) this.publish({ number: ticket.number, tiers: [ticket.tier], kind });
  }

  publish(change: TicketChange): void {
    const rooms = [...new Set(change.tiers.flatMap(roomsSeeing))];
    try {
      this.emitter.to(rooms).emit('ticket:changed', { number: change.number, kind: change.kind });
    } catch (error) {
      this.logger.debug(`live update for ${change.number} not sent: ${(error as Error).message}`);
    }
  }
}
