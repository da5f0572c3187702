import { describe, expect, it } from '@jest/globals';
import { refusalText } from './errors-es.js';

describe('refusalText', () => {
  it('should use the Spanish text of a known code when the server sends one', () => {
    expect(refusalText({ status: 409, message: 'whatever', code: 'canned_title_taken' })).toBe('Ya existe una respuesta predefinida con ese título.');
  });

  it.each([
    ['a maintenance window must be announced at least 7 days before it starts', 'Un mantenimiento se anuncia con al menos 7 días de anticipación.'],
    ['an agent with email ana@interfactura.com already exists', 'Ya existe un agente con el correo ana@interfactura.com.'],
    ['only tickets of the same customer can be merged', 'Solo se pueden fusionar tickets del mismo cliente.'],
    ['the ticket is already waiting_customer', 'El ticket ya está esperando al cliente.'],
    ['L3 Development is the last tier', 'L3 (Desarrollo) es el último nivel: no se escala más.'],
    ['Ana Help Desk is L1; the ticket is at L2', 'Ana Help Desk es de L1 y el ticket está en L2: solo se asigna a alguien de L2 o a un administrador.'],
    ['already linked to another incident: IF-000004, IF-000009', 'Ya están en otro incidente: IF-000004, IF-000009. Desvincúlalos de ese incidente primero.'],
    ['no such tickets: IF-999999', 'No existen estos tickets: IF-999999.'],
    ['L1 Help Desk or L2 Operations handle incidents; L3 follows them', 'Los incidentes los atienden L1 (Help Desk) y L2 (Operaciones); L3 los sigue.'],
  ])('should translate %p, an English text an older server wrote', (message, text) => {
    expect(refusalText({ status: 400, message })).toBe(text);
  });

  it('should say why an incident refuses a change when the server sends its code', () => {
    expect(refusalText({ status: 409, message: 'confirm the incident before speaking for it', code: 'incident_not_confirmed' })).toBe('Confirma el incidente antes de escribir a los clientes.');
  });

  it('should pass the server Spanish message through as it came', () => {
    for (const message of [
      'el número de ticket debe tener la forma IF-000123',
      'body es obligatorio y debe ser texto',
      'Solo L1 o L2 resuelve este ticket ahora.',
      'Un mantenimiento dura como máximo 24 horas.',
      'Variable desconocida: {{clienta}}. Usa {{cliente}}, {{agente}}, {{ticket}}.',
    ]) {
      expect(refusalText({ status: 400, message })).toBe(message);
    }
  });

  it('should fall back to a Spanish text for the status when the message is unknown English', () => {
    expect(refusalText({ status: 403, message: 'nope, not you' })).toBe('No tienes permiso para hacer esto.');
    expect(refusalText({ status: 502, message: 'Bad Gateway' })).toMatch(/^El servidor no pudo/);
    expect(refusalText({ status: 418, message: 'teapot' })).toBe('No se pudo completar la acción.');
  });
});
