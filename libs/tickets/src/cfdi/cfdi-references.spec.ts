import { describe, expect, it } from '@jest/globals';
import { findCfdiReferences } from './cfdi-references.js';

describe('findCfdiReferences', () => {
  it('should find valid RFCs, UUIDs and SAT codes in a customer mail, whatever their case', () => {
    const found = findCfdiReferences(
      `Buen día, la factura con folio fiscal 5d3a9c21-8b4e-4f0a-9c3d-2e1f0a9b8c7d emitida a sat970701nn3 nos regresa
       el error CFDI40145 y a veces CFDI40124. Nuestro RFC es CFE370814QI0 (por si acaso).`,
    );
    expect(found.rfc).toEqual(['SAT970701NN3', 'CFE370814QI0']);
    expect(found.uuid).toEqual(['5D3A9C21-8B4E-4F0A-9C3D-2E1F0A9B8C7D']);
    expect(found.satCodes).toEqual(['CFDI40145', 'CFDI40124']);
    expect(found.invoices).toEqual([]);
  });

  it('should keep an RFC with a wrong check digit apart, as a likely typo', () => {
    const found = findCfdiReferences('Mi RFC es SAT970701NN4, no me deja timbrar');
    expect(found.rfc).toEqual([]);
    expect(found.rfcInvalid).toEqual(['SAT970701NN4']);
  });

  it('should read invoices named by serie and folio, or by folio alone', () => {
    expect(findCfdiReferences('La factura serie A folio 1021 y la Serie: B, Folio: 88 no se timbraron').invoices).toEqual([
      { serie: 'A', folio: '1021' },
      { serie: 'B', folio: '88' },
    ]);
    expect(findCfdiReferences('me rechazaron el folio 4512').invoices).toEqual([{ folio: '4512' }]);
  });

  it('should find the other families of SAT codes and no code-like noise', () => {
    expect(findCfdiReferences('pagos: CRP20261, nómina NOM132, comercio exterior CCE20430, cfdi33118; no: CFDI4014, XCFDI40145').satCodes).toEqual([
      'CRP20261',
      'NOM132',
      'CCE20430',
      'CFDI33118',
    ]);
  });

  it('should return at most 20 of each kind from a text full of them', () => {
    const many = Array.from({ length: 500 }, (_, index) => `CFDI40${String(index % 1000).padStart(3, '0')}`).join(' ');
    expect(findCfdiReferences(many).satCodes).toHaveLength(20);
  });
});
