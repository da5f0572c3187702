import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CustomerStack, mobileNumber } from '../../../test/support/customer-stack.js';
import { eventually } from '../../../test/support/eventually.js';
import { customerAddress } from '../../../test/support/mail-builder.js';

interface AttachmentJson {
  id: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  omittedReason: string | null;
  url: string | null;
}
interface TicketJson {
  number: string;
  messages: Array<{ direction: string; text: string; attachments: AttachmentJson[] }>;
  events: Array<{ type: string; data: Record<string, unknown> }>;
  callbackRequested: boolean;
}

const INTERVAL_MS = 300;

describe('retention: attachments and recording links of tickets resolved long ago (worker, sla role)', () => {
  let stack: CustomerStack;

  const ticket = async (number: string) => (await stack.api.get<TicketJson>(`/api/tickets/${number}`)).body;
  const attachmentOf = async (number: string) => (await ticket(number)).messages.flatMap((message) => message.attachments)[0]!;
  const download = async (url: string) => {
    const response = await fetch(`${stack.base}${url}`, { headers: { authorization: `Bearer ${stack.api.accessToken}` } });
    return Buffer.from(await response.arrayBuffer());
  };
  const rawCopies = async (number: string, channel: string) =>
    (
      await stack.env.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM inbound_items i JOIN tickets t ON t.id = i.ticket_id WHERE t.number = $1 AND i.channel = $2 AND i.raw IS NOT NULL`,
        [number, channel],
      )
    )[0]!.count;
  const eventsOfType = async (number: string, type: string) => (await ticket(number)).events.filter((event) => event.type === type);
  /** Resolves the ticket through the API, then moves its resolution back in time by `days` (minus a minute, or plus). */
  const resolvedDaysAgo = async (number: string, days: number, slackMinutes: number) => {
    expect((await stack.api.post(`/api/tickets/${number}/resolve`, { resolution: 'Quedó resuelto con el cliente' })).status).toBe(200);
    await stack.env.query(`UPDATE tickets SET resolved_at = now() - make_interval(days => $2) + make_interval(mins => $3) WHERE number = $1`, [
      number,
      days,
      slackMinutes,
    ]);
  };
  const mailWithFile = (label: string, file: Buffer) =>
    stack.mail({
      from: customerAddress(label),
      subject: `Error al timbrar (${label})`,
      text: 'Adjunto la captura del error que aparece al timbrar.',
      attachments: [{ filename: `captura-${label}.png`, contentType: 'image/png', content: file }],
    });

  beforeAll(async () => {
    stack = await CustomerStack.start('retention', {
      RETENTION_ATTACHMENT_DAYS: '30',
      RETENTION_RECORDING_DAYS: '7',
      RETENTION_INTERVAL_MS: String(INTERVAL_MS),
    });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('should delete the attachments and raw mail of a ticket resolved over RETENTION_ATTACHMENT_DAYS ago, once, and keep those of recent or open tickets', async () => {
    const files = { old: randomBytes(3_000), recent: randomBytes(2_000), open: randomBytes(1_000) };
    const old = await mailWithFile('vieja', files.old);
    const recent = await mailWithFile('reciente', files.recent);
    const open = await mailWithFile('abierta', files.open);
    await resolvedDaysAgo(old.ticketNumber, 30, -1);
    await resolvedDaysAgo(recent.ticketNumber, 30, 1);
    // Open for a long time, never resolved: its files are still in use.
    await stack.env.query(`UPDATE tickets SET created_at = now() - interval '400 days' WHERE number = $1`, [open.ticketNumber]);

    const expired = await eventually(
      async () => {
        const attachment = await attachmentOf(old.ticketNumber);
        return attachment.omittedReason ? attachment : undefined;
      },
      { what: 'the old ticket’s attachment to expire' },
    );
    // What the file was stays; its content is gone from the attachment and from the raw mail.
    expect(expired).toMatchObject({ filename: 'captura-vieja.png', contentType: 'image/png', sizeBytes: 3_000, omittedReason: 'retention', url: null });
    expect(await stack.env.query(`SELECT 1 FROM attachments WHERE id = $1 AND content IS NULL AND sha256 IS NOT NULL`, [expired.id])).toHaveLength(1);
    expect(await rawCopies(old.ticketNumber, 'email')).toBe(0);
    expect((await eventsOfType(old.ticketNumber, 'attachments_expired')).map((event) => event.data)).toEqual([
      { attachments: 1, bytes: 3_000, rawMails: 1, retentionDays: 30 },
    ]);

    for (const [kept, file] of [
      [recent, files.recent],
      [open, files.open],
    ] as const) {
      const attachment = await attachmentOf(kept.ticketNumber);
      expect(attachment.omittedReason).toBeNull();
      expect((await download(attachment.url!)).equals(file)).toBe(true);
      expect(await rawCopies(kept.ticketNumber, 'email')).toBe(1);
    }

    // Later runs find nothing more to do: no second entry, no second audit event.
    const audits = await stack.env.query<{ details: { attachments: { files: number } } }>(`SELECT details FROM audit_events WHERE action = 'retention_applied'`);
    expect(audits.map((audit) => audit.details.attachments.files)).toEqual([1]);
    await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS * 4));
    expect(await eventsOfType(old.ticketNumber, 'attachments_expired')).toHaveLength(1);
    expect(await stack.env.query(`SELECT 1 FROM audit_events WHERE action = 'retention_applied'`)).toHaveLength(1);
  });

  it('should forget the recording link of a call resolved over RETENTION_RECORDING_DAYS ago everywhere it was written, and keep a recent one', async () => {
    const old = await stack.call(mobileNumber(), 'Se cayó el portal al cancelar una factura.');
    const recent = await stack.call(mobileNumber(), 'No llegan los correos con el XML.');
    expect((await ticket(old.ticketNumber)).messages[0]!.text).toContain(old.call.recordingUrl);
    await resolvedDaysAgo(old.ticketNumber, 7, -1);
    await resolvedDaysAgo(recent.ticketNumber, 7, 1);

    await eventually(async () => (await eventsOfType(old.ticketNumber, 'recording_expired')).length === 1, { what: 'the old call’s recording to expire' });
    const view = await ticket(old.ticketNumber);
    const card = view.messages.find((message) => message.direction === 'inbound')!.text;
    expect(card).not.toContain(old.call.recordingUrl);
    expect(card).toContain('Grabación (42 s): eliminada por retención');
    expect(card).toContain('Transcripción: «Se cayó el portal al cancelar una factura.»');
    // Forgetting the link does not turn the call into a missed one.
    expect(view.callbackRequested).toBe(false);
    expect(view.events.find((event) => event.type === 'call_recording_received')!.data).toMatchObject({ recordingSid: old.call.recordingSid, url: null });
    expect(view.events.find((event) => event.type === 'recording_expired')!.data).toEqual({ calls: [old.call.callSid], retentionDays: 7 });
    expect(await stack.env.query(`SELECT 1 FROM phone_calls WHERE call_sid = $1 AND recording_url IS NULL AND recording_status = 'deleted' AND NOT missed`, [old.call.callSid])).toHaveLength(1);
    expect(await rawCopies(old.ticketNumber, 'phone')).toBe(0);
    const anywhere = await stack.env.query(
      `SELECT 1 FROM messages WHERE text LIKE '%' || $1 || '%'
       UNION ALL SELECT 1 FROM ticket_events WHERE data::text LIKE '%' || $1 || '%'
       UNION ALL SELECT 1 FROM phone_calls WHERE recording_url = $1`,
      [old.call.recordingUrl],
    );
    expect(anywhere).toEqual([]);

    const kept = await ticket(recent.ticketNumber);
    expect(kept.messages[0]!.text).toContain(recent.call.recordingUrl);
    expect(kept.events.map((event) => event.type)).not.toContain('recording_expired');
    expect(await rawCopies(recent.ticketNumber, 'phone')).toBeGreaterThan(0);
  });
});
