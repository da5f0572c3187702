import { randomInt } from 'node:crypto';
import { ChatTestClient, newClientId } from './chat-client.js';
import type { FaultStack } from './fault-stack.js';
import { TWILIO } from './fault-stack.js';
import { buildMail, customerAddress } from './mail-builder.js';
import { SimulatedCall, TwilioWebhookClient } from './simulated-call.js';
import type { TwimlNode } from './twiml.js';

export interface SentMail {
  from: string;
  subject: string;
  messageId: string;
}

export interface StartedChat {
  email: string;
  clientId: string;
  conversationId: string;
  token: string;
  /** Every connection the customer used (a gateway went away, a request failed). */
  clients: ChatTestClient[];
}

type Source = 'mail' | 'chat' | 'call';

/** One request a customer's client made to a gateway, and how it ended. */
export interface GatewayRequest {
  gateway: string;
  source: 'chat' | 'call';
  startedAt: number;
  endedAt?: number;
  /** The gateway answered (any status, any ack); false when the connection failed or was dropped. */
  answered?: boolean;
  outcome?: string;
}

export interface Wave {
  mails?: number;
  chats?: number;
  calls?: number;
}

const RETRY_PAUSE_MS = 250;
const GIVE_UP_AFTER_MS = 120_000;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A unique Mexican mobile in E.164. */
const mobile = (): string => `+5281${String(randomInt(10_000_000, 99_999_999))}`;

/**
 * Customers writing, chatting and calling at once, each behaving as a real sender does: an event
 * the source did not take (a mail server that is down, a webhook answered 503, a chat ack with a
 * retryable error or none at all) is sent again, unchanged, until it is taken. Gateways are tried
 * in turn, as a load balancer would when one stops answering.
 */
export class CustomerLoad {
  readonly mails: SentMail[] = [];
  readonly chats: StartedChat[] = [];
  readonly calls: SimulatedCall[] = [];
  private readonly webhooks: TwilioWebhookClient;
  private readonly chatClients: ChatTestClient[] = [];
  private closed = false;
  /** With `spread`, the next gateway a new chat or a webhook goes to (a balancer without stickiness). */
  private nextGateway = 0;

  constructor(
    private readonly stack: FaultStack,
    /** Spread new chats and every webhook over the gateways in turn, instead of the first one until it fails. */
    private readonly spread = false,
  ) {
    this.webhooks = new TwilioWebhookClient(stack.gatewayUrls[0]!, TWILIO.publicBaseUrl, TWILIO.accountSid, TWILIO.authToken);
  }

  /** Where a new chat or the next webhook goes: always the first gateway, or each in turn when spread. */
  private pickGateway(): number {
    return this.spread ? this.nextGateway++ % this.stack.gatewayUrls.length : 0;
  }

  /** How many times each source refused an event so far (events still being retried included). */
  readonly refusals: Record<Source, number> = { mail: 0, chat: 0, call: 0 };
  /** What each source answered when it refused. */
  readonly refusalReasons: Record<Source, Set<string>> = { mail: new Set(), chat: new Set(), call: new Set() };
  /** Every chat and webhook request, to see what a gateway did with those in flight when it stopped. */
  readonly requests: GatewayRequest[] = [];

  /** Events the sources took so far. */
  get events(): number {
    return this.mails.length + this.chats.length + this.calls.length;
  }

  /** Sends a wave of mails, chats and calls at the same time; resolves when the sources took all of it. */
  wave(label: string, { mails = 0, chats = 0, calls = 0 }: Wave): Promise<void> {
    const sent = Promise.all([
      ...Array.from({ length: mails }, (_, index) => this.sendMail(`${label}-m${index}`)),
      ...Array.from({ length: chats }, (_, index) => this.startChat(`${label}-c${index}`)),
      ...Array.from({ length: calls }, () => this.placeCall()),
    ]).then(() => undefined);
    // A case that fails before awaiting its wave must not leave a rejection nobody handles.
    sent.catch(() => undefined);
    return sent;
  }

  /** A customer's mail, delivered into the support mailbox by their provider's MTA. */
  async sendMail(label: string): Promise<SentMail> {
    const from = customerAddress(label);
    const subject = `Falla ${label}: no se timbran las facturas`;
    const mail = buildMail({ from, subject, text: `Desde hace una hora ninguna factura se timbra (${label}).` });
    const sent: SentMail = { from, subject, messageId: mail.messageId };
    await this.untilTaken('mail', async () => {
      await this.stack.dovecot.append(mail.raw);
      return undefined;
    });
    this.mails.push(sent);
    return sent;
  }

  /** A portal visitor starts a chat: `chat:start` is sent again (same client id) until it is acknowledged. */
  async startChat(label: string): Promise<StartedChat> {
    const email = customerAddress(label);
    const clientId = newClientId();
    const clients: ChatTestClient[] = [];
    let ack: { conversationId: string; token: string } | undefined;
    let gateway = this.pickGateway();
    let url = '';
    await this.untilTaken('chat', async () => {
      let client = clients.at(-1);
      if (!client?.socket.connected) {
        client?.close();
        url = this.stack.gatewayUrls[gateway++ % this.stack.gatewayUrls.length]!;
        client = await ChatTestClient.connect(url, { timeoutMs: 3_000 });
        clients.push(client);
        this.chatClients.push(client);
      }
      const connected = client;
      const answer = await this.tracked(url, 'chat', () =>
        connected.start({ name: `Cliente ${label}`, email, message: `Chat ${label}: no puedo descargar mis XML`, clientId }),
      );
      if (answer.error) return `ack error ${answer.error}`;
      ack = answer;
      client.useToken(answer.token);
      return undefined;
    });
    const chat: StartedChat = { email, clientId, conversationId: ack!.conversationId, token: ack!.token, clients };
    this.chats.push(chat);
    return chat;
  }

  /** A call as Twilio drives it: greeting, severity 2, the description, then the recording and end callbacks. */
  async placeCall(): Promise<SimulatedCall> {
    const call = new SimulatedCall(this.webhooks, mobile(), TWILIO.supportLine);
    const menu = await this.webhook(() => call.dial());
    const record = await this.webhook(() => call.press(menu, '2'));
    await this.webhook(() => call.speak(record));
    await this.webhook(() => call.deliver(call.recordingStatusCallback(record)));
    await this.webhook(() => call.deliver(call.statusCallback('completed', 75)));
    this.calls.push(call);
    return call;
  }

  /** Stops every sender still retrying and closes the chat connections. */
  close(): void {
    this.closed = true;
    for (const client of this.chatClients) client.close();
  }

  private async webhook<T extends TwimlNode | void>(request: () => Promise<T>): Promise<T> {
    let answer: T | undefined;
    if (this.spread) this.webhooks.gatewayUrl = this.stack.gatewayUrls[this.pickGateway()]!;
    await this.untilTaken('call', async () => {
      const url = this.webhooks.gatewayUrl;
      try {
        answer = await this.tracked(url, 'call', request);
        return undefined;
      } catch (error) {
        // The gateway does not answer at all: the balancer sends the retry to the next one.
        if (!/ answered \d+/.test((error as Error).message) && this.webhooks.gatewayUrl === url) {
          const urls = this.stack.gatewayUrls;
          this.webhooks.gatewayUrl = urls[(urls.indexOf(url) + 1) % urls.length]!;
        }
        throw error;
      }
    });
    return answer as T;
  }

  private async tracked<T>(gateway: string, source: 'chat' | 'call', work: () => Promise<T>): Promise<T> {
    const request: GatewayRequest = { gateway, source, startedAt: Date.now() };
    this.requests.push(request);
    try {
      const result = await work();
      request.answered = true;
      return result;
    } catch (error) {
      request.outcome = (error as Error).message;
      // "…answered 503…" is an answer; "fetch failed" or "socket has been disconnected" is not.
      request.answered = / answered \d+/.test(request.outcome);
      throw error;
    } finally {
      request.endedAt = Date.now();
    }
  }

  /**
   * Tries until the source takes the event: `attempt` resolves undefined when it did, a reason when
   * it refused, or throws (no answer); each refusal is recorded.
   */
  private async untilTaken(source: Source, attempt: () => Promise<string | undefined>): Promise<void> {
    const deadline = Date.now() + GIVE_UP_AFTER_MS;
    const refusals: string[] = [];
    for (;;) {
      if (this.closed) throw new Error('the load was closed');
      let refusal: string | undefined;
      try {
        refusal = await attempt();
      } catch (error) {
        refusal = (error as Error).message;
      }
      if (refusal === undefined) return;
      refusals.push(refusal);
      this.refusals[source] += 1;
      // Call ids and such make each message unique; keep its kind.
      this.refusalReasons[source].add(refusal.replace(/\/webhooks\/twilio\/[^ ]*/, '/webhooks/twilio/…'));
      if (Date.now() > deadline) throw new Error(`the source kept refusing: ${refusals.slice(-3).join(' | ')}`);
      await sleep(RETRY_PAUSE_MS);
    }
  }
}

/**
 * Runs a fault case with its own customers; whatever happens, they stop sending afterwards and
 * every injected fault is ended, so a case that failed halfway does not break the next one.
 */
export async function withCustomers(stack: FaultStack, run: (load: CustomerLoad) => Promise<void>, { spread = false } = {}): Promise<void> {
  const load = new CustomerLoad(stack, spread);
  try {
    await run(load);
  } finally {
    load.close();
    await stack.heal();
  }
}
