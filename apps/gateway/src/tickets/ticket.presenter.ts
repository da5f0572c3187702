import {
  EMPTY_CFDI_DETAILS,
  isVerifiedContact,
  mailAddressOf,
  satCodeFamily,
  SEVERITY_MEANINGS_ES,
  slaSnapshot,
  type CfdiJson,
  type ContactEntity,
  type ContactJson,
  type IsoTime,
  type TicketDetailJson,
  type TicketEntity,
  type TicketSummaryJson,
  type TicketTimeline,
} from '@app/tickets';

/** A Date as JSON carries it (what `JSON.stringify` would write). */
export function iso(date: Date): IsoTime;
export function iso(date: Date | null): IsoTime | null;
export function iso(date: Date | null): IsoTime | null {
  return date ? date.toISOString() : null;
}

/** `email` is the address mail goes to; while `verified` is false it is only what a chat's author typed. */
export function presentContact(contact: ContactEntity | undefined): ContactJson {
  return {
    id: contact?.id ?? null,
    name: contact?.name ?? null,
    email: contact ? mailAddressOf(contact) : null,
    verified: contact ? isVerifiedContact(contact) : false,
    phone: contact?.phone ?? null,
    rfc: contact?.rfc ?? null,
    emailUndeliverable: Boolean(contact?.emailUndeliverableAt),
    erasedAt: iso(contact?.erasedAt ?? null),
  };
}

/** The public JSON shapes of tickets (INTERFACE.md's TicketSummary, and the timeline). */
export function presentTicketSummary(ticket: TicketEntity, now = new Date()): TicketSummaryJson {
  return {
    number: ticket.number,
    channel: ticket.channel,
    subject: ticket.subject,
    severity: ticket.severity,
    severityMeaning: SEVERITY_MEANINGS_ES[ticket.severity],
    severitySource: ticket.severitySource,
    severityConfidence: ticket.severityConfidence,
    severityReview: ticket.severityReview,
    tier: ticket.tier,
    status: ticket.status,
    callbackRequested: ticket.callbackRequested,
    contact: presentContact(ticket.contact),
    assignee: ticket.assignee ? { id: ticket.assignee.id, name: ticket.assignee.name, tier: ticket.assignee.tier } : null,
    createdAt: iso(ticket.createdAt),
    updatedAt: iso(ticket.updatedAt),
    attentionDueAt: iso(ticket.attentionDueAt),
    solutionDueAt: iso(ticket.solutionDueAt),
    firstResponseAt: iso(ticket.firstResponseAt),
    resolvedAt: iso(ticket.resolvedAt),
    lastCustomerMessageAt: iso(ticket.lastCustomerMessageAt),
    nextUpdateDueAt: iso(ticket.nextUpdateDueAt),
    sla: slaSnapshot(ticket, now),
  };
}

export function presentTicketDetail(timeline: TicketTimeline): TicketDetailJson {
  const { ticket } = timeline;
  return {
    ...presentTicketSummary(ticket),
    version: timeline.version,
    severityReasons: ticket.severityReasons,
    severityModelVersion: ticket.severityModelVersion,
    cfdi: presentCfdi(ticket),
    slaExplanation: ticket.slaExplanation,
    progressNote: ticket.progressNote,
    progressNoteAt: iso(ticket.progressNoteAt),
    mergedInto: timeline.mergedIntoNumber ?? null,
    messages: timeline.messages.map(({ message, attachments, delivery }) => ({
      id: message.id,
      direction: message.direction,
      channel: message.channel,
      authorType: message.authorType,
      authorName: message.authorName,
      from: message.fromAddress,
      subject: message.subject,
      text: message.text,
      html: message.htmlSanitized,
      automated: message.automated,
      internal: message.internal,
      createdAt: iso(message.createdAt),
      attachments: attachments.map((attachment) => ({
        id: attachment.id,
        filename: attachment.filename,
        contentType: attachment.contentType,
        sizeBytes: attachment.sizeBytes,
        inline: attachment.inline,
        contentId: attachment.contentId,
        omittedReason: attachment.omittedReason,
        url: attachment.omittedReason ? null : `/api/tickets/${ticket.number}/attachments/${attachment.id}`,
      })),
      delivery: delivery
        ? { channel: delivery.channel, status: delivery.status, recipient: delivery.recipient, attempts: delivery.attempts, lastError: delivery.lastError, sentAt: iso(delivery.sentAt) }
        : null,
    })),
    events: timeline.events.map((event) => ({
      id: event.id,
      type: event.type,
      actorType: event.actorType,
      actorId: event.actorId,
      data: event.data,
      createdAt: iso(event.createdAt),
    })),
  };
}

/** INTERFACE.md's `cfdi` { rfc, uuid, satCodes }, with what each SAT code's family means (and its source), invoices and attached CFDIs. */
function presentCfdi(ticket: TicketEntity): CfdiJson {
  const details = { ...EMPTY_CFDI_DETAILS, ...ticket.cfdi };
  return {
    ...details,
    satCodeMeanings: details.satCodes.map((code) => {
      const family = satCodeFamily(code);
      return { code, meaning: family?.meaning ?? null, source: family?.source ?? null };
    }),
  };
}
