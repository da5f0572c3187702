import { describe, expect, it } from '@jest/globals';
import { cannedResponseProblem, fillCannedText, unknownVariables } from './canned-variables.js';

describe('fillCannedText', () => {
  it('should replace every known variable when values are given', () => {
    expect(fillCannedText('Hola {{cliente}}, tu ticket {{ticket}} lo atiende {{ agente }}.', { cliente: 'Lorena', ticket: 'IF-000003', agente: 'Ana' })).toBe(
      'Hola Lorena, tu ticket IF-000003 lo atiende Ana.',
    );
  });

  it('should write a neutral word when a value is missing', () => {
    expect(fillCannedText('Hola {{cliente}}, escríbenos a {{correo}}', { cliente: null })).toBe('Hola cliente, escríbenos a tu correo');
  });

  it('should leave unknown placeholders as they are when they are not variables', () => {
    expect(fillCannedText('Total {{monto}}', {})).toBe('Total {{monto}}');
  });

  it('should not read a value as a template when it contains braces', () => {
    expect(fillCannedText('{{cliente}} {{ticket}}', { cliente: '{{ticket}}', ticket: 'IF-000001' })).toBe('{{ticket}} IF-000001');
  });
});

describe('unknownVariables', () => {
  it('should name placeholders that are not variables when a template has them', () => {
    expect(unknownVariables('Hola {{clienta}} {{cliente}} {{clienta}} {{}}')).toEqual(['clienta', '']);
  });

  it('should find nothing when every placeholder is known', () => {
    expect(unknownVariables('{{cliente}} {{ticket}} {{agente}} {{correo}} {{asunto}} {{severidad}}')).toEqual([]);
  });
});

describe('cannedResponseProblem', () => {
  const valid = { title: 'Saludo', body: 'Hola {{cliente}}', setStatus: null, setSeverity: null };

  it('should accept a response when its title, text and macro are valid', () => {
    expect(cannedResponseProblem(valid)).toBeUndefined();
    expect(cannedResponseProblem({ ...valid, setStatus: 'resolved', setSeverity: 0 })).toBeUndefined();
  });

  it('should refuse a response when its title or text is empty or too long', () => {
    expect(cannedResponseProblem({ ...valid, title: '  ' })).toMatch(/título/);
    expect(cannedResponseProblem({ ...valid, body: 'x'.repeat(5_001) })).toMatch(/texto/);
  });

  it('should name the unknown variable when the text uses one', () => {
    expect(cannedResponseProblem({ ...valid, body: 'Hola {{clienta}}' })).toMatch(/^Variable desconocida: \{\{clienta\}\}/);
  });

  it('should refuse a macro when its status or severity is not one the process has', () => {
    expect(cannedResponseProblem({ ...valid, setStatus: 'merged' as never })).toMatch(/estado/);
    expect(cannedResponseProblem({ ...valid, setSeverity: 4 })).toMatch(/severidad/);
  });
});
