import { describe, expect, it } from '@jest/globals';
import { renderConfirmation, type ConfirmationInput } from './confirmation.template.js';

const input: ConfirmationInput = {
  channel: 'chat',
  ticketNumber: 'IF-000123',
  severity: 2,
  customerName: 'Lucía',
  originalSubject: 'No puedo descargar el XML',
  attentionDueAt: new Date('2026-12-04T14:00:00Z'),
  solutionDueAt: new Date('2026-12-05T14:00:00Z'),
  attentionMinutes: 120,
  solutionMinutes: 1440,
};

describe('renderConfirmation', () => {
  it('should say a verification link went to the address when one was mailed', () => {
    const confirmation = renderConfirmation({ ...input, verificationSentTo: 'lucia@cliente.example' });
    expect(confirmation.text).toContain('Te enviamos un enlace a lucia@cliente.example para confirmar que ese correo es tuyo.');
    expect(confirmation.html).toContain('Te enviamos un enlace a lucia@cliente.example');
  });

  it('should not mention a verification when none was mailed', () => {
    expect(renderConfirmation(input).text).not.toContain('enlace');
  });
});
