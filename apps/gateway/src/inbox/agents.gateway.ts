import { Logger } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway, WebSocketServer, type OnGatewayConnection, type OnGatewayDisconnect } from '@nestjs/websockets';
import { AGENTS_NAMESPACE, tierRoom, TicketWorkflowService, type Actor } from '@app/tickets';
import type { Namespace, Socket } from 'socket.io';
import { AccessTokens } from '../auth/access-tokens.js';

interface AgentSocketData {
  actor?: Actor;
  viewing?: string;
}

type AgentSocket = Socket & { data: AgentSocketData };

const viewingRoom = (number: string): string => `viewing:${number}`;
const TICKET_NUMBER = /^[A-Z]{2,4}-\d{4,}$/;

/**
 * The agents' live connection (`/agents`, token in `auth.token`): `ticket:changed` for tickets the
 * agent's tier may see, and who else is viewing or typing on a ticket (collision warnings).
 */
@WebSocketGateway({ namespace: AGENTS_NAMESPACE })
export class AgentsGateway implements OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger(AgentsGateway.name);

  @WebSocketServer()
  private readonly namespace!: Namespace;

  constructor(
    private readonly tokens: AccessTokens,
    private readonly workflow: TicketWorkflowService,
  ) {}

  async handleConnection(socket: AgentSocket): Promise<void> {
    const token: unknown = socket.handshake.auth?.token;
    const actor = typeof token === 'string' ? await this.tokens.resolve(token) : undefined;
    if (!actor) {
      socket.emit('auth:error', { message: 'a valid access token is required' });
      socket.disconnect(true);
      return;
    }
    socket.data.actor = actor;
    // L1 and administrators see every ticket: their room gets every change (see roomsSeeing).
    await socket.join(tierRoom(actor.role === 'admin' ? 'L1' : actor.tier));
  }

  async handleDisconnect(socket: AgentSocket): Promise<void> {
    if (socket.data.viewing) await this.announceViewers(socket.data.viewing);
  }

  /** The agent opened a ticket (or closed it, with `number: null`). */
  @SubscribeMessage('ticket:watch')
  async watch(@ConnectedSocket() socket: AgentSocket, @MessageBody() body: { number?: unknown }): Promise<{ ok: boolean; error?: string }> {
    const actor = socket.data.actor;
    if (!actor) return { ok: false, error: 'not signed in' };
    const previous = socket.data.viewing;
    const number = typeof body?.number === 'string' ? body.number.toUpperCase() : null;
    if (number !== null && !TICKET_NUMBER.test(number)) return { ok: false, error: 'number must be a ticket number' };
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

  /** The agent is typing a reply on the ticket they watch; others see it for a few seconds. */
  @SubscribeMessage('ticket:typing')
  typing(@ConnectedSocket() socket: AgentSocket): void {
    const { actor, viewing } = socket.data;
    if (!actor || !viewing) return;
    socket.to(viewingRoom(viewing)).emit('ticket:typing', { number: viewing, agent: { id: actor.id, name: actor.name } });
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
