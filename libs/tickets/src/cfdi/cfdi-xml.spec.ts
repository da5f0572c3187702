import { describe, expect, it } from '@jest/globals';
import { CFDI_XML_MAX_BYTES, readCfdiXml } from './cfdi-xml.js';

const cfdi40 = (complemento = TIMBRE) => `<?xml version="1.0" encoding="UTF-8"?>
<cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/4" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  Version="4.0" Serie="A" Folio="1021" Fecha="2026-11-30T10:15:00" SubTotal="1000.00" Moneda="MXN" Total="1160.00"
  TipoDeComprobante="I" Exportacion="01" LugarExpedicion="64000">
  <cfdi:Emisor Rfc="SAT970701NN3" Nombre="SERVICIO DE ADMINISTRACION TRIBUTARIA" RegimenFiscal="603"/>
  <cfdi:Receptor Rfc="cfe370814qi0" Nombre="COMISION FEDERAL DE ELECTRICIDAD" DomicilioFiscalReceptor="06500" RegimenFiscalReceptor="601" UsoCFDI="G03"/>
  <cfdi:Conceptos><cfdi:Concepto ClaveProdServ="01010101" Cantidad="1" ClaveUnidad="ACT" Descripcion="Servicio" ValorUnitario="1000.00" Importe="1000.00" ObjetoImp="01"/></cfdi:Conceptos>
  ${complemento}
</cfdi:Comprobante>`;
const TIMBRE = `<cfdi:Complemento><tfd:TimbreFiscalDigital xmlns:tfd="http://www.sat.gob.mx/TimbreFiscalDigital" Version="1.1"
  UUID="5d3a9c21-8b4e-4f0a-9c3d-2e1f0a9b8c7d" FechaTimbrado="2026-11-30T10:15:05" RfcProvCertif="SAT970701NN3" SelloCFD="x" NoCertificadoSAT="1" SelloSAT="y"/></cfdi:Complemento>`;

describe('readCfdiXml', () => {
  it('should read emisor, receptor, total, fecha, serie, folio and the stamp UUID of a CFDI 4.0', () => {
    expect(readCfdiXml(Buffer.from(cfdi40()))).toEqual({
      kind: 'cfdi',
      document: {
        version: '4.0',
        uuid: '5D3A9C21-8B4E-4F0A-9C3D-2E1F0A9B8C7D',
        emisor: { rfc: 'SAT970701NN3', nombre: 'SERVICIO DE ADMINISTRACION TRIBUTARIA' },
        receptor: { rfc: 'CFE370814QI0', nombre: 'COMISION FEDERAL DE ELECTRICIDAD' },
        total: '1160.00',
        fecha: '2026-11-30T10:15:00',
        serie: 'A',
        folio: '1021',
      },
    });
  });

  it('should read a CFDI 3.3 (its own namespace) and an unstamped draft without a UUID', () => {
    const cfdi33 = cfdi40('').replace('http://www.sat.gob.mx/cfd/4', 'http://www.sat.gob.mx/cfd/3').replace('Version="4.0"', 'Version="3.3"');
    const reading = readCfdiXml(Buffer.from(`\uFEFF${cfdi33}`));
    expect(reading).toMatchObject({ kind: 'cfdi', document: { version: '3.3', emisor: { rfc: 'SAT970701NN3' } } });
    expect(reading.kind === 'cfdi' && reading.document.uuid).toBeUndefined();
  });

  it('should skip, with a reason, hostile or foreign XML instead of parsing it', () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/4">&lol2;</cfdi:Comprobante>`;
    const external = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><x>&xxe;</x>`;
    const cases: Array<[string, string | Buffer, RegExp]> = [
      ['entity expansion', laughs, /^dtd_not_allowed$/],
      ['external entity', external, /^dtd_not_allowed$/],
      ['malformed', '<cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/4"><cfdi:Emisor>', /^malformed_xml/],
      ['wrong namespace', cfdi40().replace('http://www.sat.gob.mx/cfd/4', 'http://evil.example/cfd/4'), /^not_a_cfdi: the namespace/],
      ['another root', '<?xml version="1.0"?><Factura><Emisor Rfc="SAT970701NN3"/></Factura>', /^not_a_cfdi: the root/],
      ['no parties', '<cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/4" Version="4.0"/>', /^not_a_cfdi: Emisor/],
      ['too large', Buffer.alloc(CFDI_XML_MAX_BYTES + 1, 0x20), /^too_large/],
      ['deeply nested', `<cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/4">${'<a>'.repeat(5_000)}${'</a>'.repeat(5_000)}</cfdi:Comprobante>`, /^malformed_xml/],
    ];
    for (const [name, xml, reason] of cases) {
      const reading = readCfdiXml(Buffer.isBuffer(xml) ? xml : Buffer.from(xml));
      expect({ name, reading }).toEqual({ name, reading: { kind: 'skipped', reason: expect.stringMatching(reason) } });
    }
  });

  it('should give a reason that can be stored (no control characters) for binary junk named .xml', () => {
    const reading = readCfdiXml(Buffer.from([0, 0x41, 0x1b, 0x3c]));
    expect(reading).toEqual({ kind: 'skipped', reason: expect.stringMatching(/^malformed_xml/) });
    expect(reading.kind === 'skipped' && /[\u0000-\u001f]/.test(reading.reason)).toBe(false);
  });

  it('should not take a TimbreFiscalDigital under a foreign namespace as the stamp', () => {
    const forged = cfdi40(TIMBRE.replace('http://www.sat.gob.mx/TimbreFiscalDigital', 'http://evil.example/tfd'));
    const reading = readCfdiXml(Buffer.from(forged));
    expect(reading.kind === 'cfdi' && reading.document.uuid).toBeUndefined();
  });
});
