import { expect } from '@jest/globals';
import { ChatTestClient } from './chat-client.js';
import type { CustomerLoad, StartedChat } from './customer-load.js';
import { eventually } from './eventually.js';
import type { FaultStack } from './fault-stack.js';

/** Transmissions the customers received more than once (same Message-ID, same SMS, same chat entry). */
export interface Repeats {
  /** Mails sent again with the same Message-ID (a mail client shows one). */
  mail: number;
  /** SMS accepted by Twilio a second time. */
  sms: number;
  /** `ticket:confirmed` events pushed again to a widget with the same seq (it shows one). */
  chatLive: number;
}

/**
 * Waits until every event of the load has its ticket and its confirmation, nothing is left pending
 * in Postgres and no job is left in the queues: from then on nothing can be sent any more, so the
 * counts that follow are final. Resolves with how long that took.
 */
export async function settle(stack: FaultStack, load: CustomerLoad, timeoutMs = 120_000): Promise<number> {
  const started = Date.now();
  await eventually(
    async () => {
      const [{ pending }] = await stack.env.query<{ pending: string }>(
        `SELECT (SELECT count(*) FROM inbound_items WHERE status = 'pending') + (SELECT count(*) FROM outbound_deliveries WHERE status = 'pending') AS pending`,
      );
      if (pending !== '0') return undefined;
      for (const mail of load.mails) if (stack.sink.to(mail.from).length === 0) return undefined;
      for (const call of load.calls) if (!stack.twilioApi.sentMessages().some((sms) => sms.form.To === call.from)) return undefined;
      const confirmedChats = await stack.env.query<{ conversation_id: string }>(
        `SELECT conversation_id FROM chat_entries WHERE type = 'ticket:confirmed' AND conversation_id = ANY($1)`,
        [load.chats.map((chat) => chat.conversationId)],
      );
      if (confirmedChats.length < load.chats.length) return undefined;
      return (await stack.unfinishedJobs('intake')) + (await stack.unfinishedJobs('outbound')) === 0;
    },
    { timeoutMs, intervalMs: 200, what: 'every event to have its ticket and confirmation, and the queues to drain' },
  );
  return Date.now() - started;
}

/**
 * Every event the sources took is one ticket (or message) exactly once, and every confirmation
 * that was due was sent exactly once: one Message-ID per mail customer, one transcript entry per
 * chat, one SMS per caller (also when a sender died between Twilio's acceptance and our record:
 * the retry finds the SMS at Twilio).
 */
export async function expectExactlyOnce(stack: FaultStack, load: CustomerLoad): Promise<Repeats> {
  const repeats: Repeats = { mail: 0, sms: 0, chatLive: 0 };
  const { env } = stack;
  expect(stack.deadProcesses()).toEqual([]);

  for (const mail of load.mails) {
    const tickets = await env.query<{ id: string; number: string }>(
      `SELECT t.id, t.number FROM tickets t JOIN contacts c ON c.id = t.contact_id WHERE c.email = $1`,
      [mail.from],
    );
    expect({ mail: mail.subject, tickets: tickets.length }).toEqual({ mail: mail.subject, tickets: 1 });
    const inbound = await env.query(`SELECT 1 FROM messages WHERE ticket_id = $1 AND direction = 'inbound'`, [tickets[0]!.id]);
    expect({ mail: mail.subject, messages: inbound.length }).toEqual({ mail: mail.subject, messages: 1 });
    const distinct = stack.sink.distinctTo(mail.from);
    expect({ mail: mail.subject, confirmations: distinct.length }).toEqual({ mail: mail.subject, confirmations: 1 });
    expect(distinct[0]!.parsed.subject).toContain(`[${tickets[0]!.number}]`);
    repeats.mail += stack.sink.to(mail.from).length - distinct.length;
  }

  for (const chat of load.chats) {
    const tickets = await env.query<{ id: string; number: string }>(`SELECT id, number FROM tickets WHERE channel = 'chat' AND conversation_ref = $1`, [
      chat.conversationId,
    ]);
    expect({ chat: chat.email, tickets: tickets.length }).toEqual({ chat: chat.email, tickets: 1 });
    const inbound = await env.query(`SELECT 1 FROM messages WHERE ticket_id = $1 AND direction = 'inbound'`, [tickets[0]!.id]);
    expect({ chat: chat.email, messages: inbound.length }).toEqual({ chat: chat.email, messages: 1 });
    // What the widget shows: the transcript, read back as a reconnecting widget does.
    const confirmations = (await transcript(stack, chat)).filter((entry) => entry.type === 'ticket:confirmed');
    expect({ chat: chat.email, confirmations: confirmations.length }).toEqual({ chat: chat.email, confirmations: 1 });
    expect(confirmations[0]!.ticketNumber).toBe(tickets[0]!.number);
    const live = chat.clients.flatMap((client) => client.events('ticket:confirmed'));
    for (const event of live) expect(event.seq).toBe(confirmations[0]!.seq);
    repeats.chatLive += Math.max(0, live.length - 1);
  }

  for (const call of load.calls) {
    const [row] = await env.query<{ ticket_id: string | null }>(`SELECT ticket_id FROM phone_calls WHERE call_sid = $1`, [call.callSid]);
    expect({ call: call.callSid, onTicket: Boolean(row?.ticket_id) }).toEqual({ call: call.callSid, onTicket: true });
    const tickets = await env.query<{ id: string; number: string }>(
      `SELECT t.id, t.number FROM tickets t JOIN contacts c ON c.id = t.contact_id WHERE c.phone = $1`,
      [call.from],
    );
    expect({ caller: call.from, tickets: tickets.length }).toEqual({ caller: call.from, tickets: 1 });
    const cards = await env.query(`SELECT 1 FROM messages WHERE ticket_id = $1 AND direction = 'inbound' AND channel = 'phone'`, [tickets[0]!.id]);
    expect({ caller: call.from, cards: cards.length }).toEqual({ caller: call.from, cards: 1 });
    const sms = stack.twilioApi.sentMessages().filter((message) => message.form.To === call.from);
    expect(sms.length).toBeGreaterThanOrEqual(1);
    // A repeat is the same message (same ticket), never a second ticket's.
    for (const message of sms) expect(message.form.Body).toContain(tickets[0]!.number);
    expect({ caller: call.from, sms: sms.length }).toEqual({ caller: call.from, sms: 1 });
    repeats.sms += sms.length - 1;
  }

  const leftovers = await env.query<{ kind: string; status: string; count: string }>(
    `SELECT 'inbound' AS kind, status, count(*) FROM inbound_items WHERE status NOT IN ('done', 'skipped') GROUP BY status
     UNION ALL SELECT 'delivery', status, count(*) FROM outbound_deliveries WHERE status <> 'sent' GROUP BY status`,
  );
  expect(leftovers).toEqual([]);
  return repeats;
}

/**
 * The end of every fault case: waits until everything settled, checks exactly-once and that
 * /health answers 200 again; resolves with how long after `since` (the fault's end) it took.
 */
export async function expectRecovered(
  stack: FaultStack,
  load: CustomerLoad,
  since: number,
): Promise<{ events: number; recoveryMs: number; repeats: Repeats }> {
  await settle(stack, load);
  const recoveryMs = Date.now() - since;
  const repeats = await expectExactlyOnce(stack, load);
  await stack.healthOk();
  return { events: load.events, recoveryMs, repeats };
}

/** The conversation's transcript as its widget reads it after reconnecting (any gateway that answers). */
async function transcript(stack: FaultStack, chat: StartedChat) {
  return eventually(
    async () => {
      for (const url of stack.gatewayUrls) {
        const client = await ChatTestClient.connect(url, { token: chat.token, timeoutMs: 3_000 }).catch(() => undefined);
        if (!client) continue;
        try {
          return await client.sync(0);
        } finally {
          client.close();
        }
      }
      return undefined;
    },
    { what: `the transcript of ${chat.conversationId}` },
  );
}
