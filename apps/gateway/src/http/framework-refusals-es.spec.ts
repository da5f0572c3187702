import { describe, expect, it } from '@jest/globals';
import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import { frameworkRefusalEs } from './framework-refusals-es.js';

/** An http-errors instance as body-parser makes it (status, type, expose). */
const bodyParserError = (status: number, type: string) => Object.assign(new Error('request entity too large'), { status, statusCode: status, type, expose: true });

describe('frameworkRefusalEs', () => {
  it('should give Spanish for the refusals Nest and Express make', () => {
    expect(frameworkRefusalEs(new NotFoundException('Cannot GET /api/no-existe'))).toBe('No existe la ruta GET /api/no-existe.');
    expect(frameworkRefusalEs(new BadRequestException('Unexpected end of JSON input', { cause: new SyntaxError('Unexpected end of JSON input') }))).toBe(
      'El cuerpo de la solicitud no es JSON válido.',
    );
    expect(frameworkRefusalEs(new BadRequestException('URI malformed', { cause: new URIError('URI malformed') }))).toBe('La dirección tiene un carácter mal codificado (%).');
    expect(frameworkRefusalEs(new HttpException('request entity too large', 413, { cause: bodyParserError(413, 'entity.too.large') }))).toBe(
      'El cuerpo de la solicitud es demasiado grande.',
    );
  });

  it('should leave this code own refusals as they are', () => {
    expect(frameworkRefusalEs(new NotFoundException('El ticket IF-000009 no existe.'))).toBeUndefined();
    expect(frameworkRefusalEs(new BadRequestException({ statusCode: 400, code: 'invalid_input', message: 'body es obligatorio y debe ser texto' }))).toBeUndefined();
  });
});
