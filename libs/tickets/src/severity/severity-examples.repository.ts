import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Severity } from './severity.js';

/** A labelled example made by an agent's decision on a ticket's severity, as exported for training. */
export interface SeverityExampleRow {
  id: string;
  ticketNumber: string;
  channel: string;
  subject: string | null;
  text: string;
  proposed: Severity | null;
  decided: Severity;
  agentName: string;
  modelVersion: string | null;
  createdAt: Date;
}

/** What L1 decided about proposed severities: the examples the next training includes. */
@Injectable()
export class SeverityExamplesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Records `decided` for a ticket, with the customer's first message, what the classifier first
   * proposed (its `severity_set` event) and the model version; one statement, in the caller's
   * transaction. A ticket without a message of the customer (a silent call) makes no example.
   */
  async record(ticketId: string, decided: Severity, agent: { id: string; name: string }, em: EntityManager): Promise<void> {
    await em.query(
      `INSERT INTO severity_examples (ticket_id, channel, subject, text, proposed, decided, agent_id, agent_name, model_version)
       SELECT t.id, t.channel, t.subject, m.text,
              (SELECT (e.data ->> 'suggested')::smallint FROM ticket_events e WHERE e.ticket_id = t.id AND e.type = 'severity_set' ORDER BY e.created_at LIMIT 1),
              $2, $3, $4, t.severity_model_version
         FROM tickets t
         JOIN LATERAL (SELECT text FROM messages WHERE ticket_id = t.id AND direction = 'inbound' AND NOT automated AND text <> ''
                        ORDER BY created_at LIMIT 1) m ON true
        WHERE t.id = $1`,
      [ticketId, decided, agent.id, agent.name],
    );
  }

  /** Every example since `since` (all when absent), oldest first. */
  async since(since?: Date): Promise<SeverityExampleRow[]> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT x.id, t.number, x.channel, x.subject, x.text, x.proposed, x.decided, x.agent_name, x.model_version, x.created_at
         FROM severity_examples x JOIN tickets t ON t.id = x.ticket_id
        WHERE $1::timestamptz IS NULL OR x.created_at >= $1
        ORDER BY x.created_at`,
      [since ?? null],
    );
    return rows.map((row) => ({
      id: String(row.id),
      ticketNumber: String(row.number),
      channel: String(row.channel),
      subject: (row.subject as string | null) ?? null,
      text: String(row.text),
      proposed: row.proposed === null ? null : (Number(row.proposed) as Severity),
      decided: Number(row.decided) as Severity,
      agentName: String(row.agent_name),
      modelVersion: (row.model_version as string | null) ?? null,
      createdAt: row.created_at as Date,
    }));
  }
}
