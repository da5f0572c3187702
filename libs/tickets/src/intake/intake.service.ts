import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { InboundMessage } from '@app/channels';
import { cutWhole, readTogether, runPipelinedTransaction, type PreparedRead } from '@app/platform';
import { CallIntake, type TicketWriter } from '../calls/call-intake.js';
import { callbackMayPlaceCall } from '../calls/call-state.js';
import { CORE_CONFIG } from '../config/core-config.token.js';
import type { CoreConfig } from '../config/core-config.js';
import { isExpectedRowsMissing } from '../database/expected-rows.js';
import { WriteBehind } from '../database/write-behind.js';
import { ContactsRepository } from '../contacts.repository.js';
import type { ContactEntity } from '../entities/contact.entity.js';
import type { InboundItemEntity } from '../entities/inbound-item.entity.js';
import type { MessageEntity } from '../entities/message.entity.js';
import type { TicketEntity } from '../entities/ticket.entity.js';
import { IdentityVerificationService } from '../identity/identity-verification.service.js';
import { MessagesRepository } from '../messages.repository.js';
import { NO_SEND_PLACES, SendsBegunHere, type SendPlaces } from '../outbound/sends-begun-here.js';
import { CustomerNotifier } from '../outbound/customer-notifier.js';
import { OutboundDeliveriesRepository } from '../outbound/outbound-deliveries.repository.js';
import { EMPTY_CFDI_DETAILS, mergeCfdiDetails, readCfdiDetails, type CfdiDetails } from '../cfdi/cfdi-details.js';
import { IncidentsRepository } from '../incidents/incidents.repository.js';
import { OpenIncidentMatcher } from '../incidents/open-incident-matcher.js';
import { reportWords } from '../incidents/report-words.js';
import { classifySeverity } from '../severity/severity-classifier.js';
import { SlaClocksService } from '../sla/sla-clocks.service.js';
import { decideThread } from '../threading/thread-decision.js';
import { subjectForNewTicket } from '../threading/new-ticket-subject.js';
import { findTicketNumbers } from '../threading/ticket-number-references.js';
import { threadlessResolvedSince } from '../threading/threadless-reply-window.js';
import { TicketEventsRepository, type TicketEventInput } from '../ticket-events.repository.js';
import { TicketsRepository } from '../tickets.repository.js';
import { finishStatement, InboundItemsRepository, type FinishedInbound } from './inbound-items.repository.js';
import { InboundItemTakenError } from './inbound-item-taken.error.js';
import { ClosingWords } from './closing-words.js';
import type { IntakeOutcome } from './intake-outcome.js';
import { mailTicketLimitReached, mailTicketWindowStart } from './mail-ticket-limit.js';
import { judgeBounce, mailClearsMark } from './undeliverable-address.js';

/**
 * Turns one stored inbound item into a ticket, a message on a ticket, or a recorded skip. Everything
 * it writes (ticket, message, events, owed confirmation, item status) commits in one transaction,
 * so a retry after a crash either finds the work done or does all of it.
 */
@Injectable()
export class IntakeService {
  private readonly logger = new Logger(IntakeService.name);

  constructor(
    @Inject(CORE_CONFIG) private readonly config: CoreConfig,
    private readonly dataSource: DataSource,
    private readonly items: InboundItemsRepository,
    private readonly contacts: ContactsRepository,
    private readonly tickets: TicketsRepository,
    private readonly messages: MessagesRepository,
    private readonly events: TicketEventsRepository,
    private readonly deliveries: OutboundDeliveriesRepository,
    private readonly notifier: CustomerNotifier,
    private readonly clocks: SlaClocksService,
    private readonly calls: CallIntake,
    private readonly verification: IdentityVerificationService,
    private readonly openIncidents: OpenIncidentMatcher,
    private readonly incidents: IncidentsRepository,
    private readonly writeBehind: WriteBehind,
    private readonly begunHere: SendsBegunHere,
    private readonly closingWords: ClosingWords,
  ) {}

  private readonly writer: TicketWriter = {
    open: (item, message, em) => this.openTicket(item, message, em),
    join: (ticket, item, message, em) => this.addToTicket(ticket, item, message, em),
  };

  /**
   * Group commit: several items in one transaction, one after the other (a later item sees what an
   * earlier one wrote, e.g. the ticket a second mail of the same sender joins). If any fails,
   * nothing of the group is kept: the caller runs its items again one by one, so a bad item fails
   * alone. Outcomes are in the order of `entries`. The items are as the caller read them; whether
   * another worker recorded one meanwhile is checked when they are recorded, at the end
   * (`InboundItemTakenError`), which saves the group a locking read at the start.
   *
   * `sendHere`: the places the caller has to send, itself and right after the commit, deliveries new
   * tickets owe (confirmations, verification mails); those it takes are written begun, and each
   * outcome's `begun` holds its own (`SendsBegunHere`).
   */
  async ingestMany(entries: Array<{ item: InboundItemEntity; message: InboundMessage }>, options: { sendHere?: SendPlaces } = {}): Promise<IntakeOutcome[]> {
    return runPipelinedTransaction(this.dataSource, async (em) => {
      this.writeBehind.hold(em);
      this.begunHere.allow(em, options.sendHere ?? NO_SEND_PLACES);
      const reads = await this.readForGroup(entries.map((entry) => entry.message), em);
      const outcomes: IntakeOutcome[] = [];
      const finished: FinishedInbound[] = [];
      for (const { item, message } of entries) {
        // The same item twice in one group: the second finds the first's work done.
        if (item.status !== 'pending' || finished.some((done) => done.id === item.id)) {
          outcomes.push({ kind: 'already_processed', deliveryIds: [] });
          continue;
        }
        const decided = await this.decide(item, message, reads, em);
        const begun = this.begunHere.take(em);
        const outcome = begun.length > 0 ? { ...decided, begun } : decided;
        const description = outcome.kind === 'skipped' ? outcome.reason : outcome.kind;
        finished.push({ id: item.id, status: outcome.kind === 'skipped' ? 'skipped' : 'done', outcome: description, ticketId: 'ticketId' in outcome ? (outcome.ticketId ?? null) : null });
        outcomes.push(outcome);
        this.logger.log(`inbound ${item.id} (${item.channel}) → ${description}`);
      }
      // What the group held and how its items ended, with the COMMIT: one statement, one round trip.
      // An item another worker recorded meanwhile (the same job run twice at once) fails it first.
      try {
        await this.writeBehind.releaseAndCommit(em, finishStatement(finished), finished.length, 'inbound items recorded (the others were recorded meanwhile)');
      } catch (error) {
        if (isExpectedRowsMissing(error)) throw new InboundItemTakenError(finished.map((item) => item.id));
        throw error;
      }
      return outcomes;
    });
  }

  /** Keeps an item that cannot be parsed aside, with the reason, instead of retrying it forever. */
  async reject(inboundId: string, reason: string): Promise<void> {
    await this.items.finish(inboundId, 'rejected', reason.slice(0, 500), null);
    this.logger.warn(`inbound ${inboundId} rejected: ${reason}`);
  }

  /**
   * What deciding the group's items needs first, all in one round trip (with the transaction's
   * BEGIN): the stored messages whose external ids they reuse (a call's callbacks are matched by the
   * call intake instead) and the tickets of their conversations, one query per channel each; then
   * the locked counts of their senders' confirmations, before any shared row (a call's, a contact's)
   * is locked (a transaction that locked a call's row and then waited for its caller's count would
   * deadlock with one that did the reverse); then the contacts of callers who chose on the menu (each
   * gets a ticket, new or theirs). A group never holds two messages of one conversation
   * (InboundPipeline sends a later one on alone, after the earlier), so no item of the group opens a
   * ticket another item's conversation lookup would miss.
   */
  private async readForGroup(messages: InboundMessage[], em: EntityManager): Promise<GroupReads> {
    const reads: GroupReads = { namesakes: new Map(), conversations: new Map() };
    const lookups: Array<PreparedRead<void>> = [];
    const asked = messages.filter((message) => !message.call);
    for (const channel of new Set(asked.map((message) => message.channel))) {
      const ofChannel = asked.filter((message) => message.channel === channel);
      lookups.push(keyedInto(reads.namesakes, channel, this.messages.storedByExternalIds(channel, ofChannel.map((message) => message.externalId), em)));
      const refs = ofChannel.flatMap((message) => (message.conversationRef ? [message.conversationRef] : []));
      if (refs.length > 0) lookups.push(keyedInto(reads.conversations, channel, this.tickets.byConversations(channel, refs, em)));
    }
    // The conversations' contacts are read from the table, so none may be held back: nothing is at a
    // group's start, when this sends no statement.
    await this.writeBehind.flush(em, ['contacts']);
    const mayConfirm = messages.filter((message) => !message.automated && (!message.call || callbackMayPlaceCall(message.call)));
    const callers = messages.flatMap((message) => (message.call?.choice && message.from.phone && !message.automated ? [{ ...message.from, phone: message.from.phone }] : []));
    await readTogether(em, [
      ...lookups,
      ...this.notifier.senderCountReads(mayConfirm.map((message) => message.from), em),
      ...this.contacts.callerContactReads(callers, em),
    ]);
    return reads;
  }

  private async decide(item: InboundItemEntity, message: InboundMessage, reads: GroupReads, em: EntityManager): Promise<IntakeOutcome> {
    if (message.call) return this.calls.ingest(item, message, message.call, em, this.writer);
    if (message.automated?.kind === 'own_mail') return { kind: 'skipped', reason: 'own_mail', deliveryIds: [] };

    // Stored items are already unique, so a known id here means a different message reusing it
    // (broken mailers do): keep it, on the ticket of the first one, rather than drop it. An earlier
    // item of the group may be that first one (held, or written at once when it had files: then
    // the unique key fails the group and each item goes on alone, and finds it).
    const namesake =
      this.messages.findHeldByExternalId(message.channel, message.externalId, em) ?? reads.namesakes.get(channelKey(message.channel, message.externalId));
    if (namesake) {
      const ticket = await this.tickets.findById(namesake.ticketId, em);
      const renamed = { ...message, externalId: `${message.externalId}#${item.dedupeKey.slice(0, 16)}` };
      if (ticket) return this.addToTicket(ticket, item, renamed, em);
    }

    if (message.bounce) return this.attachBounce(item, message, em);

    const rated = await this.closingWords.surveyAnsweredBySms(message, em);
    if (rated) return this.addToTicket(rated.ticket, item, message, em, [rated.event], { closingWords: true });

    const thread = await this.findThread(message, reads, em);
    if (thread) {
      const thanks = this.closingWords.thanks(thread, message);
      return this.addToTicket(thread, item, message, em, thanks, { closingWords: thanks.length > 0 });
    }

    if (message.automated) return { kind: 'skipped', reason: message.automated.kind, deliveryIds: [] };
    if (!message.from.email && !message.from.phone) return { kind: 'skipped', reason: 'no_sender_address', deliveryIds: [] };
    const overLimit = message.channel === 'email' ? await this.joinWhenOverMailLimit(item, message, em) : undefined;
    return overLimit ?? this.openTicket(item, message, em);
  }

  /**
   * One sender opens at most `mailTicketsPerSenderPerHour` tickets by mail; a further mail joins
   * their latest open ticket (or their latest ticket, which it reopens) instead of being dropped.
   */
  private async joinWhenOverMailLimit(item: InboundItemEntity, message: InboundMessage, em: EntityManager): Promise<IntakeOutcome | undefined> {
    const limit = this.config.mailTicketsPerSenderPerHour;
    const sender = message.from.email;
    if (limit === 0 || !sender) return undefined;
    // Counted in Postgres inside the intake transaction, under a per-sender lock, not in a Redis
    // counter: concurrent intakes of one sender take turns, and a retried job (its transaction rolled
    // back) counts exactly the tickets that exist, so it decides the same way.
    await this.tickets.lockMailSender(sender, em);
    const opened = await this.tickets.countOpenedByEmailSince(sender, mailTicketWindowStart(item.receivedAt), em);
    if (!mailTicketLimitReached(opened, limit)) return undefined;
    const latest = await this.tickets.findLatestByEmailSender(sender, em);
    if (!latest) return undefined;
    const ticket = await this.tickets.followMerges(latest, em);
    const why = { type: 'ticket_limit_reached', data: { limit, openedLastHour: opened, inboundId: item.id } };
    this.logger.warn(`inbound ${item.id}: ${sender} opened ${opened} tickets by mail within an hour; joined ${ticket.number}`);
    return this.addToTicket(ticket, item, message, em, [why]);
  }

  /**
   * A person writing from a marked address shows that it takes mail again: the mark is lifted before
   * anything owed to them is queued. Returns the contact as it now is and the event that says so.
   */
  private async clearMarkOnMail(
    contact: ContactEntity,
    item: InboundItemEntity,
    message: InboundMessage,
    em: EntityManager,
  ): Promise<{ contact: ContactEntity; events: TicketEventInput[] }> {
    const fromThisAddress = message.channel === 'email' && !message.automated && contact.email === message.from.email?.toLowerCase();
    if (!fromThisAddress || !contact.email || !mailClearsMark(contact.emailUndeliverableAt, item.receivedAt)) return { contact, events: [] };
    if (!(await this.contacts.clearEmailUndeliverable(contact.email, em))) return { contact, events: [] };
    return {
      contact: { ...contact, emailUndeliverableAt: null, emailUndeliverableReason: null },
      events: [{ type: 'email_mark_cleared', data: { address: contact.email, reason: 'customer_mail', inboundId: item.id } }],
    };
  }

  private async findThread(message: InboundMessage, reads: GroupReads, em: EntityManager): Promise<TicketEntity | null> {
    if (message.conversationRef) {
      const conversation = reads.conversations.get(channelKey(message.channel, message.conversationRef));
      if (conversation) return this.tickets.followMerges(conversation, em);
    }
    const answered = await this.messages.findNewestByExternalIds(message.channel, message.threadRefs, em);
    const byNumber = await this.tickets.findThreadCandidates(findTicketNumbers(message.subject, message.text), em);
    // A claimed address is nobody's proof of taking part in a ticket: it joins none by number.
    const sender = message.from.unverified ? undefined : (message.from.email ?? message.from.phone);
    const decision = decideThread(sender, { byReference: answered?.ticketId, byNumber });
    const ticket = decision
      ? await this.tickets.findById(decision.ticketId, em)
      : message.threadBySender && message.from.phone
        ? await this.latestOfThreadlessSender(message.from.phone, message.receivedAt, em)
        : null;
    return ticket ? this.tickets.followMerges(ticket, em) : null;
  }

  /**
   * The ticket an SMS answers: its number's latest one that is open or was resolved lately. Under a
   * lock on the number held to the commit, so two SMS of one person arriving at once do not both
   * open a ticket: the second waits, then finds the first's.
   */
  private async latestOfThreadlessSender(phone: string, receivedAt: Date, em: EntityManager): Promise<TicketEntity | null> {
    await this.tickets.lockThreadlessSender(phone, em);
    return this.tickets.findLatestForPhone(phone, threadlessResolvedSince(receivedAt), em);
  }

  private async openTicket(item: InboundItemEntity, message: InboundMessage, em: EntityManager): Promise<IntakeOutcome> {
    const { email, unverified } = message.from;
    const author = unverified && email ? await this.contacts.createUnverified({ ...message.from, email }, em) : await this.contacts.upsert(message.from, em);
    const { contact, events: cleared } = await this.clearMarkOnMail(author, item, message, em);
    const chosen = message.customerSeverity;
    // The customer's own words: for a call, its transcription, never the card's fixed wording.
    const words = reportWords(message);
    // A severity the caller chose on the phone menu needs no proposal (and saves about 8 % of a worker's time on a call).
    const classified = chosen === undefined ? classifySeverity({ subject: words.subject, text: words.text, channel: message.channel }) : null;
    // A report of a failure agents already confirmed joins it now: one problem, one severity, one clock.
    const known = words.subject || words.text ? await this.openIncidents.match(words.subject, words.text) : null;
    const severity = known?.severity ?? chosen ?? classified!.severity;
    const proposal = !known && classified ? classified : null;
    const openedAt = new Date();
    const clocks = await this.clocks.forNewTicket(openedAt, severity);
    const ticket = await this.tickets.insert(
      {
        channel: message.channel,
        subject: cutWhole(subjectForNewTicket(message.subject), 500),
        severity,
        severitySource: chosen === undefined || known ? 'auto' : 'customer',
        severityReasons: known ? [`incidente abierto: ${known.title}`] : proposal ? proposal.reasons : ['elegida por el cliente'],
        severityConfidence: proposal?.confidence ?? null,
        severityModelVersion: classified?.modelVersion ?? null,
        // L1 classifies severity: what the machine is unsure of waits for an agent to confirm it.
        severityReview: proposal !== null && proposal.confidence < this.config.severityReviewBelow,
        cfdi: cfdiOf(message),
        tier: 'L1',
        status: 'new',
        contactId: contact.id,
        sourceInboundId: item.id,
        conversationRef: message.conversationRef ?? null,
        createdAt: openedAt,
        updatedAt: openedAt,
        lastCustomerMessageAt: openedAt,
        attentionDueAt: clocks.attentionDueAt,
        attentionRiskAt: clocks.attentionRiskAt,
        solutionDueAt: clocks.solutionDueAt,
        solutionRiskAt: clocks.solutionRiskAt,
        nextUpdateDueAt: clocks.nextUpdateDueAt,
        slaExplanation: clocks.explanation,
      },
      em,
    );
    const saved = await this.insertInbound(ticket.id, item, message, contact.id, em);
    await this.events.append(
      ticket.id,
      [
        { type: 'created', actorType: 'contact', actorId: contact.id, data: { channel: message.channel, inboundId: item.id } },
        {
          type: 'severity_set',
          data: {
            severity,
            source: ticket.severitySource,
            reasons: ticket.severityReasons,
            suggested: classified?.severity ?? null,
            confidence: classified?.confidence ?? null,
            modelVersion: classified?.modelVersion ?? null,
          },
        },
        ...cleared,
      ],
      em,
    );
    if (known) {
      await this.incidents.linkNew(known.incidentId, [{ ticketId: ticket.id, reason: known.reason, score: known.score, linkedBy: null }], em);
      await this.events.append(ticket.id, [{ type: 'incident_linked', data: { incidentId: known.incidentId, by: 'Ventanilla', reason: known.reason, atIntake: true } }], em);
    }
    const verification = await this.verification.request(ticket, contact, em);
    const knownIncident = known ? { title: known.title, severity: known.severity } : undefined;
    const confirmation = await this.notifier.queueConfirmation(ticket, contact, saved, em, verification.sentTo, knownIncident);
    return {
      kind: 'ticket_created',
      ticketId: ticket.id,
      ticketNumber: ticket.number,
      tier: ticket.tier,
      deliveryIds: [confirmation.deliveryId, verification.deliveryId].filter((id): id is string => id !== undefined),
    };
  }

  private async addToTicket(
    ticket: TicketEntity,
    item: InboundItemEntity,
    message: InboundMessage,
    em: EntityManager,
    /** Why the message joined this ticket, or what it did there, when that needs saying (e.g. the sender's ticket limit). */
    reasons: TicketEventInput[] = [],
    /** An answer to the survey, or thanks alone: kept on the ticket, but it neither reopens it nor counts as the customer writing again. */
    options: { closingWords: boolean } = { closingWords: false },
  ): Promise<IntakeOutcome> {
    const fromCustomer = !message.automated;
    const upserted = fromCustomer && !message.from.unverified && (message.from.email || message.from.phone) ? await this.contacts.upsert(message.from, em) : null;
    const { contact, events: cleared } = upserted ? await this.clearMarkOnMail(upserted, item, message, em) : { contact: null, events: [] };
    // A claimed address (a chat's later messages) writes as the ticket's own contact: a claim never touches another one.
    const authorId = fromCustomer && message.from.unverified ? ticket.contactId : (contact?.id ?? null);
    await this.insertInbound(ticket.id, item, message, authorId, em);
    const cfdi = cfdiOf(message);
    if (fromCustomer && hasCfdiDetails(cfdi)) await this.tickets.saveCfdi(ticket.id, mergeCfdiDetails([{ ...EMPTY_CFDI_DETAILS, ...ticket.cfdi }, cfdi]), em);
    // A customer writing on a resolved ticket reopens it; an out-of-office reply or thanks alone does not.
    const writesAgain = fromCustomer && !options.closingWords;
    const reopened = writesAgain && ticket.status === 'resolved';
    if (writesAgain) {
      await this.tickets.recordCustomerMessage(ticket.id, em);
    }
    await this.events.append(
      ticket.id,
      [
        {
          type: fromCustomer ? 'message_received' : 'automated_message_received',
          actorType: fromCustomer ? 'contact' : 'system',
          actorId: authorId,
          data: { channel: message.channel, inboundId: item.id, automated: message.automated?.reason },
        },
        ...reasons,
        ...cleared,
        ...(reopened ? [{ type: 'reopened', data: { reason: 'customer_message' } }] : []),
      ],
      em,
    );
    if (reopened) {
      await this.clocks.recompute(ticket.id, 'reabierto por un mensaje del cliente', em);
      await this.clocks.restartUpdateCadence(ticket.id, new Date(), em);
    }
    return { kind: 'message_added', ticketId: ticket.id, ticketNumber: ticket.number, tier: ticket.tier, reopened, deliveryIds: [] };
  }

  /**
   * A bounce counts only when it quotes a Message-ID of mail we sent, and then only for the address
   * that mail went to: anyone can write as mailer-daemon, and quote any Message-ID they have seen.
   */
  private async attachBounce(item: InboundItemEntity, message: InboundMessage, em: EntityManager): Promise<IntakeOutcome> {
    const bounce = message.bounce!;
    const delivery = await this.deliveries.findSentEmailByMessageIds(bounce.originalMessageIds, em);
    const ticket = delivery ? await this.tickets.findById(delivery.ticketId, em) : null;
    if (!delivery || !ticket) return { kind: 'skipped', reason: 'bounce_unmatched', deliveryIds: [] };
    await this.insertInbound(ticket.id, item, message, null, em);
    const verdict = judgeBounce(bounce, delivery.recipient);
    const marked = verdict.mark && (await this.contacts.markEmailUndeliverable(verdict.address, bounce.diagnostic ?? 'bounced', em));
    await this.events.append(
      ticket.id,
      [
        {
          type: 'delivery_bounced',
          data: {
            deliveryId: delivery.id,
            bouncedMessageId: delivery.messageId,
            recipient: verdict.address,
            reportedRecipients: bounce.failedRecipients,
            permanent: bounce.permanent,
            diagnostic: bounce.diagnostic,
            addressMarked: marked,
            ...(verdict.mark ? {} : { notMarkedReason: verdict.reason }),
          },
        },
        ...(marked ? [{ type: 'email_marked_undeliverable', data: { address: verdict.address, deliveryId: delivery.id, diagnostic: bounce.diagnostic } }] : []),
      ],
      em,
    );
    return { kind: 'bounce_attached', ticketId: ticket.id, ticketNumber: ticket.number, tier: ticket.tier, deliveryIds: [] };
  }

  private insertInbound(
    ticketId: string,
    item: InboundItemEntity,
    message: InboundMessage,
    contactId: string | null,
    em: EntityManager,
  ): Promise<MessageEntity> {
    return this.messages.insert(
      {
        ticketId,
        direction: 'inbound',
        channel: message.channel,
        externalId: message.externalId,
        authorType: message.automated ? 'system' : 'contact',
        authorContactId: contactId,
        authorName: message.from.name ?? null,
        fromAddress: message.from.email ?? message.from.phone ?? null,
        automated: Boolean(message.automated),
        subject: message.subject || null,
        text: message.text,
        htmlSanitized: message.htmlSanitized ?? null,
        threadRefs: message.threadRefs,
        inboundItemId: item.id,
        // Dated when it arrived, not when the worker got to it: an agent's reply written in between
        // follows it on the timeline, as it did in the customer's conversation.
        createdAt: item.receivedAt,
      },
      message.attachments,
      em,
    );
  }
}

/** What an intake group read before deciding its items, by `channelKey`. */
interface GroupReads {
  namesakes: Map<string, MessageEntity>;
  conversations: Map<string, TicketEntity>;
}

function channelKey(channel: string, key: string): string {
  return `${channel}\n${key}`;
}

/** A read of one channel's rows by key, its answers kept in `into` under `channelKey`. */
function keyedInto<Value>(into: Map<string, Value>, channel: string, read: PreparedRead<Map<string, Value>>): PreparedRead<void> {
  return { ...read, read: (rows) => read.read(rows).forEach((value, key) => into.set(channelKey(channel, key), value)) };
}

/** What the customer's message says about invoices, in its text and its attached CFDI XML. */
function cfdiOf(message: InboundMessage): CfdiDetails {
  return readCfdiDetails(
    `${message.subject}\n${message.text}`,
    message.attachments.map((attachment) => ({ filename: attachment.filename, contentType: attachment.contentType, content: attachment.content ?? null })),
  );
}

function hasCfdiDetails(details: CfdiDetails): boolean {
  return Object.values(details).some((values) => values.length > 0);
}
