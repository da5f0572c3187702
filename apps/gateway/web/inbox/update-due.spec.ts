import { describe, expect, it } from '@jest/globals';
import type { TicketEvent } from './types.js';
import { staleProgressWarning, updateDueSoonLabel } from './update-due.js';

const NOW = new Date('2026-03-02T16:00:00Z').getTime();
const inMinutes = (minutes: number): string => new Date(NOW + minutes * 60_000).toISOString();
const updateQueuedAt = (iso: string): TicketEvent => ({ id: iso, type: 'status_update_queued', actorType: 'system', actorId: null, data: {}, createdAt: iso });
const ticket = (patch: { due?: string | null; note?: string | null; noteAt?: string | null; events?: TicketEvent[] }) => ({
  nextUpdateDueAt: patch.due === undefined ? inMinutes(12) : patch.due,
  progressNote: patch.note ?? null,
  progressNoteAt: patch.noteAt ?? null,
  events: patch.events ?? [],
});

describe('updateDueSoonLabel', () => {
  it('should say how soon the next status update goes out only within the last 15 minutes before it', () => {
    expect(updateDueSoonLabel(inMinutes(12), NOW)).toBe('Actualización al cliente en 12 min');
    expect(updateDueSoonLabel(inMinutes(15), NOW)).toBe('Actualización al cliente en 15 min');
    expect(updateDueSoonLabel(inMinutes(16), NOW)).toBeNull();
    expect(updateDueSoonLabel(inMinutes(-1), NOW)).toBeNull();
    expect(updateDueSoonLabel(null, NOW)).toBeNull();
  });
});

describe('staleProgressWarning', () => {
  it('should warn that the customer would only read that we are still working when no progress was written', () => {
    expect(staleProgressWarning(ticket({}), NOW)).toMatch(/^Actualización al cliente en 12 min \(.+\): sin un avance nuevo, el cliente leerá solo que seguimos trabajando\. Escribe qué ha cambiado\.$/);
  });

  it('should warn that the same progress would go out again when it was written before the last update', () => {
    const warning = staleProgressWarning(ticket({ note: 'Revisamos el PAC', noteAt: inMinutes(-300), events: [updateQueuedAt(inMinutes(-228))] }), NOW);
    expect(warning).toContain('el cliente leerá el mismo avance del');
  });

  it('should stay quiet when the progress is newer than the last update, or the update is not due soon', () => {
    expect(staleProgressWarning(ticket({ note: 'Ya hay parche', noteAt: inMinutes(-10), events: [updateQueuedAt(inMinutes(-228))] }), NOW)).toBeNull();
    expect(staleProgressWarning(ticket({ note: 'Primer avance', noteAt: inMinutes(-10) }), NOW)).toBeNull();
    expect(staleProgressWarning(ticket({ due: inMinutes(90) }), NOW)).toBeNull();
    expect(staleProgressWarning(ticket({ due: null }), NOW)).toBeNull();
  });
});
