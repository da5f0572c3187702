import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Channel } from '@app/channels';
import type { Tier } from '../domain.js';
import type { SqlStatement } from '../database/combined-statements.repository.js';
import { WriteBehind } from '../database/write-behind.js';
import type { Severity } from '../severity/severity.js';
import type { IncidentStatus, IncidentSummary, IncidentUpdateView, LinkedTicket } from './incident-shapes.js';
import { CALL_EXTERNAL_ID_PREFIX } from '../calls/call-external-id.js';

interface IncidentRow {
  id: string;
  title: string;
  status: IncidentStatus;
  severity: number;
  opened_at: Date;
  confirmed_at: Date | null;
  resolved_at: Date | null;
  resolution: string | null;
  detection_reason: string | null;
  counts_as_downtime: boolean;
  next_update_due_at: Date | null;
  ticket_count: number;
  last_update_at: Date | null;
  dismissed_at: Date | null;
  dismissed_by_name: string | null;
  dismiss_reason: string | null;
}

export interface IncidentRecord extends IncidentSummary {
  resolution: string | null;
}

export interface NewIncident {
  title: string;
  severity: Severity;
  status: 'suspected' | 'open';
  openedBy: string | null;
  detectionReason: string | null;
}

/**
 * A report's words as detection reads them (`t`: the ticket), as `reportWords` gives them at intake:
 * the first three inbound messages, a call's card replaced by its transcription, and no subject on a
 * phone ticket (it is the call's, not the caller's).
 */
const REPORT_SUBJECT = `CASE WHEN t.channel = 'phone' THEN '' ELSE t.subject END AS subject`;
const REPORT_TEXT = `LEFT JOIN LATERAL (
  SELECT string_agg(words, E'\\n\\n') AS text FROM (
    SELECT CASE WHEN call.call_sid IS NULL THEN msg.text ELSE coalesce(call.transcription_text, '') END AS words
      FROM messages msg
      LEFT JOIN phone_calls call ON msg.channel = 'phone' AND msg.external_id LIKE '${CALL_EXTERNAL_ID_PREFIX}%'
                                AND call.call_sid = substr(msg.external_id, ${CALL_EXTERNAL_ID_PREFIX.length + 1})
     WHERE msg.ticket_id = t.id AND msg.direction = 'inbound'
     ORDER BY msg.created_at LIMIT 3) first) m ON true`;

export interface ReportRow {
  id: string;
  contact_id: string;
  severity: number;
  created_at: Date;
  subject: string;
  incident_id: string | null;
  text: string | null;
}

export interface TicketLink {
  ticketId: string;
  reason: string;
  score: number | null;
  linkedBy: string | null;
}

const SUMMARY_COLUMNS = `
  i.id, i.title, i.status, i.severity, i.opened_at, i.confirmed_at, i.resolved_at, i.resolution,
  i.detection_reason, i.counts_as_downtime, i.next_update_due_at, i.dismissed_at, i.dismiss_reason,
  (SELECT a.name FROM agents a WHERE a.id = i.dismissed_by) AS dismissed_by_name,
  (SELECT count(*)::int FROM incident_tickets l WHERE l.incident_id = i.id) AS ticket_count,
  (SELECT max(u.created_at) FROM incident_updates u WHERE u.incident_id = i.id) AS last_update_at`;

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

function toRecord(row: IncidentRow): IncidentRecord {
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    severity: row.severity as Severity,
    openedAt: row.opened_at.toISOString(),
    confirmedAt: iso(row.confirmed_at),
    resolvedAt: iso(row.resolved_at),
    resolution: row.resolution,
    ticketCount: row.ticket_count,
    detectionReason: row.detection_reason,
    countsAsDowntime: row.counts_as_downtime,
    lastUpdateAt: iso(row.last_update_at),
    nextUpdateDueAt: iso(row.next_update_due_at),
    dismissedAt: iso(row.dismissed_at),
    dismissedBy: row.dismissed_by_name,
    dismissReason: row.dismiss_reason,
  };
}

/** Incidents, their links to tickets and their updates: the only place their SQL lives. */
@Injectable()
export class IncidentsRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writeBehind: WriteBehind,
  ) {}

  private db(em?: EntityManager): EntityManager {
    return em ?? this.dataSource.manager;
  }

  async insert(incident: NewIncident, em: EntityManager): Promise<string> {
    const [row] = (await em.query(
      `INSERT INTO incidents (title, status, severity, opened_by, detection_reason, confirmed_at, confirmed_by)
       VALUES ($1, $2, $3, $4, $5, CASE WHEN $2 = 'open' THEN now() END, CASE WHEN $2 = 'open' THEN $4::uuid END)
       RETURNING id`,
      [incident.title, incident.status, incident.severity, incident.openedBy, incident.detectionReason],
    )) as Array<{ id: string }>;
    return row!.id;
  }

  async find(id: string, em?: EntityManager, lock = false): Promise<IncidentRecord | null> {
    if (lock) await this.db(em).query(`SELECT 1 FROM incidents WHERE id = $1 FOR UPDATE`, [id]);
    const [row] = (await this.db(em).query(`SELECT ${SUMMARY_COLUMNS} FROM incidents i WHERE i.id = $1`, [id])) as IncidentRow[];
    return row ? toRecord(row) : null;
  }

  /** Newest first; unresolved ones first of all. Dismissed ones only when asked for, and then only them (latest dismissed first). */
  async list(limit: number, dismissed = false, em?: EntityManager): Promise<IncidentRecord[]> {
    const rows = (await this.db(em).query(
      dismissed
        ? `SELECT ${SUMMARY_COLUMNS} FROM incidents i WHERE i.dismissed_at IS NOT NULL ORDER BY i.dismissed_at DESC LIMIT $1`
        : `SELECT ${SUMMARY_COLUMNS} FROM incidents i WHERE i.dismissed_at IS NULL ORDER BY (i.status = 'resolved'), i.opened_at DESC LIMIT $1`,
      [limit],
    )) as IncidentRow[];
    return rows.map(toRecord);
  }

  /** Confirmed incidents not yet resolved: what the public status shows. */
  async open(em?: EntityManager): Promise<IncidentRecord[]> {
    const rows = (await this.db(em).query(`SELECT ${SUMMARY_COLUMNS} FROM incidents i WHERE i.status = 'open' ORDER BY i.opened_at DESC`)) as IncidentRow[];
    return rows.map(toRecord);
  }

  /** A suspected incident agents found wrong: out of every live view; its links stay as history. */
  async dismiss(id: string, by: string, reason: string | null, em: EntityManager): Promise<void> {
    // A false alarm was no downtime either.
    await em.query(`UPDATE incidents SET dismissed_at = now(), dismissed_by = $2, dismiss_reason = $3, counts_as_downtime = false, updated_at = now() WHERE id = $1`, [id, by, reason]);
  }

  async update(
    id: string,
    patch: Partial<{ title: string; severity: Severity; status: IncidentStatus; confirmedBy: string | null; resolution: string; countsAsDowntime: boolean; nextUpdateDueAt: Date | null }>,
    em: EntityManager,
  ): Promise<void> {
    const sets: string[] = ['updated_at = now()'];
    const values: unknown[] = [id];
    const set = (column: string, value: unknown) => {
      values.push(value);
      sets.push(`${column} = $${values.length}`);
    };
    if (patch.title !== undefined) set('title', patch.title);
    if (patch.severity !== undefined) set('severity', patch.severity);
    if (patch.countsAsDowntime !== undefined) set('counts_as_downtime', patch.countsAsDowntime);
    if (patch.nextUpdateDueAt !== undefined) set('next_update_due_at', patch.nextUpdateDueAt);
    if (patch.resolution !== undefined) set('resolution', patch.resolution);
    if (patch.status !== undefined) {
      set('status', patch.status);
      if (patch.status === 'open') sets.push('confirmed_at = coalesce(confirmed_at, now())');
      if (patch.status === 'resolved') sets.push('resolved_at = now()', 'next_update_due_at = NULL');
    }
    if (patch.confirmedBy !== undefined) set('confirmed_by', patch.confirmedBy);
    await em.query(`UPDATE incidents SET ${sets.join(', ')} WHERE id = $1`, values);
  }

  /**
   * Links tickets that are in no incident yet; returns the ids it linked (a ticket belongs to one
   * incident). A ticket of a dismissed incident is in none that counts: it moves to this one.
   */
  async link(incidentId: string, links: readonly TicketLink[], em: EntityManager): Promise<string[]> {
    if (links.length === 0) return [];
    const { sql, params } = linkStatement(incidentId, links);
    const rows = (await em.query(sql, params)) as Array<{ ticket_id: string }>;
    return rows.map((row) => row.ticket_id);
  }

  /**
   * Links tickets as `link` does, but through a holding transaction (an intake group, a detection
   * run) they wait for its flush: one statement per incident for all of them. For tickets the
   * transaction knows no incident holds (just opened, or unlinked in what it read).
   */
  async linkNew(incidentId: string, links: readonly TicketLink[], em: EntityManager): Promise<void> {
    const rows = links.map((link) => ({ incidentId, link }));
    await this.writeBehind.write('incident_tickets', rows, (held) => linkStatements(held), em);
  }

  async unlink(incidentId: string, ticketIds: readonly string[], em: EntityManager): Promise<string[]> {
    if (ticketIds.length === 0) return [];
    const rows = (await em.query(`DELETE FROM incident_tickets WHERE incident_id = $1 AND ticket_id = ANY($2::uuid[]) RETURNING ticket_id`, [incidentId, ticketIds])) as Array<{
      ticket_id: string;
    }>;
    return rows.map((row) => row.ticket_id);
  }

  async linkedTickets(incidentId: string, em?: EntityManager): Promise<Array<LinkedTicket & { ticketId: string; tier: Tier }>> {
    const rows = (await this.db(em).query(
      `SELECT t.id, t.number, t.tier, t.channel, t.status, t.subject, coalesce(c.name, c.email, c.claimed_email, c.phone) AS customer,
              l.linked_at, a.name AS linked_by, l.reason, l.score
         FROM incident_tickets l JOIN tickets t ON t.id = l.ticket_id LEFT JOIN contacts c ON c.id = t.contact_id LEFT JOIN agents a ON a.id = l.linked_by
        WHERE l.incident_id = $1 ORDER BY l.linked_at, t.number`,
      [incidentId],
    )) as Array<{
      id: string;
      number: string;
      tier: Tier;
      channel: Channel;
      status: string;
      subject: string;
      customer: string | null;
      linked_at: Date;
      linked_by: string | null;
      reason: string;
      score: number | null;
    }>;
    return rows.map((row) => ({
      ticketId: row.id,
      tier: row.tier,
      number: row.number,
      channel: row.channel,
      status: row.status,
      subject: row.subject,
      customer: row.customer,
      linkedAt: row.linked_at.toISOString(),
      linkedBy: row.linked_by,
      reason: row.reason,
      score: row.score,
    }));
  }

  async insertUpdate(update: { incidentId: string; kind: 'update' | 'resolution'; body: string; authorId: string | null; authorName: string }, em: EntityManager): Promise<string> {
    const [row] = (await em.query(
      `INSERT INTO incident_updates (incident_id, kind, body, author_id, author_name) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [update.incidentId, update.kind, update.body, update.authorId, update.authorName],
    )) as Array<{ id: string }>;
    return row!.id;
  }

  async insertRecipients(
    updateId: string,
    recipients: ReadonlyArray<{ ticketId: string; channel: Channel; deliveryId: string | null; suppressedReason: string | null }>,
    em: EntityManager,
  ): Promise<void> {
    if (recipients.length === 0) return;
    await em.query(
      `INSERT INTO incident_update_recipients (update_id, ticket_id, channel, delivery_id, suppressed_reason)
       SELECT $1, r.ticket_id, r.channel, r.delivery_id, r.reason
         FROM unnest($2::uuid[], $3::text[], $4::uuid[], $5::text[]) AS r(ticket_id, channel, delivery_id, reason)
       ON CONFLICT DO NOTHING`,
      [updateId, recipients.map((r) => r.ticketId), recipients.map((r) => r.channel), recipients.map((r) => r.deliveryId), recipients.map((r) => r.suppressedReason)],
    );
  }

  /**
   * Tickets opened since `since` with the text of their first customer messages (a call's transcription follows its call card), newest first: the
   * reports detection compares. `limit` bounds the work per new report in a surge.
   */
  async recentReports(since: Date, limit: number, em: EntityManager): Promise<ReportRow[]> {
    return (await em.query(
      `SELECT t.id, t.contact_id, t.severity, t.created_at, ${REPORT_SUBJECT}, l.incident_id, m.text
         FROM tickets t
         LEFT JOIN incident_tickets l ON l.ticket_id = t.id
         ${REPORT_TEXT}
        WHERE t.created_at >= $1 AND t.status <> 'merged'
        ORDER BY t.created_at DESC LIMIT $2`,
      [since, limit],
    )) as ReportRow[];
  }

  /**
   * Every unresolved incident (or only the confirmed ones) with its latest `limit` reports, in one
   * statement: detection runs it for every new report, and one query per incident would grow with
   * the outage. Newest incident first.
   */
  async unresolvedWithReports(limit: number, em: EntityManager, onlyOpen = false): Promise<Array<{ incident: Pick<IncidentRecord, 'id' | 'title' | 'status' | 'severity'>; reports: ReportRow[] }>> {
    const rows = (await em.query(
      `SELECT i.id AS incident, i.title, i.status, i.severity, r.id, r.contact_id, r.severity AS report_severity, r.created_at, r.subject, r.text
         FROM incidents i
         LEFT JOIN LATERAL (
           SELECT t.id, t.contact_id, t.severity, t.created_at, ${REPORT_SUBJECT}, m.text, l.linked_at
             FROM incident_tickets l JOIN tickets t ON t.id = l.ticket_id
             ${REPORT_TEXT}
            WHERE l.incident_id = i.id ORDER BY l.linked_at DESC LIMIT $1) r ON true
        WHERE i.status <> 'resolved' AND i.dismissed_at IS NULL AND (NOT $2 OR i.status = 'open')
        ORDER BY i.opened_at DESC, i.id, r.linked_at DESC`,
      [limit, onlyOpen],
    )) as Array<{ incident: string; title: string; status: IncidentStatus; severity: number; id: string | null; contact_id: string; report_severity: number; created_at: Date; subject: string; text: string | null }>;
    const incidents = new Map<string, { incident: Pick<IncidentRecord, 'id' | 'title' | 'status' | 'severity'>; reports: ReportRow[] }>();
    for (const row of rows) {
      let entry = incidents.get(row.incident);
      if (!entry) incidents.set(row.incident, (entry = { incident: { id: row.incident, title: row.title, status: row.status, severity: row.severity as Severity }, reports: [] }));
      if (row.id) entry.reports.push({ id: row.id, contact_id: row.contact_id, severity: row.report_severity, created_at: row.created_at, subject: row.subject, incident_id: row.incident, text: row.text });
    }
    return [...incidents.values()];
  }

  /** Tickets opened in [from, to): how busy the desk usually is, to tell a surge. */
  async ticketsOpenedBetween(from: Date, to: Date, em: EntityManager): Promise<number> {
    const [row] = (await em.query(`SELECT count(*)::int AS count FROM tickets WHERE created_at >= $1 AND created_at < $2`, [from, to])) as Array<{ count: number }>;
    return row?.count ?? 0;
  }

  /** One detection at a time across workers, so one failure opens one suspected incident. */
  async lockDetection(em: EntityManager): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('incident-detection'))`);
  }

  async latestUpdate(incidentId: string): Promise<{ at: string; body: string } | null> {
    const [row] = (await this.dataSource.query(`SELECT body, created_at FROM incident_updates WHERE incident_id = $1 ORDER BY created_at DESC LIMIT 1`, [incidentId])) as Array<{
      body: string;
      created_at: Date;
    }>;
    return row ? { at: row.created_at.toISOString(), body: row.body } : null;
  }

  /** The timeline: each update with how many it went to, and which customers it did not reach. */
  async updates(incidentId: string, em?: EntityManager): Promise<IncidentUpdateView[]> {
    const rows = (await this.db(em).query(
      `SELECT u.id, u.kind, u.body, u.author_name, u.created_at,
              count(r.ticket_id)::int AS recipients,
              count(*) FILTER (WHERE d.status = 'sent')::int AS sent,
              count(*) FILTER (WHERE d.status = 'pending')::int AS pending,
              coalesce(json_agg(json_build_object('ticketNumber', t.number, 'channel', r.channel, 'reason', coalesce(r.suppressed_reason, d.last_error, d.status)))
                FILTER (WHERE r.delivery_id IS NULL OR d.status IN ('failed', 'held')), '[]') AS not_reached
         FROM incident_updates u
         LEFT JOIN incident_update_recipients r ON r.update_id = u.id
         LEFT JOIN outbound_deliveries d ON d.id = r.delivery_id
         LEFT JOIN tickets t ON t.id = r.ticket_id
        WHERE u.incident_id = $1
        GROUP BY u.id ORDER BY u.created_at`,
      [incidentId],
    )) as Array<{ id: string; kind: 'update' | 'resolution'; body: string; author_name: string; created_at: Date; recipients: number; sent: number; pending: number; not_reached: IncidentUpdateView['notReached'] }>;
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      body: row.body,
      authorName: row.author_name,
      createdAt: row.created_at.toISOString(),
      recipients: row.recipients,
      sent: row.sent,
      pending: row.pending,
      failed: row.not_reached.length,
      notReached: row.not_reached,
    }));
  }
}

/**
 * Links tickets to an incident; a ticket already linked moves only from a dismissed one (its false
 * alarm), and stays where it is otherwise. Returns the ids of the tickets it linked.
 */
function linkStatement(incidentId: string, links: readonly TicketLink[]): SqlStatement {
  return {
    sql: `INSERT INTO incident_tickets (incident_id, ticket_id, reason, score, linked_by)
          SELECT $1, link.ticket_id, link.reason, link.score, link.linked_by
            FROM unnest($2::uuid[], $3::text[], $4::real[], $5::uuid[]) AS link(ticket_id, reason, score, linked_by)
          ON CONFLICT (ticket_id) DO UPDATE
            SET incident_id = EXCLUDED.incident_id, linked_at = now(), linked_by = EXCLUDED.linked_by, reason = EXCLUDED.reason, score = EXCLUDED.score
            WHERE EXISTS (SELECT 1 FROM incidents d WHERE d.id = incident_tickets.incident_id AND d.dismissed_at IS NOT NULL)
          RETURNING ticket_id`,
    params: [incidentId, links.map((link) => link.ticketId), links.map((link) => link.reason), links.map((link) => link.score), links.map((link) => link.linkedBy)],
  };
}

/** One link statement per incident for held links. */
function linkStatements(rows: Array<{ incidentId: string; link: TicketLink }>): SqlStatement[] {
  return [...new Set(rows.map((row) => row.incidentId))].map((incidentId) =>
    linkStatement(
      incidentId,
      rows.filter((row) => row.incidentId === incidentId).map((row) => row.link),
    ),
  );
}
