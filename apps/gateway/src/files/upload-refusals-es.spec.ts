import { describe, expect, it } from '@jest/globals';
import { uploadRefusalEs } from './upload-refusals-es.js';

describe('uploadRefusalEs', () => {
  it('should say in Spanish what was wrong with the form, and call anything else a malformed form', () => {
    expect(uploadRefusalEs('Too many files')).toBe('Envía un solo archivo por mensaje, en el campo file.');
    expect(uploadRefusalEs('Unexpected field')).toBe('El archivo va en el campo file.');
    expect(uploadRefusalEs('Too many parts')).toBe('El formulario tiene demasiados campos o campos demasiado largos.');
    for (const busboy of ['Unexpected end of form', 'Malformed part header', 'Multipart: Boundary not found']) {
      expect(uploadRefusalEs(busboy)).toBe('El formulario del archivo llegó incompleto o mal formado; envíalo de nuevo.');
    }
  });
});
