import { describe, expect, it } from '@jest/globals';
import { renderResolution } from './ticket-notices.template.js';

describe('renderResolution', () => {
  const resolution = (channel: 'email' | 'chat' | 'phone') =>
    renderResolution({ ticketNumber: 'IF-000042', resolution: 'Se corrigió el RFC del receptor.', agentName: 'Lucía', channel }).text;

  it('should tell a mail or chat customer to answer the message to reopen the ticket', () => {
    for (const channel of ['email', 'chat'] as const) {
      expect(resolution(channel)).toContain('Tu ticket IF-000042 quedó resuelto.');
      expect(resolution(channel)).toContain('responde a este mensaje y reabriremos el ticket');
    }
  });

  it('should tell a phone customer to call and give the number, since an SMS cannot be answered', () => {
    expect(resolution('phone')).toContain('llámanos de nuevo, marca 4 y teclea el número de tu ticket');
    expect(resolution('phone')).not.toContain('responde');
  });
});
