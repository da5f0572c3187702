import { describe, expect, it } from '@jest/globals';
import { describeEvent, omittedAttachmentLabel, QUIET_EVENTS, reportGroupLabel } from './labels.js';
import type { TicketEvent } from './types.js';

const event = (type: string, data: Record<string, unknown>): TicketEvent => ({ id: '1', type, actorType: 'system', actorId: null, data, createdAt: '2026-03-02T10:00:00.000Z' });

describe('describeEvent (every notice kind)', () => {
  it('should show every kind of notice queued, sent or suppressed in Spanish, or keep it quiet (its message shows it)', () => {
    // OutboundKind (libs/channels/src/contract/outbound-message.ts)
    const kinds = ['confirmation', 'reply', 'severity_change', 'resolution', 'status_update', 'verification', 'survey'];
    for (const kind of kinds) {
      for (const type of [`${kind}_queued`, `${kind}_suppressed`]) {
        if (QUIET_EVENTS.has(type)) continue;
        expect(describeEvent(event(type, { channel: 'email', reason: 'no_address' }))).not.toContain('Otro evento del ticket');
      }
    }
  });
});

describe('describeEvent (deliveries)', () => {
  it('should say where a confirmation went in correct Spanish: "al chat", "a" an address', () => {
    expect(describeEvent(event('confirmation_sent', { channel: 'chat', recipient: 'conv-1' }))).toBe('Confirmación enviada al chat del cliente');
    expect(describeEvent(event('confirmation_sent', { channel: 'email', recipient: 'ana@cliente.mx' }))).toBe('Confirmación enviada a ana@cliente.mx');
  });
});

describe('describeEvent (tickets coming back down the tiers)', () => {
  it('should say who sent a ticket back, between which tiers and why, and that it went back to whoever escalated it', () => {
    expect(describeEvent(event('sent_back', { from: 'L3', to: 'L2', reason: 'No es un defecto: el CSD venció', by: 'Diego Desarrollo' }))).toBe(
      'Diego Desarrollo devolvió el ticket de L3 a L2: No es un defecto: el CSD venció',
    );
    expect(describeEvent(event('assigned', { assigneeName: 'Omar Operaciones', by: 'Diego Desarrollo', handedBack: true }))).toBe(
      'El ticket regresó a Omar Operaciones, quien lo había escalado',
    );
    expect(describeEvent(event('assigned', { assigneeName: 'Omar Operaciones', by: 'Ana Help Desk' }))).toBe('Ana Help Desk asignó el ticket a Omar Operaciones');
    const taken: TicketEvent = { ...event('assigned', { assigneeId: 'ana-id', assigneeName: 'Ana Help Desk', by: 'Ana Help Desk' }), actorType: 'agent', actorId: 'ana-id' };
    expect(describeEvent(taken)).toBe('Ana Help Desk tomó el ticket');
  });
});

describe('describeEvent (undeliverable addresses and mail limits)', () => {
  it('should name the one address a bounce was about, and say it was permanent', () => {
    expect(describeEvent(event('delivery_bounced', { recipient: 'ana@cliente.mx', permanent: true, diagnostic: 'smtp; 550 5.1.1 user unknown' }))).toBe(
      'Rebotó el correo enviado a ana@cliente.mx (falla permanente): smtp; 550 5.1.1 user unknown',
    );
  });

  it('should say the address was left alone when the report does not name it', () => {
    expect(describeEvent(event('delivery_bounced', { recipient: 'ana@cliente.mx', permanent: true, notMarkedReason: 'recipient_not_in_report' }))).toBe(
      'Rebotó el correo enviado a ana@cliente.mx (falla permanente). La dirección no se marcó: el aviso no la menciona',
    );
  });

  it('should tell the agent in Spanish that mail to the address stops, and when it resumes', () => {
    expect(describeEvent(event('email_marked_undeliverable', { address: 'ana@cliente.mx' }))).toMatch(/^La dirección ana@cliente\.mx quedó marcada como no entregable/);
    expect(describeEvent(event('email_mark_cleared', { address: 'ana@cliente.mx', reason: 'customer_mail' }))).toBe(
      'La dirección ana@cliente.mx vuelve a recibir correos (el cliente escribió desde ella)',
    );
    expect(describeEvent(event('email_mark_cleared', { address: 'ana@cliente.mx', reason: 'delivered_send' }))).toContain('se entregó un envío');
  });

  it('should explain a suppressed reply in Spanish instead of showing the code', () => {
    const line = describeEvent(event('reply_suppressed', { reason: 'address_undeliverable', channel: 'email' }));
    expect(line).toMatch(/^Mensaje no enviado por Correo: su dirección de correo rebotó/);
    expect(line).not.toContain('address_undeliverable');
  });

  it('should say why a mail joined the ticket when the sender reached the ticket limit', () => {
    expect(describeEvent(event('ticket_limit_reached', { limit: 10, openedLastHour: 10 }))).toBe(
      'Correo agregado a este ticket en lugar de abrir uno nuevo: el remitente ya abrió 10 tickets por correo en la última hora (límite: 10)',
    );
  });
});

describe('Spanish wording', () => {
  it('should say "al chat" when a message was delivered to the customer’s chat', () => {
    expect(describeEvent(event('reply_sent', { channel: 'chat', recipient: 'conv-1234' }))).toBe('Mensaje entregado al chat del cliente');
    expect(describeEvent(event('reply_sent', { channel: 'email', recipient: 'ana@cliente.mx' }))).toBe('Mensaje entregado a ana@cliente.mx');
  });

  it('should say in Spanish why a delivery was held or a breach not escalated when the server said it in English', () => {
    expect(describeEvent(event('delivery_held', { reason: 'SMTP_URL is not set' }))).toBe('Envío retenido: no hay servidor de correo configurado (SMTP_URL)');
    expect(describeEvent(event('delivery_held', { reason: 'no hay cuenta de Twilio configurada (TWILIO_AUTH_TOKEN)' }))).toBe(
      'Envío retenido: no hay cuenta de Twilio configurada (TWILIO_AUTH_TOKEN)',
    );
    expect(describeEvent(event('sla_breach_not_escalated', { reason: 'L3 Development is the last tier' }))).toBe(
      'Venció el plazo de solución; no se escaló (L3 (Desarrollo) es el último nivel: no se escala más.)',
    );
    expect(describeEvent(event('severity_confirmed', { severity: 2, by: 'Ana' }))).toBe('Ana confirmó la severidad propuesta (2)');
  });

  it('should name report groups in Spanish when the API gives channel, severity and tier keys', () => {
    expect(reportGroupLabel('channel', 'email')).toBe('Canal Correo');
    expect(reportGroupLabel('channel', 'phone')).toBe('Canal Teléfono');
    expect(reportGroupLabel('tier', 'L2')).toBe('Nivel L2 · Operaciones');
    expect(reportGroupLabel('severity', '0')).toMatch(/^Severidad Sev 0 · /);
    expect(reportGroupLabel('all', 'all')).toBe('Total');
  });
});

describe('data lifecycle in the timeline', () => {
  it('should say an attachment was deleted by retention or by an ARCO request, and not kept otherwise', () => {
    expect(omittedAttachmentLabel('retention')).toBe('eliminado por retención');
    expect(omittedAttachmentLabel('erasure')).toBe('eliminado por solicitud ARCO');
    expect(omittedAttachmentLabel('larger than 10485760 bytes')).toBe('no guardado');
  });

  it('should describe retention and erasure entries of the log in Spanish', () => {
    expect(describeEvent(event('attachments_expired', { attachments: 2, bytes: 10, rawMails: 1, retentionDays: 180 }))).toBe(
      'Adjuntos eliminados por retención: 2 (180 días después de resolverse)',
    );
    expect(describeEvent(event('recording_expired', { calls: ['CA1'], retentionDays: 90 }))).toBe('Grabación de la llamada eliminada por retención (90 días después de resolverse)');
    expect(describeEvent({ ...event('contact_erased', { by: 'Admin Uno' }), actorType: 'agent' })).toBe('Admin Uno eliminó los datos personales del cliente (solicitud ARCO)');
  });
});

describe('describeEvent (incidents)', () => {
  it('should say who linked the ticket to an incident and why, when detection or an agent links it', () => {
    expect(describeEvent(event('incident_linked', { by: 'Ventanilla', reason: 'se parece a 4 reportes (puntaje 0.52)' }))).toBe(
      'Ventanilla vinculó el ticket a un incidente: se parece a 4 reportes (puntaje 0.52)',
    );
    expect(describeEvent(event('incident_linked', { by: 'Ventanilla', atIntake: true, reason: 'mismo error: 500' }))).toBe('Ventanilla vinculó el ticket a un incidente al recibirlo: mismo error: 500');
    expect(describeEvent(event('incident_unlinked', { by: 'Ana Help Desk' }))).toBe('Ana Help Desk desvinculó el ticket del incidente');
    expect(describeEvent(event('incident_update_sent', { by: 'Ana Help Desk' }))).toBe('Ana Help Desk envió una actualización del incidente al cliente');
  });

  it('should say who dismissed the incident the ticket was linked to, and why when they said', () => {
    expect(describeEvent(event('incident_dismissed', { by: 'Ana Help Desk', reason: 'son fallas distintas' }))).toBe(
      'Ana Help Desk descartó el posible incidente del ticket (no era una misma falla): son fallas distintas',
    );
    expect(describeEvent(event('incident_dismissed', { by: 'Ana Help Desk' }))).toBe('Ana Help Desk descartó el posible incidente del ticket (no era una misma falla)');
  });
});
