import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RETENTION_OMITTED_REASON } from './retention-policy.js';

export interface ExpiredAttachments {
  ticketId: string;
  attachments: number;
  bytes: number;
  /** Raw copies of the ticket's mail and of its chat messages with files (which hold the files too) dropped. */
  rawMails: number;
}

// The ticket's mail (items linked to it, and the items its messages came from: a merge moves messages,
// not items), and the chat items that carried a customer's file (the file rides in the item, base64).
const TICKET_MAIL_ITEMS = `
  raw IS NOT NULL AND (
    (channel = 'email'
     AND (ticket_id = ANY($1::uuid[]) OR id IN (SELECT inbound_item_id FROM messages WHERE ticket_id = ANY($1::uuid[]) AND inbound_item_id IS NOT NULL)))
    OR (channel = 'chat'
     AND id IN (SELECT m.inbound_item_id FROM messages m JOIN attachments a ON a.message_id = m.id WHERE m.ticket_id = ANY($1::uuid[]))))`;

/** Attachments of tickets resolved long enough ago: their content goes, what they were stays. */
@Injectable()
export class AttachmentRetentionRepository {
  /**
   * Deletes the content of these tickets' attachments and the raw copies of their mail; filename,
   * type, size and checksum stay, and `omitted_reason` says why. In the caller's transaction.
   */
  async expire(ticketIds: string[], em: EntityManager): Promise<ExpiredAttachments[]> {
    if (ticketIds.length === 0) return [];
    const [files] = (await em.query(
      `UPDATE attachments a SET content = NULL, omitted_reason = $2
         FROM messages m
        WHERE a.message_id = m.id AND m.ticket_id = ANY($1::uuid[]) AND a.content IS NOT NULL
        RETURNING m.ticket_id, a.size_bytes`,
      [ticketIds, RETENTION_OMITTED_REASON],
    )) as [Array<{ ticket_id: string; size_bytes: number }>, number];
    const [mails] = (await em.query(`UPDATE inbound_items SET raw = NULL WHERE ${TICKET_MAIL_ITEMS} RETURNING ticket_id`, [ticketIds])) as [
      Array<{ ticket_id: string | null }>,
      number,
    ];
    return ticketIds.map((ticketId) => {
      const mine = files.filter((file) => file.ticket_id === ticketId);
      return {
        ticketId,
        attachments: mine.length,
        bytes: mine.reduce((sum, file) => sum + Number(file.size_bytes), 0),
        rawMails: mails.filter((mail) => mail.ticket_id === ticketId).length,
      };
    });
  }
}
