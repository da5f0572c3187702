import { describe, expect, it } from '@jest/globals';
import { readBounceReport } from './bounce-report.js';

const dsn = (status: string, action: string) =>
  [
    'Message-ID: <bounce-1@mx.example.com>',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
    '',
    '--b',
    'Content-Type: message/delivery-status',
    '',
    'Final-Recipient: rfc822; Ana@Cliente.mx',
    `Action: ${action}`,
    `Status: ${status}`,
    'Diagnostic-Code: smtp; 550 5.1.1 <ana@cliente.mx>:',
    '    user unknown',
    '--b',
    'Content-Type: text/rfc822-headers',
    '',
    'Message-ID: <abc.ventanilla@interfactura.com>',
    '--b--',
  ].join('\r\n');

describe('readBounceReport', () => {
  it('should find the bounced Message-ID, the recipient and a permanent failure when the status is 5.x.x', () => {
    expect(readBounceReport(dsn('5.1.1', 'failed'), 'bounce-1@mx.example.com')).toEqual({
      originalMessageIds: ['abc.ventanilla@interfactura.com'],
      failedRecipients: ['ana@cliente.mx'],
      permanent: true,
      diagnostic: 'smtp; 550 5.1.1 <ana@cliente.mx>: user unknown',
    });
  });

  it('should call a delay warning (4.x.x, delayed) transient so the address stays usable', () => {
    expect(readBounceReport(dsn('4.2.2', 'delayed'), 'bounce-1@mx.example.com').permanent).toBe(false);
  });

  it('should read X-Failed-Recipients when a mailer gives no delivery-status part', () => {
    const report = readBounceReport('X-Failed-Recipients: luis@cliente.mx\r\n\r\nMail delivery failed', undefined);
    expect(report.failedRecipients).toEqual(['luis@cliente.mx']);
  });
});
