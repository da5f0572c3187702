import { Logger, UseInterceptors } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway, WebSocketServer, type OnGatewayConnection, type OnGatewayDisconnect } from '@nestjs/websockets';
import { AGENTS_NAMESPACE, TicketWorkflowService, tierRoom, type Actor } from '@app/tickets';
import type { Namespace, Socket } from 'socket.io';
import { AgentTypingService } from '../chat/agent-typing.service.js';
import { ConnectionPresence } from '../realtime/connection-presence.js';
import { sessionRoom } from '../auth/revoked-sessions.js';
import { agentRoom, type AgentSocketSession } from '../realtime/namespace-access.js';
import { SocketMetricsInterceptor } from '../metrics/socket-metrics.interceptor.js';

interface AgentSocketData extends AgentSocketSession {
  actor?: Actor;
  viewing?: string;
}

type AgentSocket = Socket & { data: AgentSocketData };

const viewingRoom = (number: string): string => `viewing:${number}`;
const TICKET_NUMBER = /^[A-Z]{2,4}-\d{4,}$/;

/**
 * The agents' live connection (`/agents`, token in `auth.token`, checked before the connection is
 * accepted: realtime/namespace-access.ts): `ticket:changed` for tickets the agent's tier may see,
 * and who else is viewing or typing on a ticket (collision warnings).
 */
@WebSocketGateway({ namespace: AGENTS_NAMESPACE })
@UseInterceptors(SocketMetricsInterceptor)
export class AgentsGateway implements OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger(AgentsGateway.name);

  @WebSocketServer()
  private readonly namespace!: Namespace;

  constructor(
    private readonly workflow: TicketWorkflowService,
    private readonly presence: ConnectionPresence,
    private readonly agentTyping: AgentTypingService,
  ) {}

  async handleConnection(socket: AgentSocket): Promise<void> {
    const actor = socket.data.session?.actor;
    if (!actor) {
      socket.disconnect(true);
      return;
    }
    socket.data.actor = actor;
    // L1 and administrators see every ticket: their room gets every change (see roomsSeeing).
    await socket.join([tierRoom(actor.role === 'admin' ? 'L1' : actor.tier), agentRoom(actor.id), sessionRoom(socket.data.session!.sessionId)]);
    // Chat widgets tell customers whether an agent is connected.
    await this.presence.join(socket.id, 'agents');
  }

  async handleDisconnect(socket: AgentSocket): Promise<void> {
    await this.presence.leave(socket.id);
    if (socket.data.viewing) await this.announceViewers(socket.data.viewing);
  }

  /**
   * Ends an agent's live connections on every gateway (Redis adapter) after a change to the account:
   * the inbox reconnects with its token, which then joins the rooms of the agent's current tier and
   * role, or is refused if the change (new password, deactivation) ended its sessions.
   */
  disconnectAgent(agentId: string): void {
    this.namespace.in(agentRoom(agentId)).disconnectSockets(true);
  }

  /** The agent opened a ticket (or closed it, with `number: null`). */
  @SubscribeMessage('ticket:watch')
  async watch(@ConnectedSocket() socket: AgentSocket, @MessageBody() body: { number?: unknown }): Promise<{ ok: boolean; error?: string }> {
    const actor = socket.data.actor;
    if (!actor) return { ok: false, error: 'No has iniciado sesión.' };
    const previous = socket.data.viewing;
    const number = typeof body?.number === 'string' ? body.number.toUpperCase() : null;
    if (number !== null && !TICKET_NUMBER.test(number)) return { ok: false, error: 'number debe ser un número de ticket' };
    if (number) {
      try {
        await this.workflow.authorize(number, actor, 'view');
      } catch (error) {
        return { ok: false, error: (error as Error).message };
      }
    }
    if (previous) await socket.leave(viewingRoom(previous));
    socket.data.viewing = number ?? undefined;
    if (number) await socket.join(viewingRoom(number));
    if (previous && previous !== number) await this.announceViewers(previous);
    if (number) await this.announceViewers(number);
    return { ok: true };
  }

  /**
   * The agent is typing on the ticket they watch; colleagues see it for a few seconds. With
   * `toCustomer` (a reply on a chat ticket) the customer's widget shows it as well.
   */
  @SubscribeMessage('ticket:typing')
  async typing(@ConnectedSocket() socket: AgentSocket, @MessageBody() body: { toCustomer?: unknown }): Promise<void> {
    const { actor, viewing } = socket.data;
    if (!actor || !viewing) return;
    socket.to(viewingRoom(viewing)).emit('ticket:typing', { number: viewing, agent: { id: actor.id, name: actor.name } });
    if (body?.toCustomer !== true) return;
    try {
      await this.workflow.authorize(viewing, actor, 'reply');
      await this.agentTyping.show(viewing, true, actor.name);
    } catch (error) {
      // Not allowed to write to the customer, not a chat ticket (any more, after a merge) or the store
      // is briefly away: only a hint is lost.
      this.logger.debug(`typing on ${viewing} not shown to the customer: ${(error as Error).message}`);
    }
  }

  private async announceViewers(number: string): Promise<void> {
    try {
      const sockets = await this.namespace.in(viewingRoom(number)).fetchSockets();
      const viewers = new Map<string, { id: string; name: string }>();
      for (const remote of sockets) {
        const actor = (remote.data as AgentSocketData).actor;
        if (actor) viewers.set(actor.id, { id: actor.id, name: actor.name });
      }
      this.namespace.to(viewingRoom(number)).emit('ticket:viewers', { number, viewers: [...viewers.values()] });
    } catch (error) {
      this.logger.debug(`viewers of ${number} not announced: ${(error as Error).message}`);
    }
  }
}
