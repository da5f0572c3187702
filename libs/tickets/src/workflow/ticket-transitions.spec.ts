import { describe, expect, it } from '@jest/globals';
import { applyTransition, type TicketState, type Transition } from './ticket-transitions.js';

const NOW = new Date('2026-03-02T16:00:00Z');
const open = (patch: Partial<TicketState> = {}): TicketState => ({ status: 'open', tier: 'L1', severity: 2, assigneeId: 'agent-1', ...patch });
const apply = (state: TicketState, transition: Transition) => applyTransition(state, transition, NOW);

describe('applyTransition', () => {
  it('should move an escalated ticket to the next tier, unassigned, with the reason on the event', () => {
    expect(apply(open(), { kind: 'escalate', reason: ' PAC caído ' })).toEqual({
      ok: true,
      patch: { tier: 'L2', status: 'open', assigneeId: null },
      event: { type: 'escalated', data: { from: 'L1', to: 'L2', reason: 'PAC caído' } },
    });
    expect(apply(open({ tier: 'L2' }), { kind: 'escalate', reason: 'defecto' })).toMatchObject({ ok: true, patch: { tier: 'L3' } });
  });

  it('should refuse to escalate without a reason, beyond L3, or a closed or pending-release ticket', () => {
    expect(apply(open(), { kind: 'escalate', reason: '  ' })).toEqual({ ok: false, reason: 'Escribe el motivo de la escalación.' });
    expect(apply(open({ tier: 'L3' }), { kind: 'escalate', reason: 'x' }).ok).toBe(false);
    expect(apply(open({ status: 'resolved' }), { kind: 'escalate', reason: 'x' }).ok).toBe(false);
    expect(apply(open({ status: 'pending_release', tier: 'L2' }), { kind: 'escalate', reason: 'x' }).ok).toBe(false);
  });

  it('should send a ticket that is not for its tier one tier down, unassigned and in the status it had, with the reason', () => {
    expect(apply(open({ tier: 'L3', status: 'waiting_customer' }), { kind: 'send_back', reason: ' No es un defecto: falta el CSD ' })).toEqual({
      ok: true,
      patch: { tier: 'L2', assigneeId: null },
      event: { type: 'sent_back', data: { from: 'L3', to: 'L2', reason: 'No es un defecto: falta el CSD' } },
    });
    expect(apply(open({ tier: 'L2' }), { kind: 'send_back', reason: 'Lo resuelve Help Desk' })).toMatchObject({ ok: true, patch: { tier: 'L1' } });
  });

  it('should refuse to send back from L1, without a reason, or a closed or pending-release ticket', () => {
    expect(apply(open(), { kind: 'send_back', reason: 'x' })).toEqual({ ok: false, reason: 'L1 (Help Desk) es el primer nivel: no hay a quién devolverlo.' });
    expect(apply(open({ tier: 'L2' }), { kind: 'send_back', reason: ' ' })).toEqual({ ok: false, reason: 'Escribe por qué lo devuelves: lo lee quien lo recibe.' });
    expect(apply(open({ tier: 'L2', status: 'resolved' }), { kind: 'send_back', reason: 'x' }).ok).toBe(false);
    expect(apply(open({ tier: 'L2', status: 'pending_release' }), { kind: 'send_back', reason: 'x' }).ok).toBe(false);
  });

  it('should hand an L3 fix back to L2 as pending release, then to L1 once released', () => {
    const ready = apply(open({ tier: 'L3' }), { kind: 'mark_fix_ready', note: 'parche' });
    expect(ready).toMatchObject({ ok: true, patch: { status: 'pending_release', tier: 'L2', assigneeId: null } });
    const released = apply(open({ status: 'pending_release', tier: 'L2' }), { kind: 'release', note: 'en producción' });
    expect(released).toMatchObject({ ok: true, patch: { status: 'open', tier: 'L1' }, event: { type: 'released' } });
    expect(apply(open({ tier: 'L2' }), { kind: 'mark_fix_ready', note: '' }).ok).toBe(false);
    expect(apply(open(), { kind: 'release', note: '' }).ok).toBe(false);
  });

  it('should resolve with a resolution and the time, but not before a pending fix is released', () => {
    expect(apply(open(), { kind: 'resolve', resolution: 'Listo' })).toEqual({
      ok: true,
      patch: { status: 'resolved', resolvedAt: NOW },
      event: { type: 'resolved', data: { resolution: 'Listo' } },
    });
    expect(apply(open({ status: 'pending_release' }), { kind: 'resolve', resolution: 'Listo' }).ok).toBe(false);
    expect(apply(open(), { kind: 'resolve', resolution: ' ' }).ok).toBe(false);
    expect(apply(open({ status: 'resolved' }), { kind: 'resolve', resolution: 'otra' }).ok).toBe(false);
  });

  it('should reopen only a resolved ticket and clear its resolution time', () => {
    expect(apply(open({ status: 'resolved' }), { kind: 'reopen', reason: 'sigue fallando' })).toMatchObject({
      ok: true,
      patch: { status: 'open', resolvedAt: null },
    });
    expect(apply(open(), { kind: 'reopen', reason: '' }).ok).toBe(false);
  });

  it('should switch between open and waiting for the customer, and not touch closed tickets', () => {
    expect(apply(open(), { kind: 'set_status', status: 'waiting_customer' })).toMatchObject({ ok: true, patch: { status: 'waiting_customer' } });
    expect(apply(open(), { kind: 'set_status', status: 'open' }).ok).toBe(false);
    expect(apply(open({ status: 'merged' }), { kind: 'set_status', status: 'open' }).ok).toBe(false);
  });

  it('should record a severity change from and to, and refuse an unchanged one', () => {
    expect(apply(open(), { kind: 'change_severity', severity: 0, reason: 'Caída general' })).toEqual({
      ok: true,
      patch: { severity: 0 },
      event: { type: 'severity_changed', data: { from: 2, to: 0, reason: 'Caída general' } },
    });
    expect(apply(open(), { kind: 'change_severity', severity: 2, reason: '' }).ok).toBe(false);
  });
});
