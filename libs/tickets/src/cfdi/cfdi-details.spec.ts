import { describe, expect, it } from '@jest/globals';
import { mergeCfdiDetails, readCfdiDetails } from './cfdi-details.js';

const xml = (uuid: string) =>
  Buffer.from(`<cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/4" Version="4.0" Total="50.00">
    <cfdi:Emisor Rfc="SAT970701NN3"/><cfdi:Receptor Rfc="XAXX010101000"/>
    <cfdi:Complemento><tfd:TimbreFiscalDigital xmlns:tfd="http://www.sat.gob.mx/TimbreFiscalDigital" UUID="${uuid}"/></cfdi:Complemento>
  </cfdi:Comprobante>`);

describe('readCfdiDetails', () => {
  it('should add what attached CFDIs say to what the text says, and say which XML it could not read', () => {
    const details = readCfdiDetails('Les adjunto la factura, me da CFDI40145', [
      { filename: 'factura.xml', contentType: 'application/xml', content: xml('aaaaaaaa-1111-4111-8111-111111111111') },
      { filename: 'foto.png', contentType: 'image/png', content: Buffer.from('png') },
      { filename: 'raro.xml', contentType: 'text/xml', content: Buffer.from('<!DOCTYPE x><x/>') },
    ]);
    expect(details).toMatchObject({
      rfc: ['SAT970701NN3', 'XAXX010101000'],
      uuid: ['AAAAAAAA-1111-4111-8111-111111111111'],
      satCodes: ['CFDI40145'],
      documents: [expect.objectContaining({ total: '50.00' })],
      skippedXml: [{ filename: 'raro.xml', reason: 'dtd_not_allowed' }],
    });
  });
});

describe('mergeCfdiDetails', () => {
  it('should keep each value once across the messages of a ticket', () => {
    const first = readCfdiDetails('UUID aaaaaaaa-1111-4111-8111-111111111111, RFC SAT970701NN3', []);
    const second = readCfdiDetails('otra vez', [{ filename: 'f.xml', contentType: 'application/xml', content: xml('aaaaaaaa-1111-4111-8111-111111111111') }]);
    const merged = mergeCfdiDetails([first, second]);
    expect(merged.uuid).toEqual(['AAAAAAAA-1111-4111-8111-111111111111']);
    expect(merged.rfc).toEqual(['SAT970701NN3', 'XAXX010101000']);
    expect(merged.documents).toHaveLength(1);
  });
});
